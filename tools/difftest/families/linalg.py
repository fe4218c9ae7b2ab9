"""Matrix products and distances: mm, bmm, addmm, linear, matmul (every rank pairing), einsum, cdist, pdist."""
import torch
import torch.nn.functional as F

from difftest_lib import BF16, F16, F64, I64, Case, rnd

A = torch.ops.aten
MM_TOL = {"rtol": 1e-4, "atol": 1e-4}  # accumulation order differs from MKL's


def cases():
    out = []

    def add(op, name, fn, inputs, **kw):
        out.append(Case("aten." + op, name, fn, inputs, **{**MM_TOL, **kw}))

    add("mm.default", "f32", torch.mm, (rnd([3, 5]), rnd([5, 4])))
    add("mm.default", "transposed", lambda a, b: torch.mm(a.t(), b.t()), (rnd([5, 3]), rnd([4, 5])))
    add("mm.default", "f64", torch.mm, (rnd([2, 3], F64), rnd([3, 2], F64)))
    add("mm.default", "f16", torch.mm, (rnd([2, 8], F16), rnd([8, 3], F16)), rtol=2e-2, atol=2e-2)
    add("mm.default", "bf16", torch.mm, (rnd([2, 8], BF16), rnd([8, 3], BF16)), rtol=3e-2, atol=3e-2)
    add("mm.default", "i64", torch.mm, (rnd([2, 3], I64), rnd([3, 4], I64)))
    add("mm.default", "empty_k", torch.mm, (rnd([2, 0]), rnd([0, 3])))
    add("mm.default", "empty_m", torch.mm, (rnd([0, 4]), rnd([4, 3])))
    add("mm.default", "larger", torch.mm, (rnd([17, 33]), rnd([33, 9])))
    add("bmm.default", "f32", torch.bmm, (rnd([2, 3, 4]), rnd([2, 4, 5])))
    add("bmm.default", "transposed", lambda a, b: torch.bmm(a, b.transpose(1, 2)), (rnd([3, 2, 4]), rnd([3, 5, 4])))
    add("bmm.default", "expanded", lambda a, b: torch.bmm(a.expand(3, 2, 4), b), (rnd([1, 2, 4]), rnd([3, 4, 2])))
    add("addmm.default", "f32", torch.addmm, (rnd([4]), rnd([3, 5]), rnd([5, 4])))
    add("addmm.default", "beta_alpha", lambda c, a, b: torch.addmm(c, a, b, beta=0.5, alpha=2.0), (rnd([3, 4]), rnd([3, 5]), rnd([5, 4])))
    add("addmm.default", "beta0_nan", lambda c, a, b: torch.addmm(c, a, b, beta=0.0), (torch.full([3, 2], float("nan")), rnd([3, 2]), rnd([2, 2])))
    add("linear.default", "bias", F.linear, (rnd([2, 5]), rnd([3, 5]), rnd([3])), core=True)
    add("linear.default", "nobias", F.linear, (rnd([4, 5]), rnd([3, 5])), core=True)
    add("linear.default", "batched3d", F.linear, (rnd([2, 3, 5]), rnd([4, 5]), rnd([4])), core=True)
    add("linear.default", "vector_in", F.linear, (rnd([5]), rnd([3, 5]), rnd([3])))
    add("linear.default", "param", lambda x, w, b: F.linear(x, w, b), (rnd([2, 6]),), state={"w": rnd([4, 6]), "b": rnd([4])}, core=True)
    add("linear.default", "f16", F.linear, (rnd([2, 8], F16), rnd([3, 8], F16), rnd([3], F16)), rtol=2e-2, atol=2e-2)
    for name, sa, sb in [("dot", [5], [5]), ("mv", [3, 5], [5]), ("vm", [5], [5, 3]), ("mm", [3, 5], [5, 2]),
                         ("batched", [2, 3, 5], [2, 5, 4]), ("bcast_batch", [2, 1, 3, 5], [4, 5, 2]),
                         ("batch_vec", [2, 3, 5], [5]), ("vec_batch", [5], [2, 5, 3]), ("batch_mat", [2, 3, 5], [5, 4])]:
        add("matmul.default", name, torch.matmul, (rnd(sa), rnd(sb)), core=(name in ("mv", "bcast_batch")))
    add("matmul.default", "transposed", lambda a, b: a.transpose(-1, -2) @ b, (rnd([2, 5, 3]), rnd([2, 5, 4])))
    add("einsum.default", "bij_bjk", lambda a, b: torch.einsum("bij,bjk->bik", a, b), (rnd([2, 3, 4]), rnd([2, 4, 5])), core=True)
    add("einsum.default", "outer", lambda a, b: torch.einsum("i,j->ij", a, b), (rnd([3]), rnd([4])))
    add("einsum.default", "trace", lambda a: torch.einsum("ii->", a), (rnd([4, 4]),))
    add("einsum.default", "attn", lambda q, k: torch.einsum("bhqd,bhkd->bhqk", q, k), (rnd([1, 2, 3, 4]), rnd([1, 2, 5, 4])))
    add("einsum.default", "sum_axis", lambda a: torch.einsum("ij->j", a), (rnd([3, 4]),))
    add("_cdist_forward.default", "p2", lambda a, b: A._cdist_forward.default(a, b, 2.0, None), (rnd([4, 3]), rnd([5, 3])))
    add("_cdist_forward.default", "p1_batched", lambda a, b: A._cdist_forward.default(a, b, 1.0, None), (rnd([2, 4, 3]), rnd([2, 2, 3])))
    add("_cdist_forward.default", "pinf", lambda a, b: A._cdist_forward.default(a, b, float("inf"), None), (rnd([3, 2]), rnd([3, 2])))
    add("_pdist_forward.default", "p2", lambda a: A._pdist_forward.default(a, 2.0), (rnd([5, 3]),))
    add("_pdist_forward.default", "p1", lambda a: A._pdist_forward.default(a, 1.0), (rnd([4, 6]),))
    add("baddbmm.default", "f32", lambda c, a, b: torch.baddbmm(c, a, b, beta=0.5, alpha=2.0), (rnd([2, 3, 4]), rnd([2, 3, 5]), rnd([2, 5, 4])), core=True)
    return out
