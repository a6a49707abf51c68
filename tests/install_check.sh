#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `cmake --install` to a fresh prefix, then run the installed programs from there: the CLI lists the
# presets, and the GUI finds the lessons relative to itself (<prefix>/bin/../share/latentlab).
# usage: install_check.sh BUILD_DIR
set -eu
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
"$prefix/bin/latentlab-cli" presets | grep -q '^mlp-vae' || { echo "installed CLI lists no presets"; exit 1; }
test -f "$prefix/share/applications/io.github.latentlab.latentlab.desktop"
test -f "$prefix/share/icons/hicolor/scalable/apps/latentlab.svg"
test -f "$prefix/share/latentlab/python/latentlab_model.py"
test -f "$prefix/share/mime/packages/io.github.latentlab.latentlab.xml"
test -f "$prefix/share/doc/latentlab/copyright"
test -f "$prefix/share/doc/latentlab/LICENSE"
test -s "$prefix/share/man/man1/latentlab-cli.1"
test -s "$prefix/share/bash-completion/completions/latentlab-cli"
grep -q '^\.TH LATENTLAB\\-CLI 1' "$prefix/share/man/man1/latentlab-cli.1" || { echo "installed latentlab-cli.1 is not a man page"; exit 1; }
if [ -x "$prefix/bin/latentlab" ]; then
  cd /
  found=$(env -u LATENTLAB_RESOURCES QT_QPA_PLATFORM=offscreen "$prefix/bin/latentlab" --list-lessons 2>/dev/null)
  echo "$found"
  echo "$found" | grep -q "^01-ae-holes " || { echo "installed GUI lists no lesson 01"; exit 1; }
  echo "$found" | grep -q "(in $prefix/bin/../share/latentlab/lessons;\|(in $(cd "$prefix" && pwd -P)/share/latentlab/lessons;" \
    || { echo "installed GUI does not find its lessons under $prefix"; exit 1; }
  test -s "$prefix/share/man/man1/latentlab.1"
  test -s "$prefix/share/bash-completion/completions/latentlab"
  QT_QPA_PLATFORM=offscreen "$prefix/bin/latentlab" --quit-after-show --screenshot "$prefix/shot.png" 2>/dev/null
  test -s "$prefix/shot.png"
fi
echo "install_check: installed to $prefix and ran from there"
