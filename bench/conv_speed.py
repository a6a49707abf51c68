#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Training-pass time per epoch of latentlab-cli's conv-cvae-faces against the same network in
Python PyTorch (Debian's python3-torch: the same LibTorch 1.13 kernels underneath) trained the way
a PyTorch user would write it: a DataLoader over uint8 tensors, float conversion per batch, Adam,
MSE(sum) + beta KL. Same images shape (3x64x64), condition size (synthfaces' 9 attributes), batch,
learning rate, beta and thread count, and the preset's condition maps (the 9 condition values as
constant channels into every convolution); runs alternated (ABBA); each run reports its last epoch's training
pass (the test pass is not timed). Without --cache the peer's pixels are random: the time does not
depend on them. With --cache FILE (a `latentlab-cli datasets cache` file, e.g. the GPU check's faces, where
synthfaces cannot be drawn) ours trains on cache:FILE and the peer on the same file's training
images and attributes, read with bench/latentlab_cache.py.

--device cuda: both train on the GPU. The peer moves the model there and each batch from a
DataLoader over the uint8 tensors in pinned host memory, as a PyTorch user writes it; its clock is
read after torch.cuda.synchronize(), so queued GPU work is counted.

usage: bench/conv_speed.py [--pairs 2] [--epochs 2] [--threads 2] [--images 8000 | --cache FILE]
       [--device cpu|cuda] [--python python3] [--cli build/app/latentlab-cli] [--json FILE] [--first-pair K]
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
parser.add_argument("--pairs", type=int, default=2)
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--images", type=int, default=8000, help="synthfaces:N (the last tenth is the test split)")
parser.add_argument("--cli", default=os.path.join(here, "..", "build", "app", "latentlab-cli"))
parser.add_argument("--python", default="/usr/bin/python3", help="interpreter with Debian's python3-torch")
parser.add_argument("--cache", help="train both on this LatentLab faces cache instead of synthfaces:N")
parser.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
parser.add_argument("--json", help="write the pairs' figures here")
parser.add_argument("--first-pair", type=int, default=1, help="start at this pair (even pairs run the peer first)")
args = parser.parse_args()
if args.cache:
    sys.path.insert(0, here)
    from latentlab_cache import read_cache
    train_count = read_cache(args.cache)[0]["train.images"].shape[0]
    our_dataset = f"cache:{os.path.abspath(args.cache)}"
else:
    train_count = args.images - max(1, args.images // 10)
    our_dataset = f"synthfaces:{args.images}"
# The peer trains with the preset's own beta, learning rate and batch.
with open(os.path.join(here, "..", "resources", "presets", "conv-cvae-faces.json")) as f:
    preset = json.load(f)
assert preset["model"].get("condition_maps"), "the peer mirrors a preset with condition maps"

PEER = r'''
import sys, time, torch, torch.nn as nn, torch.nn.functional as F
threads, epochs, n = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
BETA, LR, BATCH = float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
device, cache, here = torch.device(sys.argv[7]), sys.argv[8], sys.argv[9]
torch.set_num_threads(threads)
torch.manual_seed(1)
act = lambda: nn.LeakyReLU(0.2)
C = 9
def run(stack, x, c):  # every convolution also sees the condition as constant maps
    for layer in stack:
        if isinstance(layer, (nn.Conv2d, nn.ConvTranspose2d)):
            x = torch.cat([x, c[:, :, None, None].expand(-1, -1, x.shape[2], x.shape[3])], 1)
        x = layer(x)
    return x
class CVAE(nn.Module):
    def __init__(self, cond=C, latent=16):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv2d(3 + C, 32, 4, 2, 1), act(), nn.Conv2d(32 + C, 64, 4, 2, 1), act(),
                                 nn.Conv2d(64 + C, 128, 4, 2, 1), act(), nn.Conv2d(128 + C, 256, 4, 2, 1), act(), nn.Flatten())
        self.mu, self.logvar = nn.Linear(4096 + cond, latent), nn.Linear(4096 + cond, latent)
        self.dec = nn.Sequential(nn.Linear(latent + cond, 4096), act(), nn.Unflatten(1, (256, 4, 4)),
                                 nn.ConvTranspose2d(256 + C, 128, 4, 2, 1), act(), nn.ConvTranspose2d(128 + C, 64, 4, 2, 1), act(),
                                 nn.ConvTranspose2d(64 + C, 32, 4, 2, 1), act(), nn.ConvTranspose2d(32 + C, 3, 4, 2, 1))
    def forward(self, x, c):
        h = torch.cat([run(self.enc, x, c), c], 1)
        mu, logvar = self.mu(h), self.logvar(h)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        return run(self.dec, torch.cat([z, c], 1), c), mu, logvar
if cache:
    sys.path.insert(0, here)
    from latentlab_cache import read_cache
    arrays = read_cache(cache)[0]
    images, attrs = torch.from_numpy(arrays["train.images"].copy()), torch.from_numpy(arrays["train.attributes"].copy())
else:
    images = torch.randint(0, 256, (n, 3, 64, 64), dtype=torch.uint8)
    attrs = (torch.rand(n, 9) < 0.5).float()
loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(images, attrs), batch_size=BATCH, shuffle=True,
                                     pin_memory=device.type == "cuda")
model = CVAE().to(device)
opt = torch.optim.Adam(model.parameters(), lr=LR)
sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
print(f"peer: {len(images)} images, device {device}, torch {torch.__version__}", flush=True)
for epoch in range(1, epochs + 1):
    model.train()
    sync()
    t0 = time.perf_counter()
    for x, c in loader:
        x, c = x.to(device), c.to(device)
        x = x.float() / 255
        raw, mu, logvar = model(x, c)
        recon = F.mse_loss(torch.sigmoid(raw), x, reduction="sum") / x.shape[0]
        kl = (-0.5 * (1 + logvar - mu.pow(2) - logvar.exp())).sum(1).mean()
        loss = recon + BETA * kl
        opt.zero_grad()
        loss.backward()
        opt.step()
    sync()
    print(f"epoch {epoch} {time.perf_counter() - t0:.3f} s", flush=True)
'''


def run(cmd):
    """stdout of cmd; on failure its stderr is shown (the GPU check keeps only this script's log)."""
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd[:3])} ...\n{done.stderr[-4000:]}")
    return done.stdout


