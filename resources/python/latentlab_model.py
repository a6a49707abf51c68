# SPDX-License-Identifier: GPL-3.0-or-later
"""The PyTorch twin of a LatentLab model, for going on in Python.

    import json, torch
    from latentlab_model import LatentLabModel
    desc = json.load(open("model.json"))            # written by `latentlab-cli export-weights`
    model = LatentLabModel(desc)
    model.load_state_dict(torch.load("model.pt"))   # names match one to one (strict)
    images = model.decode(torch.randn(16, model.latent))   # [16, C, H, W] in [0, 1]

The module mirrors the C++ one (core/models/autoencoder.cpp): an `encoder` nn.Sequential, `mu`
and `logvar` linear heads for VAEs (encoder features + condition in; with "condition_maps" the
input of every convolution also carries the condition as constant channels), and a `decoder`
nn.Sequential (latent + condition in). Layer indices count activations too, as in Python.
"""
import math

import torch
from torch import nn


def _build(layers, shape, config, part, condition_channels=0):
    seq = []
    c, h, w = config["input"]
    for i, layer in enumerate(layers):
        kind = layer["type"]
        out = layer.get("out")
        if out == "latent":
            out = config["latent"]
        elif out == "input":
            out = c * h * w
        if kind == "linear":
            seq.append(nn.Linear(shape[0], out))
            shape = [out]
        elif kind in ("conv2d", "conv_transpose2d"):
            shape = [shape[0] + condition_channels] + shape[1:]
            k, s, p = layer["kernel"], layer.get("stride", 1), layer.get("padding", 0)
            if kind == "conv2d":
                seq.append(nn.Conv2d(shape[0], out, k, stride=s, padding=p))
                size = [(x + 2 * p - k) // s + 1 for x in shape[1:]]
            else:
                op = layer.get("output_padding", 0)
                seq.append(nn.ConvTranspose2d(shape[0], out, k, stride=s, padding=p, output_padding=op))
                size = [(x - 1) * s - 2 * p + k + op for x in shape[1:]]
            shape = [out] + size
        elif kind == "maxpool2d":
            k, s, p = layer["kernel"], layer.get("stride", 1), layer.get("padding", 0)
            seq.append(nn.MaxPool2d(k, stride=s, padding=p))
            shape = [shape[0]] + [(x + 2 * p - k) // s + 1 for x in shape[1:]]
        elif kind == "relu":
            seq.append(nn.ReLU())
        elif kind == "leaky_relu":
            seq.append(nn.LeakyReLU(layer.get("slope", 0.01)))
        elif kind == "tanh":
            seq.append(nn.Tanh())
        elif kind == "sigmoid":
            seq.append(nn.Sigmoid())
        elif kind == "dropout":
            seq.append(nn.Dropout(layer.get("p", 0.5)))
        elif kind == "batchnorm":
            seq.append(nn.BatchNorm1d(shape[0]) if len(shape) == 1 else nn.BatchNorm2d(shape[0]))
        elif kind == "flatten":
            seq.append(nn.Flatten())
            shape = [math.prod(shape)]
        elif kind == "unflatten":
            target = list(config["input"]) if layer["shape"] == "input" else list(layer["shape"])
            seq.append(nn.Unflatten(1, target))
            shape = target
        else:
            raise ValueError(f"{part} layer {i}: unknown layer type {kind!r}")
    return nn.Sequential(*seq), shape


class LatentLabModel(nn.Module):
    def __init__(self, description):
        super().__init__()
        config = description["config"]["model"]
        self.kind = config["kind"]
        self.latent = config["latent"]
        self.condition_dim = description.get("condition_dim", 0) if self.kind == "cvae" else 0
        self.input_range = config.get("input_range", "unit")
        self.output = config.get("output", "sigmoid")
        # condition_maps: every convolution also sees the condition as constant channels
        self.condition_maps = bool(config.get("condition_maps", False)) and self.condition_dim > 0
        maps = self.condition_dim if self.condition_maps else 0
        self.encoder, shape = _build(config["encoder"], list(config["input"]), config, "encoder", maps)
        if self.kind != "ae":
            self.mu = nn.Linear(shape[0] + self.condition_dim, self.latent)
            self.logvar = nn.Linear(shape[0] + self.condition_dim, self.latent)
        self.decoder, _ = _build(config["decoder"], [self.latent + self.condition_dim], config, "decoder", maps)

    def _run(self, stack, x, condition):
        if not self.condition_maps:
            return stack(x)
        for layer in stack:
            if isinstance(layer, (nn.Conv2d, nn.ConvTranspose2d)):
                maps = condition.expand(x.shape[0], -1)[:, :, None, None].expand(-1, -1, x.shape[2], x.shape[3])
                x = torch.cat([x, maps], 1)
            x = layer(x)
        return x

    def encode(self, images, condition=None):
        """Latent means (and log-variances, None for a plain AE) of images in [0, 1]."""
        x = images * 2 - 1 if self.input_range == "symmetric" else images
        h = self._run(self.encoder, x, condition)
        if self.kind == "ae":
            return h, None
        if self.condition_dim:
            h = torch.cat([h, condition], 1)
        return self.mu(h), self.logvar(h)

    def decode(self, z, condition=None):
        """Images in [0, 1] decoded from latent codes z [N, latent]."""
        if self.condition_dim:
            z = torch.cat([z, condition.expand(z.shape[0], -1)], 1)
        y = self._run(self.decoder, z, condition)
        if self.output == "sigmoid":
            y = torch.sigmoid(y)
        elif self.output == "tanh":
            y = torch.tanh(y)
        if self.input_range == "symmetric":
            y = (y + 1) / 2
        return y.clamp(0, 1)
