"""Generates per-op differential fixtures from PyTorch: for each case, a tiny module calling the op is
exported with torch.export, serialized with torch._export.serde, run eagerly for the expected outputs,
and written to <out>/<family>.json.gz (programs) + <out>/<family>.safetensors (every tensor).

    .venv/bin/python tools/difftest/gen.py [--out tests/fixtures/difftest] [--families unary,binary]
"""
from __future__ import annotations

import argparse
import gzip
import importlib
import json
import os
import sys
import warnings

import torch
import torch.utils._pytree as pytree
from safetensors.torch import save_file
from torch._export.serde.serialize import serialize

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from difftest_lib import Case, Fn, seed_for, tol_for  # noqa: E402
from skips import SKIPPED  # noqa: E402

FAMILIES = ["unary", "binary", "reduction", "linalg", "conv_pool", "norm", "shape", "indexing", "creation", "misc", "extra", "inplace", "overloads", "symbolic", "backward", "spectral", "distance", "complex", "int64"]


def strip_metadata(node_holder: dict) -> None:
    """Drops per-node metadata (stack traces, module stacks): it is large and no runtime reads it."""
    for node in node_holder.get("nodes", []):
        node["metadata"] = {}
        for inp in node.get("inputs", []):
            g = inp.get("arg", {}).get("as_graph")
            if g is not None:
                strip_metadata(g["graph"])


def program_json(ep: torch.export.ExportedProgram) -> dict:
    """The serialized ExportedProgram (what an archive stores as models/<name>.json), metadata stripped."""
    doc = json.loads(serialize(ep).exported_program)
    strip_metadata(doc["graph_module"]["graph"])
    return doc


def graph_ops(doc: dict) -> list[str]:
    """Every op target in the program (nested graphs included), as `aten.add.Tensor`."""
    ops: set[str] = set()

    def walk(g: dict) -> None:
        for node in g.get("nodes", []):
            ops.add(node["target"].removeprefix("torch.ops."))
            for inp in node.get("inputs", []):
                sub = inp.get("arg", {}).get("as_graph")
                if sub is not None:
                    walk(sub["graph"])

    walk(doc["graph_module"]["graph"])
    return sorted(ops)


def clone_tree(x):
    return pytree.tree_map(lambda t: t.clone() if isinstance(t, torch.Tensor) else t, x)


def as_tensor(v) -> torch.Tensor:
    """Output leaves that are Python scalars (item(), sym sizes) are stored as 0-d tensors."""
    if isinstance(v, torch.Tensor):
        return v.detach().contiguous()
    if isinstance(v, bool):
        return torch.tensor(v)
    if isinstance(v, int):
        return torch.tensor(v, dtype=torch.int64)
    return torch.tensor(float(v), dtype=torch.float64)


