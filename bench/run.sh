#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Benchmarks: installs the Python peers (Debian's python3-torch for the VAE, python3-sklearn for
# bench/tsne_peer.py's t-SNE; benchmark only), builds, runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
pkgs=(python3-torch python3-torchvision python3-sklearn)
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || {
    sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${pkgs[@]}" >/dev/null; break; }
done
scripts/build.sh
/usr/bin/python3 bench/vae_speed.py "$@"
