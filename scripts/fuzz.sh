#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the fuzz targets with clang + libFuzzer (+ AddressSanitizer/UBSan) and runs each for
# RUNS executions (default 3,000,000), starting from tests/fuzz/corpus/. Plain sources only: no torch.
#   scripts/fuzz.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3000000}
out=${FUZZ_DIR:-build-fuzz}
mkdir -p "$out"
common=(-std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined -I. -DLATENTLAB_HAVE_ZLIB)
clang++ "${common[@]}" tests/fuzz/fuzz_idx.cpp core/data/idx_reader.cpp core/data/file_io.cpp -lz -o "$out/fuzz_idx"
clang++ "${common[@]}" tests/fuzz/fuzz_celeba_attr.cpp core/data/celeba_text.cpp -o "$out/fuzz_celeba_attr"
clang++ "${common[@]}" tests/fuzz/fuzz_checkpoint.cpp core/data/tensor_file.cpp core/data/file_io.cpp \
  core/models/model_info_json.cpp core/models/run_config.cpp core/models/run_params.cpp -lz -o "$out/fuzz_checkpoint"
for t in idx celeba_attr checkpoint; do
  work="$out/corpus_$t"
  mkdir -p "$work"
  cp -n tests/fuzz/corpus/$t/* "$work/" 2>/dev/null || true
  echo "== fuzz_$t: $runs runs"
  max_len=4096
  [ "$t" = checkpoint ] && max_len=16384 # a small model's checkpoint is ~5 KB
  "$out/fuzz_$t" -runs="$runs" -max_len="$max_len" -print_final_stats=1 "$work" 2>&1 | grep -E "^(#[0-9]+ *DONE|stat::|==|SUMMARY|Done)" || true
done
