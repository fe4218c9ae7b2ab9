"""PyTorch eager timing for `npm run bench`: runs `torch.export.load(archive).module()` on the same
`.io.safetensors` inputs (in.<i> positional, kw.<name> keyword) with the same thread count, and prints
one JSON line {"median": ms, "min": ms, "max": ms, "runs": n}. Dev tooling only; the product never needs Python."""
import argparse
import json
import statistics
import time

import torch
from safetensors.torch import load_file


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("archive")
    ap.add_argument("--inputs", required=True)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    module = torch.export.load(a.archive).module()
    io = load_file(a.inputs)
    args = [io[f"in.{i}"] for i in range(sum(1 for k in io if k.startswith("in.")))]
    kwargs = {k[3:]: v for k, v in io.items() if k.startswith("kw.")}
    times = []
    with torch.inference_mode():
        for i in range(a.warmup + a.runs):
            t0 = time.perf_counter()
            module(*args, **kwargs)
            if i >= a.warmup:
                times.append((time.perf_counter() - t0) * 1000)
    print(json.dumps({"median": statistics.median(times), "min": min(times), "max": max(times), "runs": a.runs}))


if __name__ == "__main__":
    main()
