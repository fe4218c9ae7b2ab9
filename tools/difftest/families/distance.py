"""Pairwise distances beyond linalg's one-per-op cases: the export-IR cdist/pdist ops, p = 0, fractional
and large p, broadcast batch dims, sizes above 25 rows (where PyTorch switches euclidean cdist to mm)."""
import torch

from difftest_lib import F64, Case, rnd

A = torch.ops.aten
TOL = {"rtol": 1e-4, "atol": 1e-4}


def cases():
    out = []

    def add(op, name, fn, inputs, **kw):
        out.append(Case("aten." + op, name, fn, inputs, **{**TOL, **kw}))

    add("cdist.default", "p2", lambda a, b: torch.cdist(a, b), (rnd([4, 3]), rnd([6, 3])), core=True)
    add("cdist.default", "p2_mm_path", lambda a, b: torch.cdist(a, b), (rnd([30, 4]), rnd([27, 4])), core=True, rtol=1e-3, atol=1e-3)
    add("cdist.default", "broadcast_batch_p3", lambda a, b: torch.cdist(a, b, p=3.0), (rnd([2, 1, 3, 4]), rnd([3, 5, 4])))
    add("cdist.default", "p0", lambda a, b: torch.cdist(a, b, p=0.0), (torch.tensor([[1.0, 2, 3], [1, 0, 3]]), torch.tensor([[1.0, 2, 0], [0, 0, 0]])))
    add("cdist.default", "p_half_f64", lambda a, b: torch.cdist(a, b, p=0.5), (rnd([3, 2], F64), rnd([2, 2], F64)))
    add("_cdist_forward.default", "pinf_batched", lambda a, b: A._cdist_forward.default(a, b, float("inf"), None), (rnd([2, 3, 5]), rnd([2, 4, 5])))
    add("pdist.default", "p2", lambda a: torch.pdist(a), (rnd([6, 3]),), core=True)
    add("pdist.default", "p_inf", lambda a: torch.pdist(a, p=float("inf")), (rnd([4, 2]),))
    add("_pdist_forward.default", "p3_f64", lambda a: A._pdist_forward.default(a, 3.0), (rnd([5, 4], F64),))
    return out
