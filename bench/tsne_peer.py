#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""scikit-learn's Barnes-Hut TSNE as the peer of LatentLab's t-SNE, on the same codes, alternated.

    bench/tsne_peer.py [--runs 3] [--build build] [--codes FILE]

Trains the bench's mlp-vae (20-d codes of the 10,000 Fashion-MNIST test images, tsne_bench's
default) once and saves its codes, unless --codes names such a file; then runs, alternately,
`tsne_bench --codes` (ours: perplexity 30, theta 0.5, 750 iterations) and sklearn.manifold.TSNE
with its defaults (perplexity 30, angle 0.5, 1000 iterations, PCA start, learning rate 'auto') on
every core. Reports each one's time (median), their ratio, and the trustworthiness (k = 10) of both
maps, computed by the same function (scikit-learn's) on the first 2,000 points.
Needs python3-sklearn (Debian; benchmark only).
"""
import argparse
import os
import re
import statistics
import subprocess
import tempfile
import time

import numpy as np
from sklearn.manifold import TSNE, trustworthiness


def ours(bench, codes, out):
    text = subprocess.run([bench, "--codes", codes, "--method", "tsne", "--save-map", out], check=True,
                          capture_output=True, text=True).stdout
    seconds = float(re.search(r"t-SNE: \d+ iterations in ([0-9.]+) s", text).group(1))
    return seconds, np.loadtxt(out, delimiter=",")


def peer(x):
    start = time.perf_counter()
    y = TSNE(n_components=2, perplexity=30.0, learning_rate="auto", init="pca", n_jobs=-1, random_state=1).fit_transform(x)
    return time.perf_counter() - start, y


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--build", default="build")
    ap.add_argument("--codes")
    a = ap.parse_args()
    bench = os.path.join(a.build, "bench", "tsne_bench")
    work = tempfile.mkdtemp(prefix="tsne_peer-")
    codes = a.codes or os.path.join(work, "codes.csv")
    if not a.codes:
        subprocess.run([bench, "--method", "none", "--save-codes", codes], check=True, stdout=subprocess.DEVNULL)
    x = np.loadtxt(codes, delimiter=",", dtype=np.float32)
    print(f"codes: {x.shape[0]} x {x.shape[1]}, {os.cpu_count()} cores")
    times = {"latentlab": [], "sklearn": []}
    maps = {}
    for run in range(a.runs):  # alternated: a noisy machine slows both alike
        t, maps["latentlab"] = ours(bench, codes, os.path.join(work, "ours.csv"))
        times["latentlab"].append(t)
        t, maps["sklearn"] = peer(x)
        times["sklearn"].append(t)
        print(f"run {run + 1}: latentlab {times['latentlab'][-1]:.2f} s, sklearn {times['sklearn'][-1]:.2f} s")
    n = min(2000, x.shape[0])
    for name in ("latentlab", "sklearn"):
        tw = trustworthiness(x[:n], maps[name][:n], n_neighbors=10)
        print(f"{name}: median {statistics.median(times[name]):.2f} s, trustworthiness k=10 (first {n}) {tw:.4f}")
    print(f"time ratio latentlab / sklearn: {statistics.median(times['latentlab']) / statistics.median(times['sklearn']):.2f}")


if __name__ == "__main__":
    main()
