#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""LatentLab dataset caches (`latentlab-cli datasets cache SPEC --out FILE`, spec `cache:FILE`) from
Python: read one into numpy arrays (the GPU check's PyTorch peer trains on the same faces as ours),
and pack/unpack one for carrying to a machine without OpenCV, where synthfaces cannot be drawn.

The cache layout (core/data/tensor_file.h): "LLTENSOR" | u32 version | u64 header length | header
JSON | array bytes | u32 CRC-32 of everything before it, little-endian.

A pack is the cache file, xz-compressed, with its [N,C,H,W] uint8 image arrays stored as [N,H,W,C]:
neighbouring bytes are then one pixel's colours and the next pixel's, which LZMA models better
(synthfaces:20000 packs to 12 % of its size this way, 15.5 % as stored). unpack restores the exact
file and checks its SHA-256.

usage: latentlab_cache.py info FILE
       latentlab_cache.py pack FILE OUT.xz
       latentlab_cache.py unpack IN.xz FILE
       latentlab_cache.py subset FILE OUT TRAIN TEST   (the first TRAIN and TEST images: rehearsals)
"""
import hashlib
import json
import lzma
import os
import struct
import sys
import zlib

import numpy as np

MAGIC = b"LLTENSOR"
FIXED = 8 + 4 + 8
DTYPES = {"u8": np.uint8, "f32": np.float32, "i64": np.int64}
PACK_MAGIC = b"LLPACK1\n"


def parse_header(data, name):
    """(header dict, offset of the array bytes) of a cache file's bytes; checks magic and CRC."""
    if len(data) < FIXED + 4 or data[:8] != MAGIC:
        raise ValueError(f"{name}: not a LatentLab tensor file")
    (length,) = struct.unpack_from("<Q", data, 12)
    if FIXED + length + 4 > len(data):
        raise ValueError(f"{name}: truncated header")
    (crc,) = struct.unpack_from("<I", data, len(data) - 4)
    if zlib.crc32(memoryview(data)[:-4]) != crc:
        raise ValueError(f"{name}: CRC mismatch (damaged file)")
    return json.loads(bytes(data[FIXED:FIXED + length])), FIXED + length


def read_cache(path):
    """{array name: numpy array} and the meta dict of a LatentLab dataset cache."""
    with open(path, "rb") as f:
        data = f.read()
    header, start = parse_header(data, path)
    if header.get("kind") != "dataset-cache":
        raise ValueError(f"{path}: is a {header.get('kind')}, expected a dataset-cache")
    arrays = {}
    for a in header["arrays"]:
        arr = np.frombuffer(data, DTYPES[a["dtype"]], a["bytes"] // np.dtype(DTYPES[a["dtype"]]).itemsize,
                            start + a["offset"])
        arrays[a["name"]] = arr.reshape(a["shape"])
    return arrays, header.get("meta", {})


def image_arrays(header):
    return [a for a in header["arrays"] if a["dtype"] == "u8" and len(a["shape"]) == 4]


def pack(path, out):
    with open(path, "rb") as f:
        data = bytearray(f.read())
    header, start = parse_header(data, path)
    digest = hashlib.sha256(data).hexdigest()
    moved = []
    for a in image_arrays(header):
        view = np.frombuffer(data, np.uint8, a["bytes"], start + a["offset"]).reshape(a["shape"])
        data[start + a["offset"]:start + a["offset"] + a["bytes"]] = np.ascontiguousarray(
            view.transpose(0, 2, 3, 1)).tobytes()
        moved.append(a["name"])
    info = {"sha256": digest, "size": len(data), "nhwc": moved}
    filters = [{"id": lzma.FILTER_LZMA2, "preset": 9 | lzma.PRESET_EXTREME}]
    tmp = out + ".tmp"
    with lzma.open(tmp, "wb", format=lzma.FORMAT_XZ, filters=filters) as f:
        f.write(PACK_MAGIC + json.dumps(info).encode() + b"\n")
        f.write(data)
    os.replace(tmp, out)
    print(f"packed {path} ({len(data)} bytes) into {out} ({os.path.getsize(out)} bytes)")


def unpack(path, out):
    with lzma.open(path, "rb") as f:
        blob = f.read()
    if not blob.startswith(PACK_MAGIC):
        raise ValueError(f"{path}: not a LatentLab cache pack")
    line_end = blob.index(b"\n", len(PACK_MAGIC))
    info = json.loads(blob[len(PACK_MAGIC):line_end])
    data = bytearray(memoryview(blob)[line_end + 1:])
    del blob
    if len(data) != info["size"]:
        raise ValueError(f"{path}: holds {len(data)} bytes, its header says {info['size']}")
    (length,) = struct.unpack_from("<Q", data, 12)
    header = json.loads(bytes(data[FIXED:FIXED + length]))
    start = FIXED + length
    for a in header["arrays"]:
        if a["name"] in info["nhwc"]:
            n, c, h, w = a["shape"]
            view = np.frombuffer(data, np.uint8, a["bytes"], start + a["offset"]).reshape(n, h, w, c)
            data[start + a["offset"]:start + a["offset"] + a["bytes"]] = np.ascontiguousarray(
                view.transpose(0, 3, 1, 2)).tobytes()
    if hashlib.sha256(data).hexdigest() != info["sha256"]:
        raise ValueError(f"{path}: unpacked bytes do not match the SHA-256 recorded when packing")
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, out)
    print(f"unpacked {path} into {out} ({len(data)} bytes, SHA-256 checked)")


def write_cache(path, arrays, meta):
    """A dataset cache of named numpy arrays, in order, as core/data/tensor_file.cpp writes one."""
    names = {np.dtype(v): k for k, v in DTYPES.items()}
    entries, offset = [], 0
    for name, a in arrays.items():
        entries.append({"name": name, "dtype": names[a.dtype], "shape": list(a.shape), "offset": offset, "bytes": a.nbytes})
        offset += a.nbytes
    text = json.dumps({"kind": "dataset-cache", "meta": meta, "arrays": entries}).encode()
    body = MAGIC + struct.pack("<IQ", 1, len(text)) + text + b"".join(np.ascontiguousarray(a).tobytes() for a in arrays.values())
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(body + struct.pack("<I", zlib.crc32(body)))
    os.replace(tmp, path)


def subset(path, out, train, test):
    arrays, meta = read_cache(path)
    keep = {k: v[:train] if k.startswith("train.") else v[:test] for k, v in arrays.items()}
    write_cache(out, keep, meta)
    print(f"wrote {out}: the first {train} training and {test} test images of {path}")


def main(argv):
    if len(argv) == 3 and argv[1] == "info":
        arrays, meta = read_cache(argv[2])
        print(json.dumps({"meta": meta, "arrays": {k: [str(v.dtype), list(v.shape)] for k, v in arrays.items()}}))
    elif len(argv) == 4 and argv[1] == "pack":
        pack(argv[2], argv[3])
    elif len(argv) == 4 and argv[1] == "unpack":
        unpack(argv[2], argv[3])
    elif len(argv) == 6 and argv[1] == "subset":
        subset(argv[2], argv[3], int(argv[4]), int(argv[5]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