class FamilyWriter:
    """Collects the cases of one family and the tensors they reference."""

    def __init__(self, family: str):
        self.family = family
        self.cases: list[dict] = []
        self.tensors: dict[str, torch.Tensor] = {}
        self.failed: list[str] = []
        self.names: set[str] = set()

    def put(self, key: str, t: torch.Tensor) -> str:
        self.tensors[key] = t.detach().contiguous().clone()
        return key

    def add(self, case: Case) -> None:
        # Tensor keys are `<op>/<name>/...`: a repeated name would silently overwrite another case's tensors.
        key = f"{case.op}/{case.name}"
        if key in self.names:
            raise ValueError(f"{self.family}: duplicate case {key}")
        self.names.add(key)
        mod = Fn(case.fn, case.state).eval()
        try:
            # A separate module for the eager run: programs that mutate buffers must export the initial state.
            expected = Fn(case.fn, case.state).eval()(*clone_tree(case.inputs), **clone_tree(case.kwargs))
        except Exception as e:  # dtype or shape the op does not take: not a case
            self.failed.append(f"{case.op} {case.name}: eager: {str(e).splitlines()[0][:160]}")
            return
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ep = torch.export.export(mod, clone_tree(case.inputs), kwargs=clone_tree(case.kwargs), dynamic_shapes=None if case.dynamic is None else (case.dynamic,), strict=False)
        except Exception as e:
            self.failed.append(f"{case.op} {case.name}: export: {str(e).splitlines()[0][:160]}")
            return
        leaves = [as_tensor(v) for v in pytree.tree_leaves(expected)]
        variants = [("", ep)]
        if case.core:
            try:
                variants.append(("/core", ep.run_decompositions()))
            except Exception as e:
                self.failed.append(f"{case.op} {case.name}: run_decompositions: {str(e).splitlines()[0][:160]}")
        for suffix, prog in variants:
            try:
                self._emit(case, case.name + suffix, prog, case.inputs, leaves)
            except Exception as e:
                self.failed.append(f"{case.op} {case.name}{suffix}: serialize: {str(e).splitlines()[0][:160]}")
        if case.alt_inputs is not None:
            self._add_resized(case, ep)

    def _add_resized(self, case: Case, ep: torch.export.ExportedProgram) -> None:
        """The same dynamic-shape program on inputs of another size (`<name>/resized`): symbolic values must
        be computed from the sizes given, not the traced ones."""
        alt = case.alt_inputs
        try:
            expected = Fn(case.fn, case.state).eval()(*clone_tree(alt), **clone_tree(case.kwargs))
            # The exported program must accept the sizes (no specialization) and agree with eager.
            traced = ep.module()(*clone_tree(alt), **clone_tree(case.kwargs))
            for want, got in zip(pytree.tree_leaves(expected), pytree.tree_leaves(traced)):
                torch.testing.assert_close(as_tensor(got), as_tensor(want), equal_nan=True)
            self._emit(case, case.name + "/resized", ep, alt, [as_tensor(v) for v in pytree.tree_leaves(expected)])
        except Exception as e:
            self.failed.append(f"{case.op} {case.name}/resized: {str(e).splitlines()[0][:160]}")

    def _emit(self, case: Case, name: str, ep: torch.export.ExportedProgram, case_inputs: tuple, leaves: list[torch.Tensor]) -> None:
        doc = program_json(ep)
        ops = graph_ops(doc)
        prefix = f"{case.op}/{name}"
        state = {}
        for fqn, t in list(ep.state_dict.items()) + list(ep.constants.items()):
            if isinstance(t, torch.Tensor):
                state[fqn] = self.put(f"{prefix}/state/{fqn}", t)
        inputs = [self.put(f"{prefix}/in/{i}", t) for i, t in enumerate(case_inputs)]
        kwargs = {k: self.put(f"{prefix}/kw/{k}", t) for k, t in case.kwargs.items()}
        # Loose outputs are compared by shape and dtype only; zeros keep uninitialized memory out of the bytes.
        outputs = [self.put(f"{prefix}/out/{i}", torch.zeros_like(t) if i in case.loose_outputs else t) for i, t in enumerate(leaves)]
        float_out = [t.dtype for t in leaves if t.is_floating_point()]
        rtol, atol = 0.0, 0.0
        for dt in float_out:
            r, a = tol_for(dt, case.rtol, case.atol)
            rtol, atol = max(rtol, r), max(atol, a)
        if case.op not in ops and not name.endswith("/core"):
            print(f"warning: {prefix}: {case.op} not in exported graph ({', '.join(ops)})", file=sys.stderr)
        self.cases.append({
            "name": name, "op": case.op, "ops": ops, "program": doc, "state": state, "inputs": inputs,
            "kwargs": kwargs, "outputs": outputs, "loose_outputs": list(case.loose_outputs), "rtol": rtol, "atol": atol,
        })

    def write(self, out_dir: str) -> int:
        body = json.dumps({"family": self.family, "cases": self.cases}, separators=(",", ":")).encode()
        path = os.path.join(out_dir, f"{self.family}.json.gz")
        with open(path, "wb") as f:
            # mtime=0: the same cases give the same bytes.
            f.write(gzip.compress(body, compresslevel=9, mtime=0))
        save_file(self.tensors, os.path.join(out_dir, f"{self.family}.safetensors"))
        return os.path.getsize(path) + os.path.getsize(os.path.join(out_dir, f"{self.family}.safetensors"))


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(here, "..", "..", "tests", "fixtures", "difftest"))
    ap.add_argument("--families", default=",".join(FAMILIES))
    ap.add_argument("--core-ops", default=os.path.join(here, "..", "..", "..", "shared", "corpus", "core_aten_ops.txt"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(1)
    warnings.filterwarnings("ignore", category=FutureWarning)
    total_bytes, all_ops, failed = 0, set(), []
    for family in args.families.split(","):
        torch.manual_seed(seed_for(family))
        mod = importlib.import_module(f"families.{family}")
        writer = FamilyWriter(family)
        for case in mod.cases():
            writer.add(case)
        size = writer.write(args.out)
        total_bytes += size
        failed += writer.failed
        for c in writer.cases:
            all_ops.update(c["ops"])
        print(f"{family}: {len(writer.cases)} cases, {size / 1024:.0f} KiB", file=sys.stderr)
    with open(os.path.join(args.out, "skipped.json"), "w") as f:
        json.dump({"skipped": SKIPPED}, f, indent=1, sort_keys=True)
        f.write("\n")
    with open(args.core_ops) as f:
        core = [line.strip() for line in f if line.strip()]
    # The tests read the denominator from the fixtures, so npm test needs nothing outside the repo.
    with open(os.path.join(args.out, "core_aten_ops.txt"), "w") as f:
        f.write("\n".join(core) + "\n")
    # Families not regenerated this run still count, from their fixture files.
    for family in FAMILIES:
        path = os.path.join(args.out, f"{family}.json.gz")
        if family not in args.families.split(",") and os.path.exists(path):
            with gzip.open(path) as f:
                for c in json.load(f)["cases"]:
                    all_ops.update(c["ops"])
    missing = [op for op in core if op not in all_ops and op not in SKIPPED]
    print(f"total {total_bytes / 1024:.0f} KiB; core ops covered {sum(op in all_ops for op in core)}/{len(core)}", file=sys.stderr)
    print("core ops with no case: " + " ".join(missing), file=sys.stderr)
    print(f"{len(failed)} variants dropped (eager or export refused them):", file=sys.stderr)
    for line in failed:
        print("  " + line, file=sys.stderr)


if __name__ == "__main__":
    main()
