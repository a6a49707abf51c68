#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# CelebA preprocessing throughput: 178x218 JPEG -> centre crop 148 -> 64x64, on all cores, from a
# synthetic folder in CelebA's exact layout. Each run starts with an empty cache, so it measures
# parsing + decoding + resizing + writing the cache. Prints images per second for each run.
#   bench/preprocess_speed.sh [IMAGES=10000] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${2:-3}
cli=${CLI:-build/app/latentlab-cli}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$cli" datasets synth-celeba "$work/celeba" --n "$n" >/dev/null
for r in $(seq "$runs"); do
  data="$work/data-$r"
  start=$(date +%s.%N)
  LATENTLAB_DATA="$data" "$cli" datasets check "celeba:$work/celeba" >/dev/null 2>&1
  end=$(date +%s.%N)
  python3 -c "import sys; n,t=int(sys.argv[1]),float(sys.argv[2])-float(sys.argv[3]); print(f'run {sys.argv[4]}: {n} images in {t:.2f} s = {n/t:.0f} images/s')" "$n" "$end" "$start" "$r"
done
start=$(date +%s.%N)
LATENTLAB_DATA="$work/data-1" "$cli" datasets check "celeba:$work/celeba" >/dev/null 2>&1
end=$(date +%s.%N)
python3 -c "import sys; print(f'cached load: {float(sys.argv[1])-float(sys.argv[2]):.2f} s')" "$end" "$start"
