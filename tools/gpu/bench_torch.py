"""PyTorch eager CUDA on the benchmark models: median ms per run timed with CUDA events.

Runs the exported program's module (torch.export.load(...).module()) on the GPU with the io file's
inputs, at their batch and at batch 32 (inputs repeated along dim 0): batch 32 runs `<name>_b32.pt2`
(a static batch-32 export, see b32_cases.py) where one exists, else the model's own archive.
Timing covers host-to-device copy of inputs, the forward and the device-to-host copy of outputs, to
match what bench-cuda.mjs measures; the forward alone is reported too.
usage: python3 tools/gpu/bench_torch.py CORPUS_DIR OUT.json [MORE_DIRS...]
  MORE_DIRS: folders holding archives directly (batch-32 exports, models too big for the corpus)
"""
import json
import os
import statistics
import sys

import torch
from safetensors.torch import load_file

WARMUP, RUNS = 10, 50


def find(dirs, name, with_io=True):
    for d in dirs:
        base = os.path.join(d, name)
        if os.path.exists(base + ".pt2") and os.path.exists(base + ".json") and (not with_io or os.path.exists(base + ".io.safetensors")):
            return base
    return None


def load_module(base, dev):
    ep = torch.export.load(base + ".pt2")
    # Device arguments baked into the graph (arange/to on cpu) move too, not only the weights.
    try:
        from torch.export.passes import move_to_device_pass
        ep = move_to_device_pass(ep, dev)
    except ImportError:
        pass
    return ep.module().to(dev)


def timed(fn):
    for _ in range(WARMUP):
        fn()
    torch.cuda.synchronize()
    ms = []
    for _ in range(RUNS):
        a, b = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        a.record()
        fn()
        b.record()
        b.synchronize()
        ms.append(a.elapsed_time(b))
    return round(statistics.median(ms), 4)


def to_cpu(x):
    if isinstance(x, torch.Tensor):
        return x.cpu()
    if isinstance(x, dict):
        return {k: to_cpu(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [to_cpu(v) for v in x]
    return x


def rep(t, n):
    if not isinstance(t, torch.Tensor) or t.dim() == 0:
        return t
    idx = torch.arange(n) % t.shape[0]
    return t[idx].contiguous()


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    dirs = [os.path.join(corpus, "torch-2.11"), os.path.join(corpus, "torch-2.13"), *sys.argv[3:]]
    here = os.path.dirname(os.path.abspath(__file__))
    models = json.load(open(os.path.join(here, "bench-models.json")))["models"]
    dev = torch.device("cuda")
    results = []
    for name in models:
        r = {"model": name}
        base = find(dirs, name)
        if base is None:
            r["error"] = "archive not found"
            results.append(r)
            print(json.dumps(r), flush=True)
            continue
        try:
            man = json.load(open(base + ".json"))
            io = load_file(base + ".io.safetensors")
            b32 = find(dirs, name + "_b32", with_io=False)
            mods = {"": load_module(base, dev)}
            mods["_b32"] = load_module(b32, dev) if b32 else mods[""]
            args = [io[k] for k in man.get("args", [])]
            kwargs = {k: io["kw." + k] for k in (man.get("kwargs") or [])}
            r["batch"] = args[0].shape[0] if args and isinstance(args[0], torch.Tensor) and args[0].dim() else None
            for tag, n in (("", None), ("_b32", 32)):
                a = [rep(x, n) if n else x for x in args]
                k = {kk: (rep(v, n) if n else v) for kk, v in kwargs.items()}
                try:
                    da = [x.to(dev) for x in a]
                    dk = {kk: v.to(dev) for kk, v in k.items()}
                    with torch.no_grad():
                        mod = mods[tag]
                        r["ms" + tag] = timed(lambda: to_cpu(mod(*[x.to(dev) for x in a], **{kk: v.to(dev) for kk, v in k.items()})))
                        r["ms_fwd" + tag] = timed(lambda: mod(*da, **dk))
                except Exception as e:  # a static batch refuses 32
                    r["error" + tag] = str(e).split("\n")[0][:200]
        except Exception as e:
            r["error"] = str(e).split("\n")[0][:300]
        print(json.dumps(r), flush=True)
        results.append(r)
    device = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no CUDA device"
    json.dump({"torch": torch.__version__, "device": device, "results": results}, open(out, "w"), indent=1)


if __name__ == "__main__":
    main()
