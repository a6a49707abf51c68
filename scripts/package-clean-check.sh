#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The package on a clean machine: a minimal Debian 12 root (mmdebstrap, apt only) gets the built
# .deb with `apt-get install ./latentlab_*.deb`, which must pull every runtime dependency; then the
# installed latentlab-cli lists the presets and the GUI saves an offscreen screenshot inside it; with
# man-db and shared-mime-info (the package recommends them) the man pages open and a checkpoint is
# in the shared MIME database with its magic bytes.
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
chroot "$root" sh -c "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends man-db shared-mime-info file >/dev/null"
chroot "$root" man -w latentlab-cli | grep -q 'man1/latentlab-cli.1' || { echo "man latentlab-cli: no page"; exit 1; }
chroot "$root" sh -c 'MANWIDTH=80 man latentlab 2>/dev/null' | grep -q -- '--lesson' || { echo "man latentlab: no --lesson"; exit 1; }
chroot "$root" test -s /usr/share/bash-completion/completions/latentlab-cli
# shared-mime-info's trigger compiled our XML into the database: the type, with its magic bytes.
for type in x-latentlab-checkpoint x-latentlab-session; do
  chroot "$root" test -f /usr/share/mime/application/$type.xml || { echo "MIME: $type is not in the shared MIME database"; exit 1; }
done
chroot "$root" grep -q 'LLTENSOR' /usr/share/mime/magic || { echo "MIME: the checkpoint magic is not in /usr/share/mime/magic"; exit 1; }
chroot "$root" env QT_QPA_PLATFORM=offscreen HOME=/tmp latentlab --quit-after-show --screenshot /tmp/clean.png
cp "$root/tmp/clean.png" "$build_dir/package-clean-check.png"
echo "package-clean-check: $(basename "$deb") installed with its dependencies into a minimal Debian root; CLI and GUI run there; screenshot $build_dir/package-clean-check.png"
