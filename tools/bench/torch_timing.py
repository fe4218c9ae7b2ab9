"""PyTorch's side of the CPU benchmarks: loads an archive the way PyTorch users do, runs it on the same
`.io.safetensors` inputs (in.<i> positional, kw.<name> keyword) at the same thread count, and prints
one JSON line {"median": ms, "min": ms, "max": ms, "firstMs": ms, "loadMs": ms, "runs": n}.
--load export (for `npm run bench`): eager `torch.export.load(archive).module()`;
--load aoti (for tools/bench/aoti-bench.mjs): `torch._inductor.aoti_load_package` on a `.aoti_cpu.pt2`
(libtorch runs the compiled .so).
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
    ap.add_argument("--load", choices=("export", "aoti"), default="export")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    t0 = time.perf_counter()
    if a.load == "aoti":
        model = torch._inductor.aoti_load_package(a.archive)
    else:
        model = torch.export.load(a.archive).module()
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