def run_ours():
    out = run([args.cli, "train", "--preset", "conv-cvae-faces", "--dataset", our_dataset, "--epochs", str(args.epochs),
               "--threads", str(args.threads), "--device", args.device, "--out", tempfile.mkdtemp()])
    return [float(s) for s in re.findall(r"epoch\s+\d+/\d+.*?([\d.]+) s\s", out)][-1]


def run_peer():
    out = run([args.python, "-c", PEER, str(args.threads), str(args.epochs), str(train_count), str(preset["loss"]["beta"]),
               str(preset["optimizer"]["lr"]), str(preset["training"]["batch_size"]), args.device,
               os.path.abspath(args.cache) if args.cache else "", here])
    return [float(s) for s in re.findall(r"epoch \d+ ([\d.]+) s", out)][-1]


ratios, pairs = [], []
for pair in range(args.first_pair - 1, args.pairs):
    order = [run_ours, run_peer] if pair % 2 == 0 else [run_peer, run_ours]
    result = {fn: fn() for fn in order}
    ratio = result[run_ours] / result[run_peer]
    ratios.append(ratio)
    pairs.append({"pair": pair + 1, "order": [fn.__name__ for fn in order], "ours_s": result[run_ours], "peer_s": result[run_peer],
                  "ratio": ratio})
    print(f"pair {pair + 1}: ours {result[run_ours]:.2f} s, PyTorch {result[run_peer]:.2f} s per epoch, ratio {ratio:.3f}",
          flush=True)
print(f"conv-cvae-faces, {train_count} training images, {args.threads} threads, {args.device}: "
      f"median ratio ours/PyTorch {statistics.median(ratios):.3f}")
if args.json:
    with open(args.json, "w") as f:
        json.dump({"model": "conv-cvae-faces", "device": args.device, "epochs": args.epochs, "train_images": train_count,
                   "pairs": pairs, "ours_s": statistics.median(p["ours_s"] for p in pairs),
                   "peer_s": statistics.median(p["peer_s"] for p in pairs), "ratio": statistics.median(ratios)}, f, indent=1)
