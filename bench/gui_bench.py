#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The desktop app against the headless CLI: per-epoch training time with all live views on
(mid-epoch refreshes every 2 s included; same preset, data and threads; runs alternated ABBA,
median of epochs 2..N), and the time from launching `latentlab` to its window being painted. Runs
its own Xvfb on a free display.

usage: bench/gui_bench.py [--pairs 3] [--epochs 5] [--starts 5] [--preset mlp-vae] [--dataset fashion-mnist]
e.g. the mid-epoch refresh target: --preset conv-cvae-faces --dataset synthfaces:20000 --epochs 2 --starts 0
"""
import argparse
import os
import re
import statistics
import subprocess
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
build = os.path.join(here, "..", "build", "app")
parser = argparse.ArgumentParser()
parser.add_argument("--pairs", type=int, default=3)
parser.add_argument("--epochs", type=int, default=5)
parser.add_argument("--starts", type=int, default=5)
parser.add_argument("--preset", default="mlp-vae")
parser.add_argument("--dataset", default="fashion-mnist")
parser.add_argument("--refresh", default="2", help="the window's mid-epoch refresh, seconds (0 = off)")
args = parser.parse_args()

display = ":97"
xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(1.0)
env = dict(os.environ, DISPLAY=display, XDG_RUNTIME_DIR=tempfile.mkdtemp())
env.pop("QT_QPA_PLATFORM", None)


def epoch_seconds(text):
    secs = [float(s) for s in re.findall(r"epoch\s+\d+.*?([\d.]+) s\b", text)]
    return statistics.median(secs[1:] or secs)


def run_cli():
    out = subprocess.run([os.path.join(build, "latentlab-cli"), "train", "--preset", args.preset, "--dataset",
                          args.dataset, "--epochs", str(args.epochs), "--threads", "2", "--out", tempfile.mkdtemp()],
                         check=True, capture_output=True, text=True, env=env).stdout
    return epoch_seconds(out)


def run_gui():
    out = subprocess.run([os.path.join(build, "latentlab"), "--dataset", args.dataset, "--preset", args.preset,
                          "--epochs", str(args.epochs), "--refresh", args.refresh, "--autostart", "--quit-when-done"],
                         check=True, capture_output=True, text=True, env=env).stdout
    return epoch_seconds(out)


try:
    ratios = []
    for pair in range(args.pairs):
        order = [run_cli, run_gui] if pair % 2 == 0 else [run_gui, run_cli]
        result = {fn: fn() for fn in order}
        ratio = result[run_gui] / result[run_cli]
        ratios.append(ratio)
        print(f"pair {pair + 1}: cli {result[run_cli]:.3f} s/epoch, gui {result[run_gui]:.3f} s/epoch, ratio {ratio:.3f}",
              flush=True)
    print(f"median gui/cli ratio {statistics.median(ratios):.3f} (target <= 1.10)")
    starts = []
    for _ in range(args.starts):
        t0 = time.perf_counter()
        subprocess.run([os.path.join(build, "latentlab"), "--quit-after-show"], check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        starts.append(time.perf_counter() - t0)
    if starts:
        print("launch to painted window and exit: " + ", ".join(f"{s:.2f}" for s in starts) +
              f" s; median {statistics.median(starts):.2f} s (target <= 1.5)")
finally:
    xvfb.terminate()
    xvfb.wait()
