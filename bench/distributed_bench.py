#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Data-parallel training on one machine: training samples/s of one latentlab-cli process against
two ranks (c10d over loopback, Gloo), one compute thread each, same preset, data and per-rank batch;
runs alternated (ABBA), the median of epochs 2..N of each run. The ranks are started by hand with
the variables torchrun sets (torchrun itself adds nothing but its start-up time).

usage: bench/distributed_bench.py [--pairs 2] [--epochs 3] [--preset mlp-vae] [--dataset fashion-mnist] [--batch 64]
"""
import argparse
import os
import re
import socket
import statistics
import subprocess
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
cli = os.path.join(here, "..", "build", "app", "latentlab-cli")
parser = argparse.ArgumentParser()
parser.add_argument("--pairs", type=int, default=2)
parser.add_argument("--epochs", type=int, default=3)
parser.add_argument("--preset", default="mlp-vae")
parser.add_argument("--dataset", default="fashion-mnist")
parser.add_argument("--batch", default="64", help="per process (two ranks: a global batch twice this)")
parser.add_argument("--against-no-overlap", action="store_true",
                    help="compare two ranks that all-reduce during backward with two that wait for its end "
                         "(LATENTLAB_DIST_OVERLAP=0) instead of with one process")
args = parser.parse_args()


def train_args(out):
    return [cli, "train", "--preset", args.preset, "--dataset", args.dataset, "--epochs", str(args.epochs),
            "--batch", args.batch, "--threads", "1", "--out", out]


def samples_per_second(text):
    rates = [float(r) for r in re.findall(r"epoch\s+\d+/\d+.*?(\d+) img/s", text)]
    return statistics.median(rates[1:] or rates)


def one_process():
    out = subprocess.run(train_args(tempfile.mkdtemp()), check=True, capture_output=True, text=True).stdout
    return samples_per_second(out)


def two_ranks(overlap="auto"):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = tempfile.mkdtemp()
    ranks = []
    for rank in range(2):
        env = dict(os.environ, RANK=str(rank), LOCAL_RANK=str(rank), WORLD_SIZE="2", MASTER_ADDR="127.0.0.1",
                   MASTER_PORT=str(port), LATENTLAB_DIST_OVERLAP=overlap)
        ranks.append(subprocess.Popen(train_args(out), env=env, stdout=subprocess.PIPE, text=True))
    texts = [p.communicate()[0] for p in ranks]
    if any(p.returncode for p in ranks):
        raise SystemExit("a rank failed")
    return samples_per_second(texts[0])  # rank 0 reports the global rate


if args.against_no_overlap:
    def no_overlap():
        return two_ranks(overlap="0")

    def overlapped():
        return two_ranks(overlap="1")
    ratios = []
    for pair in range(args.pairs):
        order = [overlapped, no_overlap] if pair % 2 == 0 else [no_overlap, overlapped]
        result = {fn: fn() for fn in order}
        ratios.append(result[overlapped] / result[no_overlap])
        print(f"pair {pair + 1}: overlapped {result[overlapped]:.0f} samples/s, after backward {result[no_overlap]:.0f}"
              f" samples/s, ratio {ratios[-1]:.2f}", flush=True)
    print(f"{args.preset}: 2 ranks overlapped / after backward median ratio {statistics.median(ratios):.2f}")
    raise SystemExit(0)

ratios = []
for pair in range(args.pairs):
    order = [one_process, two_ranks] if pair % 2 == 0 else [two_ranks, one_process]
    result = {fn: fn() for fn in order}
    ratio = result[two_ranks] / result[one_process]
    ratios.append(ratio)
    print(f"pair {pair + 1}: 1 process {result[one_process]:.0f} samples/s, 2 ranks {result[two_ranks]:.0f} samples/s,"
          f" ratio {ratio:.2f}", flush=True)
print(f"{args.preset} on {args.dataset}, batch {args.batch} per rank, 1 thread each: 2 ranks / 1 process median ratio "
      f"{statistics.median(ratios):.2f}")
