#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The one-command GPU check (docs/scale-out.md, "The GPU check"): on a CUDA machine that has Python
# PyTorch, CMake, Ninja and a compiler but nothing else of ours (no Qt, no OpenCV, no network), it
# builds latentlab-cli against torch's LibTorch, trains every kind of model on CUDA, compares with
# the CPU and with PyTorch peers, runs two data-parallel ranks on one GPU over Gloo, and writes what
# it measured into one folder of at most 8 files: summary.md, summary.json, console.log, build.log,
# logs.tar.gz and run-mlp-vae-cuda.tar.gz.
#
#   scripts/gpu-check.sh --prepare   # here (Debian): gather .gpu-deps/ (headers and data, < 60 MiB)
#   scripts/gpu-check.sh [OUTDIR]    # there: OUTDIR defaults to $OUT, else gpu-check-out
#
# The check keeps to a time budget: a step starts only when its estimate fits, optional steps (the
# second peer pair) only before GPU_CHECK_BUDGET seconds (default 420), no step runs past
# GPU_CHECK_HARD (default 540; the device tool stops a command at 600). Skipped steps are listed.
#
# Rehearsal on a machine without a GPU (uses the built BUILD_DIR, default build/, on the CPU, with
# tiny sizes: 6,000 Fashion-MNIST and 1,800 faces; Debian's python3-torch for the peers):
#   GPU_CHECK_DEVICE=cpu GPU_CHECK_SMALL=1 scripts/gpu-check.sh /tmp/gpu-check-rehearsal
# Other settings: BUILD_DIR, GPU_CHECK_BUILD (1: configure and build first; default 1 on CUDA, 0 in
# a rehearsal), GPU_CHECK_BUILD_ONLY=1 (stop after the build), GPU_CHECK_JOBS, GPU_CHECK_PYTHON,
# GPU_CHECK_WORK (scratch folder; GPU_CHECK_KEEP_DATA=1 keeps its unpacked data), TORCH_PREFIX
# (CMake prefix of LibTorch; default torch.utils.cmake_prefix_path), LATENTLAB_DEPS (.gpu-deps),
# GPU_CHECK_BUDGET, GPU_CHECK_HARD.
set -uo pipefail   # no -e: a failed step is recorded and the check goes on
cd "$(dirname "$0")/.."
root=$PWD
deps=${LATENTLAB_DEPS:-.gpu-deps}
case "$deps" in /*) ;; *) deps=$root/$deps ;; esac

# ---------------------------------------------------------------------------------------------
# --prepare: everything the runs need that the GPU image lacks, into $deps (git-ignored).
prepare() {
  set -e
  local py=${GPU_CHECK_PYTHON:-/usr/bin/python3}       # needs numpy (bench/latentlab_cache.py)
  local cli=${PREP_CLI:-build/app/latentlab-cli}      # a build with OpenCV: it draws the faces
  local tmp=$deps.tmp
  rm -rf "$tmp"
  mkdir -p "$tmp/include" "$tmp/data/fashion-mnist"
  {
    echo "Prepared $(date -u +%Y-%m-%dT%H:%MZ) by scripts/gpu-check.sh --prepare on $(uname -n)."
    echo "include/nlohmann: $(dpkg-query -W -f='${Package} ${Version}' nlohmann-json3-dev 2>/dev/null || echo /usr/include/nlohmann)"
  } > "$tmp/README.txt"
  cp -r /usr/include/nlohmann "$tmp/include/"
  # nanoflann (t-SNE in the latent layer; optional): the header and its CMake package, whose paths
  # are relative, so adding $deps to CMAKE_PREFIX_PATH finds it.
  if [ -f /usr/include/nanoflann.hpp ] && [ -d /usr/share/nanoflann/cmake ]; then
    cp /usr/include/nanoflann.hpp "$tmp/include/"
    mkdir -p "$tmp/share/nanoflann"
    cp -r /usr/share/nanoflann/cmake "$tmp/share/nanoflann/"
    echo "include/nanoflann.hpp, share/nanoflann: $(dpkg-query -W -f='${Package} ${Version}' libnanoflann-dev 2>/dev/null)" >> "$tmp/README.txt"
  fi
  prepare_gloo "$tmp"
  # Fashion-MNIST as raw IDX compressed with xz: 26 MB instead of 30 MB as .gz.
  for f in /usr/share/datasets/fashion-mnist/*-ubyte.gz; do
    gzip -dc "$f" | xz -9e -T1 > "$tmp/data/fashion-mnist/$(basename "${f%.gz}").xz"
  done
  echo "data/fashion-mnist: /usr/share/datasets/fashion-mnist (dataset-fashion-mnist), as raw IDX in xz" >> "$tmp/README.txt"
  # Faces: synthfaces needs OpenCV to draw, so the faces travel as a dataset cache (cache:FILE).
  "$cli" datasets cache synthfaces:20000 --out "$tmp/faces-20000.cache"
  "$py" bench/latentlab_cache.py pack "$tmp/faces-20000.cache" "$tmp/data/faces-20000.cache.xz"
  echo "data/faces-20000.cache.xz: synthfaces:20000 (seed 1) from $cli, packed by bench/latentlab_cache.py" >> "$tmp/README.txt"
  rm "$tmp/faces-20000.cache"
  rm -rf "$deps"
  mv "$tmp" "$deps"
  (cd "$deps" && find . -type f -size +100k -exec ls -l {} + | awk '{print $5, $9}')
  local kib
  kib=$(du -sk "$deps" | cut -f1)
  echo "prepared $deps: $((kib / 1024)) MiB (must stay under 60 MiB to travel with the tree)"
  [ "$kib" -lt $((60 * 1024)) ] || { echo "too large to carry" >&2; exit 1; }
}

# Gloo headers for ProcessGroupGloo.hpp (the wheels ship none). From a Gloo git checkout or bare
# repository in GLOO_GIT (pytorch/gloo; the commit is recorded), configured as PyTorch's Linux
# CUDA wheels build it (cmake/Dependencies.cmake: USE_CUDA on, NCCL/RCCL switched off for Gloo,
# GLOO_USE_TORCH_DTYPES 1, TLS transport from USE_GLOO_WITH_OPENSSL, no ibverbs, no libuv on
# Linux); else Debian's libgloo-dev headers (2022).
prepare_gloo() {
  local tmp=$1
  if [ -n "${GLOO_GIT:-}" ]; then
    local git=(git -C "$GLOO_GIT")
    "${git[@]}" archive HEAD gloo | tar -x -C "$tmp/include" --wildcards '*.h' \
      --exclude='gloo/test/*' --exclude='gloo/benchmark/*' --exclude='gloo/examples/*'
    local major minor patch
    read -r major minor patch < <("${git[@]}" show HEAD:CMakeLists.txt |
      sed -n 's/^set(GLOO_VERSION_\(MAJOR\|MINOR\|PATCH\) \([0-9]*\))/\2/p' | paste -sd' ')
    "${git[@]}" show HEAD:gloo/config.h.in | sed \
      -e "s/@GLOO_VERSION_MAJOR@/$major/; s/@GLOO_VERSION_MINOR@/$minor/; s/@GLOO_VERSION_PATCH@/$patch/" \
      -e 's/^#cmakedefine01 \(GLOO_USE_CUDA\|GLOO_HAVE_TRANSPORT_TCP\|GLOO_HAVE_TRANSPORT_TCP_TLS\|GLOO_USE_TORCH_DTYPES\)$/#define \1 1/' \
      -e 's/^#cmakedefine01 \(GLOO_[A-Z_]*\)$/#define \1 0/' > "$tmp/include/gloo/config.h"
    echo "include/gloo: pytorch/gloo $("${git[@]}" rev-parse HEAD) ($("${git[@]}" log -1 --format=%cs)), version $major.$minor.$patch; config.h by hand as PyTorch's Linux CUDA wheels configure it" >> "$tmp/README.txt"
  elif [ -f /usr/include/gloo/config.h ]; then
    cp -r /usr/include/gloo "$tmp/include/"
    echo "include/gloo: Debian's $(dpkg-query -W -f='${Package} ${Version}' libgloo-dev 2>/dev/null) (older than the wheel's Gloo)" >> "$tmp/README.txt"
  else
    echo "no Gloo headers (set GLOO_GIT or install libgloo-dev): the data-parallel run will be refused" >&2
  fi
}

if [ "${1:-}" = "--prepare" ]; then
  prepare
  exit 0
fi

# --build (the check's build step, run under its time limit): configure against torch's LibTorch
# and build latentlab-cli, every compile error shown in one run (-k 0).
if [ "${1:-}" = "--build" ]; then
  set -e
  build=${BUILD_DIR:-build-gpu}
  prefix=${TORCH_PREFIX-$("${GPU_CHECK_PYTHON:-python3}" -c 'import torch; print(torch.utils.cmake_prefix_path)')}
  # We compile no .cu file; the architecture only spares torch's CMake its GPU detection.
  export TORCH_CUDA_ARCH_LIST=${TORCH_CUDA_ARCH_LIST:-9.0}
  gen=(); command -v ninja > /dev/null && gen=(-G Ninja)
  set -x
  cmake -S . -B "$build" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix;$deps" \
    -DCMAKE_CUDA_ARCHITECTURES=90 -DLATENTLAB_DEPS_INCLUDE="$deps/include" \
    -DLATENTLAB_WITH_OPENCV=OFF -DLATENTLAB_BUILD_GUI=OFF -DLATENTLAB_BUILD_TESTS=OFF -DLATENTLAB_BUILD_BENCH=OFF
  if [ ${#gen[@]} -gt 0 ]; then
    cmake --build "$build" --target latentlab-cli -- -k 0 -j "${GPU_CHECK_JOBS:-$(nproc)}"
  else
    cmake --build "$build" --target latentlab-cli -j "${GPU_CHECK_JOBS:-$(nproc)}" -- -k
  fi
  exit 0
fi

# ---------------------------------------------------------------------------------------------
# The check.
device=${GPU_CHECK_DEVICE:-cuda}
small=${GPU_CHECK_SMALL:-0}
out=${1:-${OUT:-gpu-check-out}}
mkdir -p "$out"
out=$(cd "$out" && pwd)
if [ "$device" = cuda ]; then
  build=${BUILD_DIR:-build-gpu}; do_build=${GPU_CHECK_BUILD:-1}; py=${GPU_CHECK_PYTHON:-python3}
else
  build=${BUILD_DIR:-build}; do_build=${GPU_CHECK_BUILD:-0}; py=${GPU_CHECK_PYTHON:-/usr/bin/python3}
fi
case "$build" in /*) ;; *) build=$root/$build ;; esac
jobs=${GPU_CHECK_JOBS:-$(nproc)}
threads=$(nproc)
budget=${GPU_CHECK_BUDGET:-420}
hard=${GPU_CHECK_HARD:-540}
work=${GPU_CHECK_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/gpu-check.XXXXXX")}
mkdir -p "$work/logs" "$work/runs" "$work/data" "$work/results"
: > "$work/steps.tsv"
export WORK=$work
cli=$build/app/latentlab-cli
ddp_threads=$(( threads / 2 > 0 ? threads / 2 : 1 ))
exec > >(tee "$out/console.log") 2>&1
tee_pid=$!
SECONDS=0
failed=0
echo "GPU check: device $device, build $build (build it: $do_build), python $py, work $work, output $out"

# Sizes: the real check, or a rehearsal small enough for 2 CPU cores.
if [ "$small" = 1 ]; then
  ep=1; ep_long=1; faces_n=2000; repeat=2; dsprites=dsprites:2000; fm_limit=(--train 6000 --test 1000); pairs2=0
else
  ep=2; ep_long=3; faces_n=20000; repeat=10; dsprites=dsprites; fm_limit=(); pairs2=1
fi
fm=$work/data/fashion-mnist
faces=$work/data/faces-$faces_n.cache

record() { # name status rc seconds command...
  local name=$1 status=$2 rc=$3 secs=$4; shift 4
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$status" "$rc" "$secs" "$name.log" "$(echo "$*" | tr '\t\n' '  ')" >> "$work/steps.tsv"
}

# step NAME ESTIMATE_S LIMIT_S required|optional COMMAND...: runs COMMAND with its output in
# logs/NAME.log (the last lines echoed), stopped with SIGINT at the limit (latentlab-cli then ends
# after the current batch), or skipped when its estimate does not fit the time left.
step() {
  local name=$1 est=$2 limit=$3 kind=$4
  shift 4
  local now=$SECONDS log=$work/logs/$name.log
  if (( now + est > hard )) || { [ "$kind" = optional ] && (( now + est > budget )); }; then
    echo "== $name: SKIPPED at ${now} s (needs about ${est} s; optional steps stop at ${budget} s, all at ${hard} s)"
    record "$name" skipped - 0 "$@"
    return 0
  fi
  (( limit > hard - now )) && limit=$((hard - now))
  echo "== $name (at ${now} s, limit ${limit} s): $*"
  local t0=$SECONDS
  timeout --signal=INT --kill-after=15 "$limit" "$@" > "$log" 2>&1
  local rc=$? status=ok
  (( rc == 124 || rc == 137 )) && status=timeout
  (( rc != 0 && rc != 124 && rc != 137 )) && status=failed
  [ "$status" = ok ] || failed=1
  tail -n "${TAIL_LINES:-12}" "$log" | sed 's/^/   | /'
  echo "   -> $status (rc $rc) in $((SECONDS - t0)) s"
  record "$name" "$status" "$rc" "$((SECONDS - t0))" "$@"
  return "$rc"
}

# A training run: the steady per-epoch figures follow its log.
train_step() { # name est limit kind preset dataset epochs extra...
  local name=$1 est=$2 limit=$3 kind=$4 preset=$5 dataset=$6 epochs=$7
  shift 7
  step "$name" "$est" "$limit" "$kind" "$cli" train --preset "$preset" --dataset "$dataset" --epochs "$epochs" \
    --seed 1 --out "$work/runs/$name" --force "$@" && "$py" scripts/gpu_check.py epochs "$work/logs/$name.log"
}

finish() {
  echo "== packing ($SECONDS s)"
  printf '{"mode": "%s", "device": "%s", "elapsed_s": %s, "machine": %s}\n' \
    "$([ "$small" = 1 ] && echo "rehearsal, small sizes" || echo "full check")" "$device" "$SECONDS" \
    "$(cat "$work/machine.json" 2>/dev/null || echo '{}')" > "$work/meta.json"
  "$py" scripts/gpu_check.py summary "$work" "$out" > "$work/logs/summary.log" 2>&1 || echo "summary failed: $(tail -3 "$work/logs/summary.log")"
  [ -f "$work/logs/build.log" ] && cp "$work/logs/build.log" "$out/build.log"
  [ -f "$out/build.log" ] || echo "not built by this check: used $build" > "$out/build.log"
  [ -d "$work/runs/mlp-vae-cuda" ] && tar -C "$work/runs" -czf "$out/run-mlp-vae-cuda.tar.gz" mlp-vae-cuda
  (cd "$work" && tar -czf "$out/logs.tar.gz" logs steps.tsv ./*.json results)
  [ "${GPU_CHECK_KEEP_DATA:-0}" = 1 ] || rm -rf "$work/data"   # 300 MB unpacked; the logs and runs stay
  echo "== wrote $(find "$out" -type f | wc -l) files to $out in $SECONDS s (scratch: $work):"
  ls -l "$out"
}

# --- the machine -------------------------------------------------------------------------------
step info 15 60 required "$py" scripts/gpu_check.py machine "$work/machine.json"
command -v nvidia-smi > /dev/null && nvidia-smi -L
[ "$device" = cuda ] && command -v nvcc > /dev/null && nvcc --version | tail -2

# --- data (unpacked while the build runs) ------------------------------------------------------
unpack() {
  "$py" scripts/gpu_check.py unpack-idx "$deps/data/fashion-mnist" "$fm" "${fm_limit[@]}" || return
  if [ "$small" = 1 ]; then
    "$py" bench/latentlab_cache.py unpack "$deps/data/faces-20000.cache.xz" "$work/data/faces-20000.cache" &&
      "$py" bench/latentlab_cache.py subset "$work/data/faces-20000.cache" "$faces" 1800 200
  else
    "$py" bench/latentlab_cache.py unpack "$deps/data/faces-20000.cache.xz" "$faces"
  fi
}
timed_unpack() {
  local t0=$SECONDS rc
  unpack
  rc=$?
  echo "unpacked in $((SECONDS - t0)) s"
  return "$rc"
}
timed_unpack > "$work/logs/unpack.log" 2>&1 &
unpack_pid=$!

# --- build -------------------------------------------------------------------------------------
if [ "$do_build" = 1 ]; then
  TAIL_LINES=25 step build 200 420 required env BUILD_DIR="$build" GPU_CHECK_JOBS="$jobs" GPU_CHECK_PYTHON="$py" \
    LATENTLAB_DEPS="$deps" bash "$root/scripts/gpu-check.sh" --build
  build_rc=$?
else
  echo "== build: not built by this check (GPU_CHECK_BUILD=0), using $cli"
  build_rc=0
  [ -x "$cli" ] || build_rc=1
fi
wait "$unpack_pid"
unpack_rc=$?
cat "$work/logs/unpack.log"
unpack_s=$(sed -n 's/^unpacked in \([0-9]*\) s$/\1/p' "$work/logs/unpack.log")
record unpack "$([ $unpack_rc = 0 ] && echo ok || echo failed)" "$unpack_rc" "${unpack_s:-0}" unpack "$deps/data" into "$work/data"
if [ "$build_rc" != 0 ] || [ ! -x "$cli" ] || [ "$unpack_rc" != 0 ]; then
  echo "== the build or the data failed: no runs (see build.log and logs/unpack.log)"
  finish
  exec >&- 2>&-
  wait "$tee_pid"
  exit 1
fi
# What the build found: Gloo and NCCL decide the data-parallel backends, nanoflann the t-SNE, zlib .gz reading.
for v in GLOO_INCLUDE_DIR NCCL_INCLUDE_DIR nanoflann_DIR NLOHMANN_JSON_INCLUDE ZLIB_INCLUDE_DIR Torch_DIR; do
  echo "   $v = $(sed -n "s/^$v:[A-Z]*=//p" "$build/CMakeCache.txt" 2>/dev/null)"
done
if [ "${GPU_CHECK_BUILD_ONLY:-0}" = 1 ]; then
  echo "== GPU_CHECK_BUILD_ONLY=1: built, no runs"
  finish
  exec >&- 2>&-
  wait "$tee_pid"
  exit 0
fi

# --- runs, in order of what matters most if time runs short ------------------------------------
peer_common=(--python "$py" --cli "$cli" --threads "$threads" --device "$device")
# 1. mlp-vae on Fashion-MNIST (goal: <= 0.15 s per epoch), then the same seed on the CPU.
train_step mlp-vae-cuda 40 150 required mlp-vae "fashion-mnist:$fm" "$ep_long" --device "$device"
train_step mlp-vae-cpu 30 150 required mlp-vae "fashion-mnist:$fm" "$ep" --device cpu --threads "$threads"
step compare-cpu-cuda 5 30 required "$py" scripts/gpu_check.py compare "$work/logs/mlp-vae-cpu.log" "$work/logs/mlp-vae-cuda.log"
# 2. The CUDA checkpoint opened on the CPU (every command below loads it there).
ck=$work/runs/mlp-vae-cuda/checkpoint
step nll 30 120 required "$cli" evaluate --checkpoint "$ck" --nll
step export-latents 15 60 required "$cli" export-latents --checkpoint "$ck" --out "$work/results/latents.csv" --loss "$work/results/loss.csv"
step sample 10 60 required "$cli" sample --checkpoint "$ck" --n 64 --out "$work/results/samples.png"
step export-weights 10 60 required "$cli" export-weights --checkpoint "$ck" --out "$work/results/model.pt"
step load-weights 15 60 required "$py" scripts/gpu_check.py load-weights "$work/results/model.pt"
step resume-on-cpu 30 120 required "$cli" train --resume "$work/runs/mlp-vae-cuda" --out "$work/runs/mlp-vae-resumed-cpu" \
  --epochs $((ep_long + 1)) --device cpu --threads "$threads"
# 3. The CelebA-size epoch (goal: < 30 s): the faces' training split repeated.
train_step celeba-size 90 240 required conv-cvae-faces "cache:$faces,repeat=$repeat" 1 --device "$device"
# 4. Ours against the PyTorch peers, pair 1 (ours first).
step peer-vae 60 180 required "$py" bench/vae_speed.py "${peer_common[@]}" --pairs 1 --epochs "$ep" \
  --dataset "fashion-mnist:$fm" --source "$fm" --data tensors --json "$work/peer-vae.json"
step peer-conv 80 240 required "$py" bench/conv_speed.py "${peer_common[@]}" --pairs 1 --epochs "$ep" \
  --cache "$faces" --json "$work/peer-conv.json"
# 5. The other models on CUDA.
train_step conv-vae-cuda 40 150 required conv-vae "fashion-mnist:$fm" "$ep" --device "$device"
train_step faces-cuda 40 150 required conv-cvae-faces "cache:$faces" "$ep" --device "$device"
train_step dsprites-cuda 60 180 required conv-beta-vae-dsprites "$dsprites" "$ep" --device "$device"
step metrics 60 150 required "$cli" evaluate --checkpoint "$work/runs/dsprites-cuda/checkpoint" --metrics
# 6. Two data-parallel ranks on the one GPU: NCCL refuses two ranks on one device, so Gloo, which
#    reduces CUDA tensors through host memory. The "ranks" line names the backend.
step ddp-gloo 60 150 required env LATENTLAB_DIST_BACKEND=gloo "$py" -m torch.distributed.run --standalone \
  --nproc_per_node 2 --no_python --redirects 2 --tee 2 --log_dir "$work/logs/torchrun" \
  "$cli" train --preset mlp-vae --dataset "fashion-mnist:$fm" --epochs "$ep" --batch 64 --threads "$ddp_threads" \
  --device "$device" --out "$work/runs/ddp-gloo" --force
grep -h "^ranks \|ranks differ" "$work/logs/ddp-gloo.log" | sed 's/^\[[^]]*\]:*//' | head -4
# 7. Pair 2 (the peer first), if time allows.
if [ "$pairs2" = 1 ]; then
  # --pairs 2 --first-pair 2 runs pair 2 alone: the peer first.
  step peer-vae-2 60 180 optional "$py" bench/vae_speed.py "${peer_common[@]}" --pairs 2 --first-pair 2 --epochs "$ep" \
    --dataset "fashion-mnist:$fm" --source "$fm" --data tensors --json "$work/peer-vae-2.json"
  step peer-conv-2 80 240 optional "$py" bench/conv_speed.py "${peer_common[@]}" --pairs 2 --first-pair 2 --epochs "$ep" \
    --cache "$faces" --json "$work/peer-conv-2.json"
fi

finish
exec >&- 2>&-
wait "$tee_pid"
exit "$failed"
