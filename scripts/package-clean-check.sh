#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The package on a clean machine: a minimal Debian 12 root (mmdebstrap, apt only) gets the built
# .deb with `apt-get install ./latentlab_*.deb`, which must pull every runtime dependency; then the
# installed latentlab-cli lists the presets and the GUI saves an offscreen screenshot inside it.
# Run as root after scripts/package-check.sh (or `cpack -G DEB` in the build folder).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
root=${1:-$build_dir/clean-root}
deb=$(ls -t "$build_dir"/latentlab_*_*.deb | head -1)
command -v mmdebstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null
rm -rf "$root"
# The same Debian sources as this machine (a mirror or snapshot) so the versions match.
mmdebstrap --mode=root --variant=apt --format=directory bookworm "$root" /etc/apt/sources.list.d/*.sources 2>&1 | tail -2
cp "$deb" "$root/tmp/"
mount -t proc proc "$root/proc"
trap 'umount "$root/proc" 2>/dev/null || true' EXIT
chroot "$root" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/$(basename "$deb") >/dev/null"
chroot "$root" latentlab-cli presets | grep '^mlp-vae'
chroot "$root" env QT_QPA_PLATFORM=offscreen HOME=/tmp latentlab --quit-after-show --screenshot /tmp/clean.png
cp "$root/tmp/clean.png" "$build_dir/package-clean-check.png"
echo "package-clean-check: $(basename "$deb") installed with its dependencies into a minimal Debian root; CLI and GUI run there; screenshot $build_dir/package-clean-check.png"
