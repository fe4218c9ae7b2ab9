"""PyTorch's own AOTI timing for tools/bench/aoti-bench.mjs: loads a `<name>.aoti_cpu.pt2` with
`torch._inductor.aoti_load_package` (libtorch runs the compiled .so), runs it on the same
`.io.safetensors` inputs (in.<i> positional, kw.<name> keyword) at the same thread count, and prints
one JSON line {"median": ms, "min": ms, "max": ms, "firstMs": ms, "loadMs": ms, "runs": n}.
Dev tooling only; the product never needs Python. Run with /work/main/.venv/bin/python."""
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
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--warmup", type=int, default=5)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    t0 = time.perf_counter()
    model = torch._inductor.aoti_load_package(a.archive)
    load_ms = (time.perf_counter() - t0) * 1000
    io = load_file(a.inputs)
    args = [io[f"in.{i}"] for i in range(sum(1 for k in io if k.startswith("in.")))]
    kwargs = {k[3:]: v for k, v in io.items() if k.startswith("kw.")}
    times = []
    first_ms = 0.0
    with torch.inference_mode():
        for i in range(a.warmup + a.runs):
            t = time.perf_counter()
            model(*args, **kwargs)
            ms = (time.perf_counter() - t) * 1000
            if i == 0:
                first_ms = ms
            if i >= a.warmup:
                times.append(ms)
    print(json.dumps({"median": statistics.median(times), "min": min(times), "max": max(times),
                      "firstMs": first_ms, "loadMs": load_ms, "runs": a.runs}))


if __name__ == "__main__":
    main()
