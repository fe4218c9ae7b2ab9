"""Reductions, scans and softmax: dims (negative, several, none), keepdim, dtype arguments, integer and
bool inputs, empty reductions, strided inputs."""
import torch
import torch.nn.functional as F

from difftest_lib import BF16, BOOL, F16, F32, F64, I32, I64, Case, edge, rnd

A = torch.ops.aten


def cases():
    out = []

    def add(op, name, fn, inputs, **kw):
        out.append(Case("aten." + op, name, fn, inputs, **kw))

    x34, x234 = rnd([3, 4]), rnd([2, 3, 4])
    for op, f in [("sum.dim_IntList", torch.sum), ("mean.dim", torch.mean)]:
        add(op, "dim1", lambda x, f=f: f(x, 1), (x34,), core=True)
        add(op, "negdim_keep", lambda x, f=f: f(x, -1, keepdim=True), (x234,))
        add(op, "dims", lambda x, f=f: f(x, [0, 2]), (x234,))
        add(op, "f16", lambda x, f=f: f(x, 0), (rnd([5, 3], F16),))
        add(op, "bf16", lambda x, f=f: f(x, 1), (rnd([3, 6], BF16),))
        add(op, "f64", lambda x, f=f: f(x, 0), (rnd([4, 2], F64),))
        add(op, "transposed", lambda x, f=f: f(x.transpose(0, 2), 1), (x234,))
        add(op, "empty_dim", lambda x, f=f: f(x, 0), (rnd([0, 3]),))
        add(op, "dtype_f64", lambda x, f=f: f(x, 1, dtype=torch.float64), (x34,))
        add(op, "nan", lambda x, f=f: f(x, 0), (edge().reshape(4, 4),))
        add(op, "long_row", lambda x, f=f: f(x, -1), (rnd([2, 300]),), rtol=1e-4, atol=1e-4)
    add("sum.dim_IntList", "i64", lambda x: torch.sum(x, 1), (rnd([3, 4], I64),))
    add("sum.dim_IntList", "i32_promotes", lambda x: torch.sum(x, 0), (rnd([3, 4], I32),))
    add("sum.dim_IntList", "bool", lambda x: torch.sum(x, -1), (rnd([3, 4], BOOL),))
    add("sum.default", "f32", torch.sum, (x34,))
    add("sum.default", "i64", torch.sum, (rnd([5], I64),))
    add("sum.default", "empty", torch.sum, (rnd([0]),))
    add("mean.default", "f32", torch.mean, (x234,))
    add("mean.default", "0d", torch.mean, (rnd([]),))
    add("mean.default", "empty_nan", torch.mean, (rnd([0, 2]),))
    for op, f in [("amax.default", torch.amax), ("amin.default", torch.amin)]:
        add(op, "dim", lambda x, f=f: f(x, 1), (x34,))
        add(op, "dims_keep", lambda x, f=f: f(x, [0, -1], keepdim=True), (x234,))
        add(op, "i64", lambda x, f=f: f(x, 0), (rnd([3, 4], I64),))
        add(op, "nan", lambda x, f=f: f(x, 1), (edge().reshape(4, 4),))
        add(op, "bool", lambda x, f=f: f(x, 0), (rnd([3, 2], BOOL),))
        add(op, "f16", lambda x, f=f: f(x, -1), (rnd([2, 5], F16),))
    for op, f in [("argmax.default", torch.argmax), ("argmin.default", torch.argmin)]:
        add(op, "dim", lambda x, f=f: f(x, 1), (rnd([3, 5], dom="distinct"),))
        add(op, "flat", lambda x, f=f: f(x), (rnd([3, 4], dom="distinct"),))
        add(op, "keepdim", lambda x, f=f: f(x, 0, keepdim=True), (rnd([4, 3], dom="distinct"),))
        add(op, "i64_ties_first", lambda x, f=f: f(x, 1), (torch.tensor([[1, 3, 3, 0], [2, 2, 2, 2]]),))
        add(op, "nan", lambda x, f=f: f(x, 0), (torch.tensor([1.0, float("nan"), 5.0, -1.0]),))
    for op, f in [("max.dim", torch.max), ("min.dim", torch.min)]:
        add(op, "dim", lambda x, f=f: f(x, 1), (rnd([3, 5], dom="distinct"),))
        add(op, "keepdim_neg", lambda x, f=f: f(x, -1, keepdim=True), (rnd([2, 3, 4], dom="distinct"),))
        add(op, "i64", lambda x, f=f: f(x, 0), (rnd([4, 3], I64, dom="distinct"),), loose_outputs=(1,))
    add("max.default", "f32", torch.max, (x34,))
    add("min.default", "i64", torch.min, (rnd([6], I64),))
    add("any.default", "bool", torch.any, (rnd([3, 4], BOOL),))
    add("any.default", "f32", torch.any, (torch.tensor([0.0, -0.0, 0.0, 2.0]),))
    add("any.default", "empty", torch.any, (rnd([0], BOOL),))
    add("any.dim", "bool", lambda x: torch.any(x, 1), (rnd([3, 4], BOOL),))
    add("any.dim", "i64_keep", lambda x: torch.any(x, 0, keepdim=True), (torch.tensor([[0, 0], [0, 3]]),))
    add("any.dims", "bool", lambda x: A.any.dims(x, [0, 2]), (rnd([2, 3, 2], BOOL),))
    add("all.default", "bool", torch.all, (rnd([3, 4], BOOL),))
    add("all.dim", "bool", lambda x: torch.all(x, -1), (rnd([3, 4], BOOL),))
    add("prod.default", "f32", torch.prod, (rnd([6], dom="unit") + 1,))
    add("prod.default", "i64", torch.prod, (rnd([5], I64, dom="nonzero"),))
    add("prod.dim_int", "f32", lambda x: torch.prod(x, 1), (rnd([3, 4]),))
    add("prod.dim_int", "keep_i32", lambda x: torch.prod(x, 0, keepdim=True), (rnd([3, 4], I32, dom="nonzero"),))
    add("var.correction", "dim", lambda x: torch.var(x, 1), (x34,), core=True)
    add("var.correction", "unbiased0_keep", lambda x: torch.var(x, [0, 2], correction=0, keepdim=True), (x234,))
    add("var.correction", "all", lambda x: torch.var(x), (x234,))
    add("var.correction", "f16", lambda x: torch.var(x, -1), (rnd([2, 8], F16),))
    add("var.correction", "direct", lambda x: A.var.correction(x, [0], correction=2, keepdim=False), (x34,))
    add("var.dim", "dim", lambda x: A.var.dim(x, [1], True), (x34,))
    add("std.correction", "dim", lambda x: torch.std(x, 0), (x34,), core=True)
    add("std.correction", "all", lambda x: torch.std(x, correction=0), (x234,))
    add("var_mean.correction", "dim", lambda x: torch.var_mean(x, 1), (x34,))
    add("linalg_vector_norm.default", "l2", lambda x: torch.norm(x, dim=1), (x34,), core=True)
    add("linalg_vector_norm.default", "l1_keep", lambda x: torch.linalg.vector_norm(x, 1, dim=-1, keepdim=True), (x234,))
    add("linalg_vector_norm.default", "inf", lambda x: torch.linalg.vector_norm(x, float("inf")), (x34,))
    add("linalg_vector_norm.default", "p3", lambda x: torch.linalg.vector_norm(x, 3, dim=(0, 1)), (x234,))
    add("logsumexp.default", "dim", lambda x: torch.logsumexp(x, 1), (x34,), core=True)
    add("logsumexp.default", "large", lambda x: torch.logsumexp(x * 100, -1, keepdim=True), (x234,))
    add("logsumexp.default", "inf", lambda x: torch.logsumexp(x, 0), (torch.tensor([[float("-inf"), 1.0], [float("-inf"), float("inf")]]),))
    add("cumsum.default", "dim", lambda x: torch.cumsum(x, 1), (x34,))
    add("cumsum.default", "negdim", lambda x: torch.cumsum(x, -3), (x234,))
    add("cumsum.default", "i64", lambda x: torch.cumsum(x, 0), (rnd([6], I64),))
    add("cumsum.default", "bool_to_i64", lambda x: torch.cumsum(x, 0), (rnd([6], BOOL),))
    add("cumsum.default", "dtype", lambda x: torch.cumsum(x, 0, dtype=torch.float64), (rnd([5], I32),))
    add("cumsum.default", "0d", lambda x: torch.cumsum(x, 0), (rnd([]),))
    add("cumprod.default", "dim", lambda x: torch.cumprod(x, 1), (x34,))
    for op, f, name in [("softmax.int", F.softmax, "softmax"), ("log_softmax.int", F.log_softmax, "log_softmax")]:
        add(op, "last", lambda x, f=f: f(x, -1), (x34,), core=True)
        add(op, "dim0", lambda x, f=f: f(x, 0), (x234,))
        add(op, "f64", lambda x, f=f: f(x, 1), (rnd([2, 5], F64),))
        add(op, "f16", lambda x, f=f: f(x, -1), (rnd([2, 5], F16),))
        add(op, "bf16", lambda x, f=f: f(x, -1), (rnd([2, 5], BF16),))
        add(op, "dtype", lambda x, f=f: f(x, -1, dtype=torch.float32), (rnd([3, 4], F16),))
        add(op, "neg_inf_mask", lambda x, f=f: f(x.masked_fill(torch.ones(4, 4, dtype=torch.bool).triu(1), float("-inf")), -1), (rnd([4, 4]),))
        add(op, "large", lambda x, f=f: f(x * 1000, -1), (x34,))
        add(op, "transposed", lambda x, f=f: f(x.t(), -1), (x34,))
        add(op, "0d", lambda x, f=f: f(x, 0), (rnd([]),))
    add("_softmax.default", "direct", lambda x: A._softmax.default(x, 1, False), (x234,))
    add("_log_softmax.default", "direct", lambda x: A._log_softmax.default(x, -1, False), (x234,))
    return out
