#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers of scripts/gpu-check.sh: unpack the carried data, read the CLI's epoch lines, compare a
CPU run's losses with a CUDA run's, and write the summary. Standard library only (the GPU image's
python3 and Debian's both run it).

usage: gpu_check.py machine OUT.json        (torch, CUDA, the device; needs torch)
       gpu_check.py load-weights MODEL.pt   (an export-weights file read by torch.load; needs torch)
       gpu_check.py unpack-idx SRC_DIR DST_DIR [--train N --test M]   (IDX .xz/.gz/raw -> raw IDX)
       gpu_check.py epochs LOG
       gpu_check.py compare CPU_LOG CUDA_LOG [--tolerance 0.01]
       gpu_check.py summary WORK OUTDIR
"""
import argparse
import gzip
import json
import lzma
import os
import re
import statistics
import struct
import sys

EPOCH = re.compile(r"epoch\s+(\d+)/(\d+)\s+train ([\d.]+) \(recon ([\d.]+) \+ kl ([\d.]+)\)\s+test ([\d.]+)\s+"
                   r"([\d.]+) s\s+(\d+) img/s")
IDX_NAMES = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]

# What the check measures against (the goals). The CUDA figures are per epoch of the
# training pass, as the CLI's epoch line reports it.
GOALS = {
    "mlp_vae_epoch_s": 0.15,
    "ratio_vs_peer": 0.5,
    "celeba_size_epoch_s": 30.0,
}


def machine(args):
    import platform
    import subprocess

    import torch
    cuda = torch.cuda.is_available()
    m = {"host": platform.node(), "cpus": os.cpu_count(), "python": platform.python_version(), "torch": torch.__version__,
         "cuda (torch)": torch.version.cuda, "cudnn": torch.backends.cudnn.version() if cuda else None,
         "device name": torch.cuda.get_device_name(0) if cuda else "none", "gpus": torch.cuda.device_count()}
    try:
        m["nvidia-smi -L"] = subprocess.run(["nvidia-smi", "-L"], capture_output=True, text=True).stdout.strip()
    except OSError:
        m["nvidia-smi -L"] = "nvidia-smi not found"
    for k, v in m.items():
        print(f"{k}: {v}")
    with open(args.out, "w") as f:
        json.dump(m, f)


def load_weights(args):
    """docs/python.md's torch.load, with this torch's defaults (weights_only=True from 2.6 on)."""
    import torch
    state = torch.load(args.model)
    print(f"{len(state)} tensors read by torch.load in torch {torch.__version__}: {', '.join(sorted(state)[:3])}, ...")


def read_any(path):
    for suffix, opener in ((".xz", lzma.open), (".gz", gzip.open), ("", open)):
        if os.path.exists(path + suffix):
            with opener(path + suffix, "rb") as f:
                return f.read()
    raise SystemExit(f"missing {path}[.xz|.gz]")


def unpack_idx(args):
    """The four IDX files as raw IDX, the first N train / M test items only when asked (rehearsal)."""
    os.makedirs(args.dst, exist_ok=True)
    for name in IDX_NAMES:
        data = read_any(os.path.join(args.src, name))
        limit = args.train if name.startswith("train") else args.test
        if limit:
            dims = list(struct.unpack(">" + "I" * data[3], data[4:4 + 4 * data[3]]))
            per = 1
            for d in dims[1:]:
                per *= d
            dims[0] = min(dims[0], limit)
            data = data[:4] + struct.pack(">" + "I" * len(dims), *dims) + \
                data[4 + 4 * len(dims):4 + 4 * len(dims) + dims[0] * per]
        with open(os.path.join(args.dst, name), "wb") as f:
            f.write(data)
    print(f"unpacked {args.src} into {args.dst}" + (f" ({args.train} train, {args.test} test)" if args.train else ""))


def epochs_of(log):
    rows = []
    try:
        with open(log, errors="replace") as f:
            text = f.read()
    except OSError:
        return rows
    for m in EPOCH.finditer(text):
        rows.append({"epoch": int(m[1]), "of": int(m[2]), "train": float(m[3]), "recon": float(m[4]), "kl": float(m[5]),
                     "test": float(m[6]), "seconds": float(m[7]), "img_s": float(m[8])})
    return rows


def steady(rows, key):
    """Median over epochs 2..N (epoch 1 carries start-up: CUDA context, cuDNN autotuning, allocator)."""
    values = [r[key] for r in rows[1:]] or [r[key] for r in rows]
    return statistics.median(values) if values else None


def print_epochs(args):
    rows = epochs_of(args.log)
    for r in rows:
        print(f"  epoch {r['epoch']}: {r['seconds']:.3f} s, {r['img_s']:.0f} img/s, train {r['train']:.4f}, test {r['test']:.4f}")
    if rows:
        print(f"  steady epoch (median of epochs 2..N): {steady(rows, 'seconds'):.3f} s, {steady(rows, 'img_s'):.0f} img/s")


def compare_rows(cpu, cuda, tolerance):
    out = []
    for a, b in zip(cpu, cuda):
        for key in ("train", "test"):
            rel = abs(a[key] - b[key]) / max(abs(b[key]), 1e-12)
            out.append({"epoch": a["epoch"], "loss": key, "cpu": a[key], "cuda": b[key], "rel": rel, "flag": rel > tolerance})
    return out


def compare(args):
    # 1 % is a fair tolerance: the two devices start from the same weights (initialised on the CPU
    # from the seed) and see the same batches in the same order, but their float32 sums run in
    # other orders, cuBLAS/cuDNN pick other algorithms, and the reparameterisation noise comes from
    # each device's own generator (Philox on CUDA, mt19937 on the CPU), so the two runs draw
    # different noise from the first batch on. They then agree in distribution only: the per-epoch
    # mean loss over 60,000 images averages most noise out, and our mlp-vae and the PyTorch
    # example, whose noise differs, end within 0.1 % of each other (docs/benchmarks.md); a 1 % gap
    # would mean a real difference.
    rows = compare_rows(epochs_of(args.cpu), epochs_of(args.cuda), args.tolerance)
    if not rows:
        print("no epochs to compare")
        sys.exit(1)
    for r in rows:
        print(f"  epoch {r['epoch']} {r['loss']:5}: cpu {r['cpu']:.4f}  cuda {r['cuda']:.4f}  "
              f"relative difference {100 * r['rel']:.3f} %" + ("  > tolerance" if r["flag"] else ""))
    flagged = [r for r in rows if r["flag"]]
    print(f"{len(flagged)} of {len(rows)} losses differ by more than {100 * args.tolerance:g} %")


def read_steps(work):
    steps = []
    path = os.path.join(work, "steps.tsv")
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                name, status, rc, secs, log, command = line.rstrip("\n").split("\t", 5)
                steps.append({"name": name, "status": status, "rc": rc, "seconds": int(secs), "log": log,
                              "command": command})
    return steps


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def grep(log, pattern, last=False):
    """The first (or last) line of log that matches, from the match on (a progress line printed
    without its newline can precede it)."""
    try:
        with open(log, errors="replace") as f:
            hits = [line.rstrip()[m.start():] for line in f for m in [re.search(pattern, line)] if m]
    except OSError:
        return None
    return (hits[-1] if last else hits[0]) if hits else None


def fmt(v, digits=3):
    return "-" if v is None else f"{v:.{digits}f}"


def verdict(value, limit):
    if value is None:
        return "not measured"
    return "**met**" if value <= limit else "**not met**"


def summary(args):
    work, out = args.work, args.outdir
    logs = os.path.join(work, "logs")
    steps = read_steps(work)
    by_name = {s["name"]: s for s in steps}
    meta = load_json(os.path.join(work, "meta.json")) or {}

    def log_of(name):
        return os.path.join(logs, f"{name}.log")

    def cmd(name):
        s = by_name.get(name)
        return f"`{s['command']}`" if s else "(not run)"

    runs = {}
    for s in steps:
        rows = epochs_of(log_of(s["name"]))
        if rows:
            runs[s["name"]] = {"epochs": rows, "steady_s": steady(rows, "seconds"), "steady_img_s": steady(rows, "img_s")}
    peers = {k: load_json(os.path.join(work, f"{k}.json")) for k in ("peer-vae", "peer-conv")}
    # Two peer runs (pair 1 and the optional pair 2) merge into one median per model.
    for model in ("vae", "conv"):
        second = load_json(os.path.join(work, f"peer-{model}-2.json"))
        first = peers.get(f"peer-{model}")
        if first and second:
            pairs = [dict(p, step=f"peer-{model}") for p in first["pairs"]] + \
                [dict(p, step=f"peer-{model}-2") for p in second["pairs"]]
            first = dict(first, pairs=pairs, ratio=statistics.median(p["ratio"] for p in pairs),
                         ours_s=statistics.median(p["ours_s"] for p in pairs),
                         peer_s=statistics.median(p["peer_s"] for p in pairs))
            peers[f"peer-{model}"] = first
    comparison = compare_rows(epochs_of(log_of("mlp-vae-cpu")), epochs_of(log_of("mlp-vae-cuda")), 0.01)

    device = meta.get("device", "?")
    mlp = runs.get("mlp-vae-cuda", {}).get("steady_s")
    celeba = runs.get("celeba-size", {}).get("steady_s")
    vae_ratio = (peers.get("peer-vae") or {}).get("ratio")
    conv_ratio = (peers.get("peer-conv") or {}).get("ratio")
    goals = [
        ("mlp-vae, Fashion-MNIST: seconds per epoch", mlp, GOALS["mlp_vae_epoch_s"], "mlp-vae-cuda"),
        ("mlp-vae: ours / PyTorch peer time per epoch", vae_ratio, GOALS["ratio_vs_peer"], "peer-vae"),
        ("conv-cvae-faces: ours / PyTorch peer time per epoch", conv_ratio, GOALS["ratio_vs_peer"], "peer-conv"),
        ("conv-cvae-faces, CelebA-size epoch: seconds", celeba, GOALS["celeba_size_epoch_s"], "celeba-size"),
    ]

    md = [f"# GPU check: {meta.get('mode', '?')}", ""]
    md += [f"- {k}: {v}" for k, v in meta.get("machine", {}).items()]
    md += [f"- device for the runs: **{device}**" + (" (a CPU rehearsal: no figure here is a GPU figure)" if device != "cuda" else ""),
           f"- total wall time: {meta.get('elapsed_s', '?')} s", ""]
    md += ["## Goals", "", "| goal | measured | target | result | command |", "|---|---|---|---|---|"]
    for label, value, limit, step in goals:
        md.append(f"| {label} | {fmt(value)} | <= {limit:g} | {verdict(value, limit)} | {cmd(step)} |")
    md += ["", "The CelebA-size epoch is a throughput figure: `cache:FILE,repeat=N` trains on the carried faces' "
           "training split N times over (the same images repeated), since 200,000 faces (2.4 GB) cannot travel "
           "and this image has no OpenCV to draw them.", ""]

    md += ["## Training runs (per epoch: the training pass, from the CLI's epoch lines)", "",
           "| step | epochs: seconds | steady s/epoch | steady img/s | last train / test loss | command |",
           "|---|---|---|---|---|---|"]
    for s in steps:
        r = runs.get(s["name"])
        if not r:
            continue
        e = r["epochs"]
        md.append(f"| {s['name']} | {', '.join(fmt(x['seconds'], 2) for x in e)} | {fmt(r['steady_s'])} | "
                  f"{r['steady_img_s']:.0f} | {e[-1]['train']:.4f} / {e[-1]['test']:.4f} | `{s['command']}` |")
    md += ["", "Steady = median of epochs 2..N (the single epoch where only one ran).", ""]

    md += ["## Ours against the PyTorch peers (alternated, training pass of the last epoch)", "",
           "| model | pair (order) | ours s | peer s | ratio | command |", "|---|---|---|---|---|---|"]
    for key in ("peer-vae", "peer-conv"):
        p = peers.get(key)
        if not p:
            md.append(f"| {key} | not run | | | | {cmd(key)} |")
            continue
        for i, pair in enumerate(p["pairs"], 1):
            md.append(f"| {p['model']} | {pair.get('pair', i)} ({' then '.join(o.replace('run_', '') for o in pair['order'])}) | "
                      f"{fmt(pair['ours_s'])} | {fmt(pair['peer_s'])} | {fmt(pair['ratio'])} | {cmd(pair.get('step', key))} |")
        md.append(f"| {p['model']} | **median** | {fmt(p['ours_s'])} | {fmt(p['peer_s'])} | **{fmt(p['ratio'])}** | |")
    md.append("")

    md += ["## mlp-vae on the CPU against CUDA (same seed; tolerance 1 %)", ""]
    if comparison:
        md += ["| epoch | loss | CPU | CUDA | relative difference |", "|---|---|---|---|---|"]
        for r in comparison:
            md.append(f"| {r['epoch']} | {r['loss']} | {r['cpu']:.4f} | {r['cuda']:.4f} | {100 * r['rel']:.3f} %"
                      + (" **> 1 %**" if r["flag"] else "") + " |")
        md += ["", "Same initial weights and batch order; the reparameterisation noise comes from each device's own "
               "generator, so the losses agree statistically, not bit for bit.", ""]
    else:
        md += ["Not measured (a run is missing).", ""]

    md += ["## Other checks", "", "| step | status | s | result | command |", "|---|---|---|---|---|"]
    # The line of each log that says what the step found (first match; None: the last line).
    wanted = {"nll": r"^nll ", "metrics": r"metrics\s+MIG", "ddp-gloo": r"ranks +rank 0 of",
              "info": r"^device name", "load-weights": r"tensors read", "resume-on-cpu": r"epoch\s+\d+/",
              "export-latents": r"latent codes", "sample": r"built without|wrote", "export-weights": r"wrote",
              "compare-cpu-cuda": r"differ by more",
              "build": r"error:|Error|ninja: no work|Linking CXX executable app/latentlab-cli"}
    for s in steps:
        if s["name"] in runs and s["name"] not in ("resume-on-cpu", "ddp-gloo"):
            continue
        pattern = wanted.get(s["name"])
        line = (grep(log_of(s["name"]), pattern) if pattern else None) or grep(log_of(s["name"]), r"\S", last=True) or ""
        command = s["command"] if len(s["command"]) <= 240 else s["command"][:240] + " ..."
        md.append(f"| {s['name']} | {s['status']} (rc {s['rc']}) | {s['seconds']} | {line.replace('|', '/')[:200]} | "
                  f"`{command}` |")
    md.append("")
    skipped = [s["name"] for s in steps if s["status"] == "skipped"]
    failed = [s["name"] for s in steps if s["status"] not in ("ok", "skipped")]
    md += ["## Steps", "", f"- skipped for time: {', '.join(skipped) or 'none'}",
           f"- failed or timed out: {', '.join(failed) or 'none'}", "",
           "| step | status | rc | seconds |", "|---|---|---|---|"]
    md += [f"| {s['name']} | {s['status']} | {s['rc']} | {s['seconds']} |" for s in steps]
    md.append("")
    with open(os.path.join(out, "summary.md"), "w") as f:
        f.write("\n".join(md))
    result = {"meta": meta, "steps": steps, "runs": runs, "peers": peers, "cpu_vs_cuda": comparison,
              "goals": [{"goal": g[0], "value": g[1], "target": g[2], "met": None if g[1] is None else g[1] <= g[2]}
                        for g in goals]}
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(result, f, indent=1)
    print("\n".join(md))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("machine").add_argument("out")
    sub.add_parser("load-weights").add_argument("model")
    u = sub.add_parser("unpack-idx")
    u.add_argument("src")
    u.add_argument("dst")
    u.add_argument("--train", type=int, default=0)
    u.add_argument("--test", type=int, default=0)
    e = sub.add_parser("epochs")
    e.add_argument("log")
    c = sub.add_parser("compare")
    c.add_argument("cpu")
    c.add_argument("cuda")
    c.add_argument("--tolerance", type=float, default=0.01)
    s = sub.add_parser("summary")
    s.add_argument("work")
    s.add_argument("outdir")
    args = p.parse_args()
    {"machine": machine, "load-weights": load_weights, "unpack-idx": unpack_idx, "epochs": print_epochs,
     "compare": compare, "summary": summary}[args.cmd](args)


if __name__ == "__main__":
    main()
