#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Debian package, installs it with apt (which pulls its runtime dependencies) and runs
# the installed programs: `latentlab-cli presets` and an offscreen screenshot of the GUI with the
# bundled lessons found relative to /usr/bin. Run as root (or with sudo) on a Debian 12 machine.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
out=${1:-$build_dir/package-check}
scripts/setup.sh
scripts/build.sh
(cd "$build_dir" && cpack -G DEB)
deb=$(ls -t "$build_dir"/latentlab_*_*.deb | head -1)
echo "package-check: $deb"
dpkg-deb --field "$deb" Package Version Depends Recommends
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "./$deb" >/dev/null

mkdir -p "$out"
cd "$out"   # away from the source tree: the installed files must stand on their own
/usr/bin/latentlab-cli presets | tee presets.txt
grep -q '^mlp-vae' presets.txt
lessons=$(ls /usr/share/latentlab/lessons/*.json | wc -l)
[ "$lessons" -ge 3 ] || { echo "package-check: lessons missing" >&2; exit 1; }
QT_QPA_PLATFORM=offscreen /usr/bin/latentlab --quit-after-show --screenshot installed.png
head -c 8 installed.png | od -An -c | grep -q 'P   N   G' || { echo "package-check: no screenshot" >&2; exit 1; }
test -f /usr/share/applications/io.github.latentlab.latentlab.desktop
test -f /usr/share/metainfo/io.github.latentlab.latentlab.metainfo.xml
test -f /usr/share/icons/hicolor/scalable/apps/latentlab.svg
test -f /usr/share/icons/hicolor/256x256/apps/latentlab.png
test -f /usr/share/doc/latentlab/copyright
# The MIME package is registered (dpkg's shared-mime-info trigger ran): a run folder's checkpoint
# (no extension) is recognised by its magic.
grep -q 'application/x-latentlab-checkpoint' /usr/share/mime/types \
  || { echo "package-check: MIME types not registered" >&2; exit 1; }
printf 'LLTENSOR' > checkpoint
if command -v gio >/dev/null; then
  gio info -a standard::content-type checkpoint | grep -q x-latentlab-checkpoint \
    || { echo "package-check: a checkpoint is not recognised" >&2; exit 1; }
fi
echo "package-check: installed $deb; CLI and GUI run from /usr/bin; screenshot $out/installed.png"
