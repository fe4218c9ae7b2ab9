"""Ops the interpreter has kernels for that the export of ordinary code rarely leaves: index_* and
in-place scatter forms, searchsorted/bucketize, explicit upsample overloads, control flow
(cond, while_loop) and symbolic-shape arithmetic (_operator.*, torch.sym_*)."""
import torch
import torch.nn.functional as F
from torch.export import Dim

from difftest_lib import BOOL, I64, Case, rnd

A = torch.ops.aten
TOL = {"rtol": 1e-4, "atol": 1e-4}


def cases():
    out = []

    def add(op, name, fn, inputs, **kw):
        out.append(Case(op, name, fn, inputs, **{**TOL, **kw}))

    i = lambda *v: torch.tensor(v)  # noqa: E731
    add("aten.index_add.default", "dup", lambda x, s: torch.index_add(x, 0, i(0, 2, 0), s, alpha=2), (rnd([3, 2]), rnd([3, 2])))
    add("aten.index_add_.default", "inplace", lambda x, s: (x * 1).index_add_(1, i(1, 1), s), (rnd([2, 3]), rnd([2, 2])))
    add("aten.index_copy.default", "c", lambda x, s: torch.index_copy(x, 0, i(2, 0), s), (rnd([3, 2]), rnd([2, 2])))
    add("aten.index_copy_.default", "inplace", lambda x, s: (x * 1).index_copy_(1, i(0), s), (rnd([2, 3]), rnd([2, 1])))
    add("aten.index_fill.int_Scalar", "s", lambda x: torch.index_fill(x, 1, i(0, 2), -1.5), (rnd([2, 3]),))
    add("aten.index_fill.int_Tensor", "t", lambda x, v: torch.index_fill(x, 0, i(1), v), (rnd([2, 3]), rnd([])))
    add("aten.index_fill_.int_Scalar", "inplace", lambda x: (x * 1).index_fill_(0, i(0), 2.0), (rnd([2, 3]),))
    add("aten.index_fill_.int_Tensor", "inplace", lambda x, v: (x * 1).index_fill_(1, i(2), v), (rnd([2, 3]), rnd([])))
    add("aten.masked_scatter_.default", "inplace", lambda x, m, s: (x * 1).masked_scatter_(m, s), (rnd([2, 3]), rnd([2, 3], BOOL), rnd([6])))
    add("aten.scatter_.src", "inplace", lambda x, s: (x * 1).scatter_(1, i([0, 2], [1, 1]), s), (rnd([2, 3]), rnd([2, 2])))
    add("aten.scatter_.value", "inplace", lambda x: (x * 1).scatter_(0, i([1, 0, 1]), 4.0), (rnd([2, 3]),))
    add("aten.scatter_.reduce", "multiply", lambda x, s: (x * 1).scatter_(1, i([0, 0], [2, 1]), s, reduce="multiply"), (rnd([2, 3]), rnd([2, 2])))
    add("aten.scatter_.value_reduce", "add", lambda x: (x * 1).scatter_(1, i([0, 0], [2, 1]), 1.5, reduce="add"), (rnd([2, 3]),))
    add("aten.scatter.value_reduce", "add", lambda x: A.scatter.value_reduce(x, 1, i([0, 0], [2, 1]), 1.5, reduce="add"), (rnd([2, 3]),))
    add("aten.scatter_add_.default", "inplace", lambda x, s: (x * 1).scatter_add_(0, i([1, 1, 0]), s), (rnd([2, 3]), rnd([1, 3])))
    add("aten.scatter_reduce_.two", "amax", lambda x, s: (x * 1).scatter_reduce_(0, i(0, 0, 2), s, "amax"), (rnd([3]), rnd([3])))
    add("aten.tril_.default", "inplace", lambda x: (x * 1).tril_(1), (rnd([3, 4]),))
    add("aten.triu_.default", "inplace", lambda x: (x * 1).triu_(-1), (rnd([3, 4]),))
    add("aten.searchsorted.Tensor", "left_right", lambda s, v: (torch.searchsorted(s, v), torch.searchsorted(s, v, right=True)), (i(1.0, 2.0, 2.0, 5.0), i(0.0, 2.0, 3.0, 9.0)))
    add("aten.searchsorted.Scalar", "s", lambda s: torch.searchsorted(s, 2.0), (i(1.0, 2.0, 3.0),))
    add("aten.bucketize.Tensor", "b", lambda v, b: torch.bucketize(v, b, right=True), (rnd([2, 3]), i(-1.0, 0.0, 1.0)))
    add("aten.bucketize.Scalar", "s", lambda b: torch.bucketize(0.5, b), (i(-1.0, 0.0, 1.0),))
    add("aten.diff.default", "d", lambda x: torch.diff(x, dim=-1), (rnd([2, 5]),))
    add("aten.pixel_unshuffle.default", "r2", lambda x: F.pixel_unshuffle(x, 2), (rnd([1, 2, 4, 6]),))
    add("aten.repeat_interleave.self_Tensor", "t", lambda x: x.repeat_interleave(i(1, 0, 2), dim=0), (rnd([3, 2]),))
    add("aten.repeat_interleave.Tensor", "counts", lambda r: torch.repeat_interleave(r), (i(2, 0, 1),))
    add("aten.replication_pad1d.default", "direct", lambda x: A.replication_pad1d.default(x, [2, 1]), (rnd([1, 2, 4]),))
    add("aten.var_mean.correction", "direct", lambda x: A.var_mean.correction(x, [1], correction=0, keepdim=True), (rnd([3, 4]),))
    add("aten.where.default", "cond_only", lambda x: torch.where(x > 0), (rnd([3, 4]),))
    add("aten._unsafe_index.Tensor", "direct", lambda x: A._unsafe_index.Tensor(x, [None, i(2, 0)]), (rnd([2, 3]),))
    add("aten._unsafe_index_put.default", "direct", lambda x, v: A._unsafe_index_put.default(x, [i(1, 0)], v, True), (rnd([2, 3]), rnd([2, 3])))
    add("aten._scaled_dot_product_flash_attention_for_cpu.default", "direct", lambda q, k, v: A._scaled_dot_product_flash_attention_for_cpu.default(q, k, v, 0.0, True)[0], (rnd([1, 2, 4, 8]), rnd([1, 2, 4, 8]), rnd([1, 2, 4, 8])))
    for name, size, fn in [
        ("aten.upsample_nearest1d.default", [1, 2, 3], lambda x: A.upsample_nearest1d.default(x, [7])),
        ("aten.upsample_nearest2d.default", [1, 1, 2, 3], lambda x: A.upsample_nearest2d.default(x, [3, 5])),
        ("aten.upsample_nearest3d.default", [1, 1, 2, 2, 3], lambda x: A.upsample_nearest3d.default(x, [3, 4, 4])),
        ("aten.upsample_nearest3d.vec", [1, 1, 2, 2, 2], lambda x: F.interpolate(x, scale_factor=2, mode="nearest")),
        ("aten._upsample_nearest_exact1d.default", [1, 1, 4], lambda x: A._upsample_nearest_exact1d.default(x, [6])),
        ("aten._upsample_nearest_exact1d.vec", [1, 1, 4], lambda x: F.interpolate(x, size=7, mode="nearest-exact")),
        ("aten._upsample_nearest_exact2d.default", [1, 1, 3, 3], lambda x: A._upsample_nearest_exact2d.default(x, [5, 4])),
        ("aten._upsample_nearest_exact2d.vec", [1, 1, 3, 3], lambda x: F.interpolate(x, size=(5, 2), mode="nearest-exact")),
        ("aten._upsample_nearest_exact3d.default", [1, 1, 2, 2, 2], lambda x: A._upsample_nearest_exact3d.default(x, [3, 3, 3])),
        ("aten._upsample_nearest_exact3d.vec", [1, 1, 2, 2, 2], lambda x: F.interpolate(x, size=(3, 4, 1), mode="nearest-exact")),
        ("aten.upsample_bilinear2d.default", [1, 1, 3, 3], lambda x: A.upsample_bilinear2d.default(x, [5, 4], False)),
        ("aten.upsample_bicubic2d.default", [1, 1, 3, 3], lambda x: A.upsample_bicubic2d.default(x, [5, 4], True)),
        ("aten.upsample_linear1d.default", [1, 2, 4], lambda x: A.upsample_linear1d.default(x, [7], False)),
        ("aten.upsample_linear1d.vec", [1, 2, 4], lambda x: F.interpolate(x, scale_factor=1.5, mode="linear", align_corners=True)),
        ("aten.upsample_trilinear3d.default", [1, 1, 2, 2, 2], lambda x: A.upsample_trilinear3d.default(x, [3, 3, 4], False)),
        ("aten.upsample_trilinear3d.vec", [1, 1, 2, 3, 2], lambda x: F.interpolate(x, scale_factor=2, mode="trilinear")),
    ]:
        add(name, "direct", fn, (rnd(size),))
    # control flow
    add("higher_order.cond", "branches", lambda x: torch.cond(x.sum() > 0, lambda y: y.sin() + 1, lambda y: y.cos() * 2, (x,)), (rnd([3]),))
    add("higher_order.cond", "false_branch", lambda x: torch.cond(x.sum() > 100, lambda y: y + 1, lambda y: y - 1, (x,)), (rnd([2, 2]),))
    add("higher_order.while_loop", "count", lambda n, x: torch._higher_order_ops.while_loop(lambda i, y: i < n, lambda i, y: (i + 1, y * 2.0), (torch.zeros((), dtype=torch.int64), x))[1], (torch.tensor(3), rnd([2])))
    add("aten._assert_async.msg", "all_true", lambda x: (torch._assert_async(x.abs().sum() >= 0, "neg"), x * 1)[1], (rnd([3]),))
    # symbolic-shape arithmetic under a dynamic batch
    dyn = dict(dynamic=({0: Dim.AUTO},))
    add("_operator.floordiv", "view_half", lambda x: x.new_zeros(x.shape[0] // 2) + x[0, 0], (rnd([4, 3]),), alt_inputs=(rnd([7, 3]),), **dyn)
    add("_operator.add", "new_zeros", lambda x: x.new_zeros(x.shape[0] + 1, x.shape[0] - 1, x.shape[0] * 2), (rnd([3, 1]),), alt_inputs=(rnd([6, 1]),), **dyn)
    add("_operator.mod", "arange", lambda x: torch.arange(x.shape[0] % 3 + x.shape[0] // 2), (rnd([5, 2]),), alt_inputs=(rnd([8, 2]),), **dyn)
    add("torch.sym_max", "max_min", lambda x: x.new_ones(torch.sym_max(x.shape[0], 3), torch.sym_min(x.shape[0], 3)), (rnd([4]),), alt_inputs=(rnd([2]),), **dyn)
    add("_operator.truediv", "scale", lambda x: x * (x.shape[0] / 2), (rnd([3]),), alt_inputs=(rnd([6]),), **dyn)
    add("_operator.pow", "pow", lambda x: x.new_ones(x.shape[0] ** 2), (rnd([3]),), alt_inputs=(rnd([5]),), **dyn)
    return out
