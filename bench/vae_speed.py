#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Per-epoch training time of latentlab-cli's mlp-vae against the classic PyTorch VAE example on
Fashion-MNIST (60k train), same thread count, runs alternated (ABBA) to cancel drift on noisy
machines. Reports the median ratio ours/Python and, from the last pair, the test loss of both.

usage: bench/vae_speed.py [--pairs 3] [--epochs 10] [--threads 2] [--cli build/app/latentlab-cli]
       [--device cpu|cuda] [--dataset SPEC] [--source DIR] [--data auto|torchvision|tensors]
       [--python python3] [--json FILE] [--first-pair K]
(--dataset is ours, --source the peer's folder of the same four IDX files; --json writes every
pair's figures for scripts/gpu-check.sh)
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("--pairs", type=int, default=3)
parser.add_argument("--epochs", type=int, default=10)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--cli", default=os.path.join(here, "..", "build", "app", "latentlab-cli"))
parser.add_argument("--python", default="/usr/bin/python3", help="interpreter with Debian's python3-torch")
parser.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
parser.add_argument("--dataset", default="fashion-mnist", help="our dataset spec")
parser.add_argument("--source", default="/usr/share/datasets/fashion-mnist", help="the peer's IDX folder (same images)")
parser.add_argument("--data", default="auto", help="the peer's data pipeline (python_vae_example.py --data)")
parser.add_argument("--json", help="write the pairs' figures here")
parser.add_argument("--first-pair", type=int, default=1, help="start at this pair (even pairs run the peer first)")
args = parser.parse_args()


def run(cmd):
    """stdout of cmd; on failure its stderr is shown (the GPU check keeps only this script's log)."""
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-4000:]}")
    return done


def run_ours(seed):
    out = tempfile.mkdtemp()
    text = run([args.cli, "train", "--preset", "mlp-vae", "--dataset", args.dataset, "--epochs", str(args.epochs),
                "--threads", str(args.threads), "--seed", str(seed), "--device", args.device, "--out", out]).stdout
    rows = re.findall(r"epoch\s+\d+/\d+\s+train ([\d.]+).*test ([\d.]+)\s+([\d.]+) s", text)
    return [float(r[2]) for r in rows], float(rows[-1][1])


def run_python(seed):
    text = run([args.python, os.path.join(here, "python_vae_example.py"), "--epochs", str(args.epochs),
                "--threads", str(args.threads), "--seed", str(seed), "--device", args.device,
                "--source", args.source, "--data", args.data]).stdout
    rows = re.findall(r"train_seconds ([\d.]+) .* test_loss ([\d.]+)", text)
    return [float(r[0]) for r in rows], float(rows[-1][1])


ratios, ours_all, py_all, pairs = [], [], [], []
for pair in range(args.first_pair - 1, args.pairs):
    order = [run_ours, run_python] if pair % 2 == 0 else [run_python, run_ours]
    results = {}
    for fn in order:
        results[fn] = fn(seed=pair + 1)
    (ours_t, ours_loss), (py_t, py_loss) = results[run_ours], results[run_python]
    # Epoch 1 includes warm-up (allocator, thread pools) on both sides: compare epochs 2..N.
    o, p = statistics.median(ours_t[1:] or ours_t), statistics.median(py_t[1:] or py_t)
    ratios.append(o / p)
    ours_all.append(o)
    py_all.append(p)
    pairs.append({"pair": pair + 1, "order": [fn.__name__ for fn in order], "ours_s": o, "peer_s": p, "ratio": o / p,
                  "ours_test_loss": ours_loss, "peer_test_loss": py_loss})
    print(f"pair {pair + 1}: ours {o:.3f} s/epoch, python {p:.3f} s/epoch, ratio {o / p:.3f}; "
          f"test loss after {args.epochs} epochs: ours {ours_loss:.2f}, python {py_loss:.2f} "
          f"(ratio {ours_loss / py_loss:.4f})", flush=True)

print(f"median: ours {statistics.median(ours_all):.3f} s, python {statistics.median(py_all):.3f} s, "
      f"ratio {statistics.median(ratios):.3f} (target <= 0.6)")
if args.json:
    with open(args.json, "w") as f:
        json.dump({"model": "mlp-vae", "device": args.device, "epochs": args.epochs, "pairs": pairs,
                   "ours_s": statistics.median(ours_all), "peer_s": statistics.median(py_all),
                   "ratio": statistics.median(ratios)}, f, indent=1)
sys.exit(0)
