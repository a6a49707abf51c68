#!/usr/bin/env python3
"""The peer for bench/vae_speed.sh: the classic PyTorch VAE example (pytorch/examples, vae/main.py)
on Fashion-MNIST, unchanged in model, loss, optimizer, batch size and data pipeline (torchvision
dataset + DataLoader). Prints one line per epoch: train seconds and the average test loss.
Run with Debian's python3-torch / python3-torchvision (benchmark only)."""
import argparse
import gzip
import os
import shutil
import tempfile
import time

import torch
import torch.utils.data
from torch import nn, optim
from torch.nn import functional as F
from torchvision import datasets, transforms

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=10)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--source", default="/usr/share/datasets/fashion-mnist")
args = parser.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)

# torchvision wants <root>/FashionMNIST/raw/<files without .gz>.
root = tempfile.mkdtemp()
raw = os.path.join(root, "FashionMNIST", "raw")
os.makedirs(raw)
for name in os.listdir(args.source):
    if name.endswith(".gz"):
        with gzip.open(os.path.join(args.source, name)) as src, open(os.path.join(raw, name[:-3]), "wb") as dst:
            shutil.copyfileobj(src, dst)
        shutil.copy(os.path.join(args.source, name), raw)

kwargs = {"num_workers": 0}
train_loader = torch.utils.data.DataLoader(
    datasets.FashionMNIST(root, train=True, download=False, transform=transforms.ToTensor()),
    batch_size=128, shuffle=True, **kwargs)
test_loader = torch.utils.data.DataLoader(
    datasets.FashionMNIST(root, train=False, transform=transforms.ToTensor()),
    batch_size=128, shuffle=False, **kwargs)


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


model = VAE()
optimizer = optim.Adam(model.parameters(), lr=1e-3)


def loss_function(recon_x, x, mu, logvar):
    BCE = F.binary_cross_entropy(recon_x, x.view(-1, 784), reduction="sum")
    KLD = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return BCE + KLD


def train(epoch):
    model.train()
    train_loss = 0
    for data, _ in train_loader:
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
            recon_batch, mu, logvar = model(data)
            test_loss += loss_function(recon_batch, data, mu, logvar).item()
    return test_loss / len(test_loader.dataset)


for epoch in range(1, args.epochs + 1):
    t0 = time.perf_counter()
    train_loss = train(epoch)
    seconds = time.perf_counter() - t0
    test_loss = test(epoch)
    print(f"epoch {epoch} train_seconds {seconds:.3f} train_loss {train_loss:.4f} test_loss {test_loss:.4f}", flush=True)
shutil.rmtree(root)
