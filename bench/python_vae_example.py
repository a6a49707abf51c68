#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The peer for bench/vae_speed.py: the classic PyTorch VAE example (pytorch/examples, vae/main.py)
on Fashion-MNIST, unchanged in model, loss, optimizer, batch size and data pipeline (torchvision
dataset + DataLoader). Prints one line per epoch: train seconds and the average test loss.
Run with Debian's python3-torch / python3-torchvision (benchmark only).

--device cuda moves the model and each batch to the GPU, as the example does with --accel.
--data tensors (the default where torchvision is missing, e.g. a bare CUDA image) reads the IDX
files with numpy into one float tensor in [0, 1] (what ToTensor gives) and feeds a DataLoader over a
TensorDataset, batch 128, shuffled, pinned host memory on CUDA: what a PyTorch user writes for data
that fits in memory. The timed training pass is unchanged (the example's loss.item() per batch
included); on CUDA the clock is read after a synchronize, so queued GPU work is counted."""
import argparse
import gzip
import importlib.util
import os
import shutil
import struct
import tempfile
import time

import torch
import torch.utils.data
from torch import nn, optim
from torch.nn import functional as F

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=10)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--source", default="/usr/share/datasets/fashion-mnist", help="the four IDX files, raw or .gz")
parser.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
parser.add_argument("--data", default="auto", choices=["auto", "torchvision", "tensors"],
                    help="auto: torchvision when installed, else tensors")
args = parser.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)
device = torch.device(args.device)
if args.data == "auto":
    args.data = "torchvision" if importlib.util.find_spec("torchvision") else "tensors"
root = tempfile.mkdtemp()


def read_idx(name):
    for candidate in (name, name + ".gz"):
        path = os.path.join(args.source, candidate)
        if os.path.exists(path):
            with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
                data = f.read()
            dims = struct.unpack(">" + "I" * data[3], data[4:4 + 4 * data[3]])
            return torch.frombuffer(bytearray(data[4 + 4 * len(dims):]), dtype=torch.uint8).reshape(dims)
    raise SystemExit(f"{args.source}: no {name}[.gz]")


def tensor_set(prefix):
    images = read_idx(f"{prefix}-images-idx3-ubyte").unsqueeze(1).float().div(255)
    return torch.utils.data.TensorDataset(images, read_idx(f"{prefix}-labels-idx1-ubyte").long())


if args.data == "torchvision":
    from torchvision import datasets, transforms

    # torchvision wants <root>/FashionMNIST/raw/<files without .gz>.
    raw = os.path.join(root, "FashionMNIST", "raw")
    os.makedirs(raw)
    for name in os.listdir(args.source):
        if name.endswith(".gz"):
            with gzip.open(os.path.join(args.source, name)) as src, open(os.path.join(raw, name[:-3]), "wb") as dst:
                shutil.copyfileobj(src, dst)
            shutil.copy(os.path.join(args.source, name), raw)
    train_set = datasets.FashionMNIST(root, train=True, download=False, transform=transforms.ToTensor())
    test_set = datasets.FashionMNIST(root, train=False, transform=transforms.ToTensor())
else:
    train_set, test_set = tensor_set("train"), tensor_set("t10k")

kwargs = {"num_workers": 0, "pin_memory": device.type == "cuda"}
train_loader = torch.utils.data.DataLoader(train_set, batch_size=128, shuffle=True, **kwargs)
test_loader = torch.utils.data.DataLoader(test_set, batch_size=128, shuffle=False, **kwargs)


class VAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 400)
        self.fc21 = nn.Linear(400, 20)
        self.fc22 = nn.Linear(400, 20)
        self.fc3 = nn.Linear(20, 400)
        self.fc4 = nn.Linear(400, 784)

    def encode(self, x):
        h1 = F.relu(self.fc1(x))
        return self.fc21(h1), self.fc22(h1)

    def reparameterize(self, mu, logvar):
        std = torch.exp(0.5 * logvar)
        eps = torch.randn_like(std)
        return mu + eps * std

    def decode(self, z):
        h3 = F.relu(self.fc3(z))
        return torch.sigmoid(self.fc4(h3))

    def forward(self, x):
        mu, logvar = self.encode(x.view(-1, 784))
        z = self.reparameterize(mu, logvar)
        return self.decode(z), mu, logvar


model = VAE().to(device)
optimizer = optim.Adam(model.parameters(), lr=1e-3)


def loss_function(recon_x, x, mu, logvar):
    BCE = F.binary_cross_entropy(recon_x, x.view(-1, 784), reduction="sum")
    KLD = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return BCE + KLD


def train(epoch):
    model.train()
    train_loss = 0
    for data, _ in train_loader:
        data = data.to(device)
        optimizer.zero_grad()
        recon_batch, mu, logvar = model(data)
        loss = loss_function(recon_batch, data, mu, logvar)
        loss.backward()
        train_loss += loss.item()
        optimizer.step()
    return train_loss / len(train_loader.dataset)


def test(epoch):
    model.eval()
    test_loss = 0
    with torch.no_grad():
        for data, _ in test_loader:
            data = data.to(device)
            recon_batch, mu, logvar = model(data)
            test_loss += loss_function(recon_batch, data, mu, logvar).item()
    return test_loss / len(test_loader.dataset)


def synchronize():
    if device.type == "cuda":
        torch.cuda.synchronize()


print(f"data {args.data}, device {device}, torch {torch.__version__}", flush=True)
for epoch in range(1, args.epochs + 1):
    synchronize()
    t0 = time.perf_counter()
    train_loss = train(epoch)
    synchronize()
    seconds = time.perf_counter() - t0
    test_loss = test(epoch)
    print(f"epoch {epoch} train_seconds {seconds:.3f} train_loss {train_loss:.4f} test_loss {test_loss:.4f}", flush=True)
shutil.rmtree(root)
