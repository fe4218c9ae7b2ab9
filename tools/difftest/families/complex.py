"""Complex arithmetic: complex x complex, complex x real (tensor and Python scalar) with type promotion,
add/sub with alpha, neg, abs, conj_physical, eq, broadcasting and complex128. Complex values travel
through view_as_complex/view_as_real, so inputs and outputs stay real in the fixtures."""
import torch

from difftest_lib import F32, F64, I64, Case, rnd

TOL = {"rtol": 1e-5, "atol": 1e-5}
R = torch.view_as_real
C = torch.view_as_complex


def cases():
    out = []

    def add(op, name, fn, inputs, **kw):
        out.append(Case("aten." + op, name, fn, inputs, **{**TOL, **kw}))

    z = lambda *shape: rnd([*shape, 2])  # noqa: E731  a complex64 tensor of `shape` as real pairs
    z64 = lambda *shape: rnd([*shape, 2], F64)  # noqa: E731
    add("mul.Tensor", "complex", lambda x, y: R(C(x) * C(y)), (z(5), z(5)))
    add("mul.Tensor", "complex_broadcast", lambda x, y: R(C(x) * C(y)), (z(3, 1), z(1, 4)))
    add("mul.Tensor", "complex128", lambda x, y: R(C(x) * C(y)), (z64(6), z64(6)), rtol=1e-9, atol=1e-9)
    add("mul.Tensor", "complex_real_f32", lambda x, y: R(C(x) * y), (z(2, 3), rnd([3])))
    add("mul.Tensor", "complex_real_f64_promotes", lambda x, y: R(C(x) * y), (z(4), rnd([4], F64)))
    add("mul.Tensor", "complex_int", lambda x, y: R(C(x) * y), (z(4), rnd([4], I64)))
    add("mul.Tensor", "complex_scalar", lambda x: R(C(x) * 2.5), (z(4),))
    add("mul.Tensor", "complex_conj", lambda x, y: R(C(x) * torch.conj_physical(C(y))), (z(5), z(5)))
    add("mul.Tensor", "complex_python_scalar", lambda x: R(C(x) * (1 + 2j)), (z(3),))
    add("add.Tensor", "complex_python_scalar", lambda x: R(C(x) + 2j), (z(3),))
    add("div.Tensor", "real_by_complex_scalar", lambda y: R(y / (0.5 - 1.5j)), (rnd([3]),))
    add("mul.Tensor", "complex_bool", lambda x, b: R(C(x) * b), (z(3), torch.tensor([True, False, True])))
    add("div.Tensor", "complex", lambda x, y: R(C(x) / C(y)), (z(6), z(6)))
    add("div.Tensor", "complex128", lambda x, y: R(C(x) / C(y)), (z64(5), z64(5)), rtol=1e-9, atol=1e-9)
    add("div.Tensor", "complex_by_real", lambda x, y: R(C(x) / y), (z(4), rnd([4], F32, "nonzero")))
    add("div.Tensor", "real_by_complex", lambda x, y: R(y / C(x)), (z(4), rnd([4])))
    add("div.Tensor", "complex_scalar", lambda x: R(C(x) / 4.0), (z(3),))
    add("add.Tensor", "complex", lambda x, y: R(C(x) + C(y)), (z(5), z(5)))
    add("add.Tensor", "complex_alpha", lambda x, y: R(torch.add(C(x), C(y), alpha=2)), (z(5), z(5)))
    add("add.Tensor", "complex_real", lambda x, y: R(C(x) + y), (z(5), rnd([5])))
    add("add.Tensor", "real_complex_alpha", lambda x, y: R(torch.add(y, C(x), alpha=3)), (z(5), rnd([5])))
    add("add.Tensor", "complex_scalar", lambda x: R(C(x) + 1.5), (z(4),))
    add("sub.Tensor", "complex", lambda x, y: R(C(x) - C(y)), (z(5), z(5)))
    add("sub.Tensor", "complex_alpha", lambda x, y: R(torch.sub(C(x), C(y), alpha=3)), (z(5), z(5)))
    add("sub.Tensor", "real_complex", lambda x, y: R(y - C(x)), (z(5), rnd([5])))
    add("neg.default", "complex", lambda x: R(-C(x)), (z(5),))
    add("abs.default", "complex", lambda x: torch.abs(C(x)), (z(6),))
    add("abs.default", "complex128", lambda x: torch.abs(C(x)), (z64(6),), rtol=1e-9, atol=1e-9)
    add("conj_physical.default", "complex_strided", lambda x: R(torch.conj_physical(C(x)[::2])), (z(6),))
    add("eq.Tensor", "complex", lambda x, y: C(x) == C(torch.where(y > 0, x, y)), (z(6), z(6)))
    add("where.self", "complex", lambda c, x, y: R(torch.where(c, C(x), C(y))), (torch.tensor([[True], [False]]), z(2, 3), z(3)))
    add("where.self", "complex_real", lambda c, x, y: R(torch.where(c, C(x), y)), (torch.tensor([True, False, True]), z(3), rnd([3])))
    add("masked_fill.Scalar", "complex", lambda x, m: R(C(x).masked_fill(m, 2.5)), (z(4), torch.tensor([True, False, False, True])))
    add("mul_.Tensor", "complex_inplace", lambda x, y: R(C(x).clone().mul_(C(y))), (z(4), z(4)))
    add("sum.default", "complex", lambda x: R(C(x).sum()), (z(3, 4),))
    add("sum.dim_IntList", "complex_keepdim", lambda x: R(C(x).sum(0, keepdim=True)), (z(3, 4),))
    add("mean.dim", "complex", lambda x: R(C(x).mean(-1)), (z(2, 5),))
    add("mean.default", "complex128", lambda x: R(C(x).mean()), (z64(4),), rtol=1e-9, atol=1e-9)
    add("view_as_complex.default", "mul_roundtrip", lambda x, y: R(C(x) * C(y)) + 1, (z(2, 3), z(2, 3)))
    return out
