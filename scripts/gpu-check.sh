#!/usr/bin/env bash
# GPU check, for a CUDA machine with a Python PyTorch install and nothing else of ours:
# builds the engine + latentlab-cli against torch's bundled LibTorch (no Qt, no OpenCV), then
# trains mlp-vae for 2 epochs on CUDA (and on the CPU for comparison) and prints epoch times; with
# two GPUs, also a two-rank data-parallel run through torchrun (docs/scale-out.md).
#
# Needs: cmake, a C++17 compiler, python3 with torch. Optional inputs under $LATENTLAB_DEPS
# (default .gpu-deps): include/nlohmann/json.hpp when the machine lacks nlohmann-json, and
# fashion-mnist/*.gz (or any MNIST-layout folder) as the data. Prepare them on a Debian machine with
#   scripts/gpu-check.sh --prepare
set -euo pipefail
cd "$(dirname "$0")/.."
deps=${LATENTLAB_DEPS:-.gpu-deps}

if [ "${1:-}" = "--prepare" ]; then
  mkdir -p "$deps/include" "$deps/fashion-mnist"
  cp -r /usr/include/nlohmann "$deps/include/"
  cp /usr/share/datasets/fashion-mnist/*.gz "$deps/fashion-mnist/"
  echo "prepared $deps (add it to .git/info/exclude and carry it to the GPU machine)"
  exit 0
fi

prefix=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, "device", torch.cuda.get_device_name(0) if torch.cuda.is_available() else "none")'
gen=(); command -v ninja >/dev/null && gen=(-G Ninja)
build=${BUILD_DIR:-build-gpu}
cmake -S . -B "$build" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" \
  -DLATENTLAB_DEPS_INCLUDE="$PWD/$deps/include" \
  -DLATENTLAB_WITH_OPENCV=OFF -DLATENTLAB_BUILD_GUI=OFF -DLATENTLAB_BUILD_TESTS=OFF -DLATENTLAB_BUILD_BENCH=OFF
cmake --build "$build" --target latentlab-cli -j "$(nproc)"

data=$(mktemp -d)
for f in "$deps"/fashion-mnist/*; do
  case "$f" in *.gz) gzip -dc "$f" > "$data/$(basename "${f%.gz}")" ;; *) cp "$f" "$data/" ;; esac
done
cli="$build/app/latentlab-cli"
"$cli" datasets check "fashion-mnist:$data"
for device in cuda cpu; do
  echo "== mlp-vae on $device"
  "$cli" train --preset mlp-vae --dataset "fashion-mnist:$data" --epochs 2 --device "$device" --out "$data/run-$device"
done
echo "== conv-vae on cuda"
"$cli" train --preset conv-vae --dataset "fashion-mnist:$data" --epochs 2 --device cuda --out "$data/run-conv"

# Data parallelism on the GPUs: two ranks over NCCL (or Gloo where the build found no nccl.h; the
# run's "ranks" line says which), started by torchrun, when the machine has two GPUs.
gpus=$(python3 -c 'import torch; print(torch.cuda.device_count())')
if [ "$gpus" -ge 2 ]; then
  echo "== conv-vae on 2 GPUs, 2 ranks (torchrun), batch 64 per rank"
  python3 -m torch.distributed.run --standalone --nproc_per_node 2 --no_python \
    --redirects 2 --tee 2 --log_dir "$data/torchrun-logs" \
    "$cli" train --preset conv-vae --dataset "fashion-mnist:$data" --epochs 2 --device cuda --batch 64 \
    --out "$data/run-ddp"
  echo "== conv-vae on 1 GPU, batch 128 (the same global batch)"
  "$cli" train --preset conv-vae --dataset "fashion-mnist:$data" --epochs 2 --device cuda --batch 128 \
    --out "$data/run-1gpu"
else
  echo "== skipped the 2-rank NCCL run: $gpus GPU(s)"
fi
