# SPDX-License-Identifier: Apache-2.0
"""What a plain (unbound) ONNX Runtime run costs on a GPU at MOSS-16B's shapes, measured with PyTorch's CUDA copies.

Without IoBinding, ORT Java returns a CUDA stage's present.* tensors in host memory and copies past_key_values.*
back to the card on the next step: per token the whole KV cache crosses PCIe twice. This times those copies
(device -> pageable host, pageable host -> device; pinned for reference) for one stage's cache (17 of MOSS's 34
layers, fp16) at several capacities, and the card's own read bandwidth (what a bound decode step is limited by).
Usage: python onnx-export/scripts/host_traffic_probe.py [--layers 17] [--capacities 100,1000,2048]
"""
import argparse
import statistics
import time

import torch

BYTES_PER_TOKEN_PER_LAYER = 2 * 24 * 256 * 2  # key + value, 24 heads x 256, fp16


def timed(fn, repeats=5):
    out = []
    for _ in range(repeats):
        torch.cuda.synchronize()
        t = time.perf_counter()
        fn()
        torch.cuda.synchronize()
        out.append(time.perf_counter() - t)
    return statistics.median(out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--layers", type=int, default=17)
    p.add_argument("--capacities", default="100,1000,2048")
    a = p.parse_args()
    dev = torch.device("cuda:0")
    print(f"device: {torch.cuda.get_device_name(0)}, torch {torch.__version__}, CUDA {torch.version.cuda}")
    print("| capacity | one stage's KV cache | device -> host (pageable) | host -> device (pageable) "
          "| both, per token | pinned: both | GB/s pageable |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for cap in [int(c) for c in a.capacities.split(",")]:
        n = cap * BYTES_PER_TOKEN_PER_LAYER * a.layers // 2
        gpu = torch.empty(n, dtype=torch.float16, device=dev).normal_()
        host = torch.empty(n, dtype=torch.float16)
        pinned = torch.empty(n, dtype=torch.float16, pin_memory=True)
        d2h = timed(lambda: host.copy_(gpu))
        h2d = timed(lambda: gpu.copy_(host))
        pin = timed(lambda: (pinned.copy_(gpu, non_blocking=True), gpu.copy_(pinned, non_blocking=True)))
        size = n * 2
        print(f"| {cap} | {size / 1e6:.1f} MB | {d2h * 1e3:.1f} ms | {h2d * 1e3:.1f} ms | {(d2h + h2d) * 1e3:.1f} ms "
              f"| {pin * 1e3:.1f} ms | {2 * size / (d2h + h2d) / 1e9:.1f} |")
        del gpu, host, pinned
    # A bound decode step reads the stage's weights once: the card's read bandwidth sets the floor.
    weights = torch.empty(8 * 2**30 // 2, dtype=torch.float16, device=dev).normal_()
    read = timed(lambda: weights.sum(dtype=torch.float32))
    print(f"\ncard read bandwidth (sum over 8 GiB fp16): {8 * 2**30 / read / 1e9:.0f} GB/s; "
          f"a 16.5 GB stage (MOSS-16B over 2 cards) reads in {16.5e9 / (8 * 2**30 / read) * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
