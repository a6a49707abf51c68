#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The main job: set up, build, fetch the digits, and open LatentLab training the default MNIST VAE
# (mlp-vae). With no display (a server, CI), the window runs under Xvfb, trains, saves a screenshot
# to runs/latentlab.png and exits; the CLI then writes runs/mlp-vae/samples.png from the same preset.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
scripts/fetch-data.sh
mkdir -p runs
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec build/app/latentlab --dataset mnist --preset mlp-vae --autostart "$@"
fi
xvfb-run -a -s "-screen 0 1400x900x24" build/app/latentlab --dataset mnist --preset mlp-vae --autostart \
  --screenshot runs/latentlab.png --quit-when-done "$@"
echo "screenshot of the training window: runs/latentlab.png"
# A second run continues the first one's checkpoint (one more epoch) instead of replacing it.
if [ -f runs/mlp-vae/checkpoint ]; then
  build/app/latentlab-cli train --resume runs/mlp-vae
else
  build/app/latentlab-cli train --preset mlp-vae --dataset mnist --out runs/mlp-vae
fi
echo "samples: runs/mlp-vae/samples.png  reconstructions: runs/mlp-vae/reconstructions.png"
