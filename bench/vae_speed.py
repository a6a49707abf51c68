#!/usr/bin/env python3
"""Per-epoch training time of latentlab-cli's mlp-vae against the classic PyTorch VAE example on
Fashion-MNIST (60k train), same thread count, runs alternated (ABBA) to cancel drift on noisy
machines. Reports the median ratio ours/Python and, from the last pair, the test loss of both.

usage: bench/vae_speed.py [--pairs 3] [--epochs 10] [--threads 2] [--cli build/app/latentlab-cli]
"""
import argparse
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
args = parser.parse_args()


def run_ours(seed):
    out = tempfile.mkdtemp()
    text = subprocess.run([args.cli, "train", "--preset", "mlp-vae", "--dataset", "fashion-mnist", "--epochs",
                           str(args.epochs), "--threads", str(args.threads), "--seed", str(seed), "--out", out],
                          check=True, capture_output=True, text=True).stdout
    rows = re.findall(r"epoch\s+\d+/\d+\s+train ([\d.]+).*test ([\d.]+)\s+([\d.]+) s", text)
    return [float(r[2]) for r in rows], float(rows[-1][1])


def run_python(seed):
    text = subprocess.run([args.python, os.path.join(here, "python_vae_example.py"), "--epochs", str(args.epochs),
                           "--threads", str(args.threads), "--seed", str(seed)],
                          check=True, capture_output=True, text=True).stdout
    rows = re.findall(r"train_seconds ([\d.]+) .* test_loss ([\d.]+)", text)
    return [float(r[0]) for r in rows], float(rows[-1][1])


ratios, ours_all, py_all = [], [], []
for pair in range(args.pairs):
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
    print(f"pair {pair + 1}: ours {o:.3f} s/epoch, python {p:.3f} s/epoch, ratio {o / p:.3f}; "
          f"test loss after {args.epochs} epochs: ours {ours_loss:.2f}, python {py_loss:.2f} "
          f"(ratio {ours_loss / py_loss:.4f})", flush=True)

print(f"median: ours {statistics.median(ours_all):.3f} s, python {statistics.median(py_all):.3f} s, "
      f"ratio {statistics.median(ratios):.3f} (target <= 0.6)")
sys.exit(0)
