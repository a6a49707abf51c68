#!/usr/bin/env bash
# The main job: set up, build, fetch the digits, and train the default MNIST VAE (mlp-vae).
# Writes runs/mlp-vae/{checkpoint,metrics.csv,reconstructions.png,samples.png}.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
scripts/fetch-data.sh
out=${1:-runs/mlp-vae}
build/app/latentlab-cli train --preset mlp-vae --dataset mnist --out "$out"
echo "samples: $out/samples.png  reconstructions: $out/reconstructions.png"
