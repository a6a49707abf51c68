# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks an exported LatentLab weights file from Python (run by tests/test_export.cpp).

usage: check_weights.py MODEL.pt MODEL.json EXPECTED.json PYTHON_DIR

Loads the weights with torch.load, builds resources/python/latentlab_model.py's module from the
description, loads the state dict strictly, and compares decoded images (8-bit, within one level)
and latent means (within 1e-4) with what the C++ engine computed. Exit 0 and "ok" when they match.
"""
import json
import sys

import torch

weights_path, description_path, expected_path, python_dir = sys.argv[1:5]
sys.path.insert(0, python_dir)
from latentlab_model import LatentLabModel  # noqa: E402

state = torch.load(weights_path)
assert isinstance(state, dict), f"torch.load gave {type(state)}, expected a dict"
assert all(isinstance(v, torch.Tensor) for v in state.values()), "not a dict of tensors"
description = json.load(open(description_path))
expected = json.load(open(expected_path))

model = LatentLabModel(description)
model.load_state_dict(state, strict=True)
model.eval()
c, h, w = description["config"]["model"]["input"]
n = expected["count"]
condition = torch.tensor(expected["condition"], dtype=torch.float32).reshape(1, -1) if expected["condition"] else None
with torch.no_grad():
    z = torch.tensor(expected["z"], dtype=torch.float32).reshape(n, -1)
    images = model.decode(z, condition)
    decoded = torch.round(images * 255).to(torch.int64).permute(0, 2, 3, 1).reshape(-1)
    want = torch.tensor(expected["decoded"], dtype=torch.int64)
    diff = (decoded - want).abs().max().item()
    assert diff <= 1, f"decoded images differ by up to {diff} levels"

    inputs = torch.tensor(expected["inputs"], dtype=torch.float32).reshape(n, h, w, c).permute(0, 3, 1, 2) / 255
    mu, _ = model.encode(inputs, condition.expand(n, -1) if condition is not None else None)
    mu_want = torch.tensor(expected["mu"], dtype=torch.float32).reshape(n, -1)
    err = (mu - mu_want).abs().max().item()
    assert err <= 1e-4, f"latent means differ by up to {err}"
print(f"ok: {len(state)} tensors, decode within {diff} level(s), encode within {err:.2e}")
