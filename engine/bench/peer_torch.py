"""The benchmark's peer: the lecture's three MNIST networks in PyTorch, same batch size,
optimizer (RMSprop as Keras sets it: lr 0.001, rho 0.9, eps 1e-7) and data slice as
LayerLab's `bench`, timed the way engine/bench/run.ts times ours: a warm-up, then at least
--batches batches and at least --min-seconds seconds (fewer batches where they would take
longer than --max-seconds), the slice of --slice images read round and round. Prints one
JSON object per model on stdout; errors go to stderr.

usage: /usr/bin/python3 peer_torch.py --batches N --warmup W --models a,b --data DIR
       [--min-seconds S] [--max-seconds S] [--slice N] [--device cpu|cuda] [--threads N]
"""
import math
import argparse
import gzip
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn


def read_idx(path, magic, dims):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    got = int.from_bytes(raw[0:4], "big")
    if got != magic:
        raise SystemExit(f"{path}: magic number {got:#x}, expected {magic:#x}")
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def build(name):
    if name == "standard":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Dropout(0.2),
                             nn.Linear(512, 512), nn.ReLU(), nn.Dropout(0.2), nn.Linear(512, 10))
    if name == "simplified":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 100), nn.ReLU(), nn.Linear(100, 10))
    if name == "convolutional":
        return nn.Sequential(nn.Conv2d(1, 30, 5), nn.ReLU(), nn.Conv2d(30, 15, 3), nn.ReLU(),
                             nn.MaxPool2d(2), nn.Dropout(0.2), nn.Flatten(),
                             nn.Linear(15 * 11 * 11, 128), nn.ReLU(), nn.Linear(128, 50), nn.ReLU(),
                             nn.Linear(50, 10))
    raise SystemExit(f"unknown model '{name}'")


def planned_batches(per_batch, at_least, min_seconds, max_seconds):
    """engine/bench/stats.ts plannedBatches, line for line."""
    p = max(per_batch, 1e-6)
    wanted = max(at_least, math.ceil(min_seconds / p))
    return max(1, min(wanted, math.floor(max_seconds / p)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batches", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--models", default="standard,simplified,convolutional")
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--device", default="cpu")
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--min-seconds", type=float, default=0.0)
    p.add_argument("--max-seconds", type=float, default=60.0)
    p.add_argument("--slice", type=int, default=0)
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    if a.device == "cuda" and not torch.cuda.is_available():
        raise SystemExit("--device cuda: torch.cuda.is_available() is False")
    dev = torch.device(a.device)
    bs = a.batch_size
    n = a.slice if a.slice > 0 else (a.warmup + a.batches) * bs
    in_slice = n // bs
    if in_slice < 1:
        raise SystemExit(f"--slice {n} holds no batch of {bs}")
    images = read_idx(os.path.join(a.data, "train-images-idx3-ubyte.gz"), 0x803, 3)[:n]
    labels = read_idx(os.path.join(a.data, "train-labels-idx1-ubyte.gz"), 0x801, 1)[:n]
    x_all = torch.from_numpy(images.astype(np.float32) / 255.0).reshape(-1, 1, 28, 28).to(dev)
    y_all = torch.from_numpy(labels.astype(np.int64)).to(dev)
    threads = torch.get_num_threads()
    device_name = torch.cuda.get_device_name(0) if a.device == "cuda" else f"CPU ({threads} thread{'' if threads == 1 else 's'})"
    torch.manual_seed(42)
    for name in a.models.split(","):
        model = build(name).to(dev)
        opt = torch.optim.RMSprop(model.parameters(), lr=0.001, alpha=0.9, eps=1e-7)
        # Softmax + categorical cross-entropy, as the Keras program, fused as PyTorch does it.
        loss_fn = nn.CrossEntropyLoss()
        model.train()

        def step(i):
            i %= in_slice
            xb = x_all[i * bs:(i + 1) * bs]
            yb = y_all[i * bs:(i + 1) * bs]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            return loss

        # As ours: each warm-up batch timed to its read-back, the last one sizes the run.
        per_batch = 0.0
        for i in range(max(1, a.warmup)):
            t = time.perf_counter()
            step(i).item()
            per_batch = time.perf_counter() - t
            if per_batch > a.max_seconds / 10:
                break
        warmup = max(1, a.warmup)
        batches, seconds, final = 0, 0.0, float("nan")
        plan = planned_batches(per_batch, a.batches, a.min_seconds, a.max_seconds)
        while True:  # ends: each run adds at least one batch
            t0 = time.perf_counter()
            for i in range(warmup + batches, warmup + batches + plan):
                loss = step(i)
            final = float(loss.item())  # one read-back a run: synchronises the device
            seconds += time.perf_counter() - t0
            batches += plan
            left_min, left_max = a.min_seconds - seconds, a.max_seconds - seconds
            if left_min <= 0 or seconds / batches > left_max:
                break
            plan = planned_batches(seconds / batches, 1, left_min, left_max)
        print(json.dumps({"model": name, "backend": f"torch-{a.device}", "device": device_name,
                          "threads": threads, "torch": torch.__version__, "batches": batches, "batchSize": bs,
                          "seconds": seconds, "imagesPerSec": batches * bs / seconds, "finalLoss": final}),
              flush=True)


if __name__ == "__main__":
    try:
        main()
    except SystemExit:
        raise
    except Exception as e:  # noqa: BLE001 — the caller shows this line
        print(f"peer_torch.py: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
