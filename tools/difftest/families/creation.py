"""Tensor factories and symbolic shapes: arange (every overload, dtypes, float steps), full/zeros/ones
(and *_like), empty + fill, scalar_tensor, item(), sym_size/sym_numel under dynamic shapes."""
import torch
from torch.export import Dim

from difftest_lib import BOOL, F16, I32, I64, Case, rnd

A = torch.ops.aten


def cases():
    out = []

    def add(op, name, fn, inputs, **kw):
        out.append(Case("aten." + op, name, fn, inputs, **kw))

    add("arange.default", "n", lambda x: torch.arange(5) + x, (rnd([5], I64),))
    add("arange.start", "float", lambda x: torch.arange(-1.5, 2.0) + x, (rnd([4]),))
    add("arange.start_step", "neg_step", lambda x: torch.arange(10, 1, -3) * x, (rnd([3], I64),))
    add("arange.start_step", "float_step", lambda x: torch.arange(0.0, 1.0, 0.3) + x, (rnd([4]),))
    add("arange.start_step", "direct_dtype", lambda x: A.arange.start_step(2, 11, 3, dtype=torch.float64) + x, (rnd([3]),))
    add("arange.start_step", "f16", lambda x: torch.arange(0, 2, 0.25, dtype=torch.float16) + x, (rnd([8], F16),))
    add("arange.default", "from_shape", lambda x: torch.arange(x.shape[0]) * 1.0 + x, (rnd([6]),), core=True)
    add("full.default", "f32", lambda x: torch.full((2, 3), 1.5) + x, (rnd([3]),))
    add("full.default", "i64", lambda x: torch.full((3,), 7) * x, (rnd([3], I64),))
    add("full.default", "bool", lambda x: torch.full((2,), True) & x, (rnd([2], BOOL),))
    add("full.default", "inf_0d", lambda x: torch.full((), float("-inf")) + x, (rnd([2]),))
    add("full_like.default", "f", lambda x: torch.full_like(x, 3.25), (rnd([2, 3]),))
    add("full_like.default", "dtype", lambda x: torch.full_like(x, 4, dtype=I32), (rnd([2, 3]),))
    add("zeros.default", "z", lambda x: torch.zeros(2, 3) + x, (rnd([3]),))
    add("ones.default", "o", lambda x: torch.ones(3, dtype=I64) + x, (rnd([3], I64),))
    add("zeros_like.default", "z", lambda x: torch.zeros_like(x), (rnd([2, 3], I32),), core=True)
    add("ones_like.default", "o", lambda x: torch.ones_like(x), (rnd([4], F16),), core=True)
    add("new_zeros.default", "n", lambda x: x.new_zeros((2, 2)), (rnd([3]),))
    add("new_ones.default", "n", lambda x: x.new_ones((3,)), (rnd([3], I64),))
    add("new_full.default", "n", lambda x: x.new_full((2,), -2.0), (rnd([3]),))
    add("empty.memory_format", "fill", lambda x: A.fill.Scalar(A.empty.memory_format([2, 3], dtype=torch.float32), 2.0) + x, (rnd([3]),))
    add("empty_strided.default", "fill", lambda x: A.fill.Scalar(A.empty_strided.default([2, 3], [1, 2], dtype=torch.float32), -1.0) + x, (rnd([3]),))
    add("fill.Scalar", "direct", lambda x: A.fill.Scalar(x, 5), (rnd([2, 2], I64),))
    add("fill.Tensor", "direct", lambda x, v: A.fill.Tensor(x, v), (rnd([3]), rnd([])))
    add("scalar_tensor.default", "s", lambda x: A.scalar_tensor.default(2.5) * x, (rnd([2]),))
    add("lift_fresh_copy.default", "constant", lambda x: x + torch.tensor([1.0, 2.0, 3.0]), (rnd([3]),))
    add("_local_scalar_dense.default", "item_int", lambda x, y: y * x.max().item(), (torch.tensor([3, 5, 2]), rnd([3])), core=True)
    add("_local_scalar_dense.default", "item_float", lambda x, y: y + x.sum().item(), (rnd([3]), rnd([3])), core=True)
    b = Dim("b", min=2, max=16)
    add("sym_size.int", "view_dyn", lambda x: x.view(x.shape[0] * 2, -1), (rnd([4, 6]),), core=True, dynamic=({0: b},), alt_inputs=(rnd([7, 6]),))
    add("sym_size.int", "new_zeros_dyn", lambda x: x + x.new_zeros(x.shape[0], 1), (rnd([3, 2]),), dynamic=({0: b},), alt_inputs=(rnd([5, 2]),))
    add("sym_numel.default", "numel_dyn", lambda x: x.reshape(x.numel()), (rnd([3, 2]),), dynamic=({0: b},), alt_inputs=(rnd([9, 2]),))
    add("sym_size.int", "arange_dyn", lambda x: x * torch.arange(x.shape[1]), (rnd([2, 5]),), dynamic=({1: Dim("n", min=2, max=32)},), alt_inputs=(rnd([2, 11]),))
    return out
