"""In-place (`op_`) overloads, each called directly on a clone so the export IR keeps exactly that overload:
unary math and activations, eval-mode dropouts, Tensor/Scalar binary forms (arithmetic, compare, logical,
bitwise, shifts, the `__iand__`-style dunders), ternary forms. Every op runs on several dtypes, 0-d, a
transposed clone, a strided view of a clone (the base is returned, so the write through the view is
checked) and edge values; variants PyTorch refuses (e.g. a float result into an int self) are dropped."""
import torch

from difftest_lib import BOOL, EDGE, F16, F32, F64, I64, U8, Case, edge, rnd, shift_operands

A = torch.ops.aten


def overload(name: str):
    """`"add_.Scalar"` -> `torch.ops.aten.add_.Scalar`."""
    packet, ov = name.split(".")
    return getattr(getattr(A, packet), ov)


def on_view(call):
    """Mutates the strided view `base[:, ::2]` of a clone and returns the base."""
    def fn(x, *rest):
        base = x.clone()
        call(base[:, ::2], *rest)
        return base
    return fn


# (overload, input domain, extra args after self: a tuple (positional) or a dict (keyword-only))
UNARY = [
    ("abs_.default", "any", ()), ("acos_.default", "unit", ()), ("acosh_.default", "ge1", ()),
    ("asin_.default", "unit", ()), ("asinh_.default", "any", ()), ("atan_.default", "any", ()),
    ("atanh_.default", "unit", ()), ("ceil_.default", "any", ()), ("cos_.default", "any", ()),
    ("cosh_.default", "any", ()), ("erf_.default", "any", ()), ("erfc_.default", "any", ()),
    ("erfinv_.default", "unit", ()), ("exp2_.default", "any", ()), ("exp_.default", "any", ()),
    ("expm1_.default", "any", ()), ("fix_.default", "any", ()), ("floor_.default", "any", ()),
    ("frac_.default", "any", ()), ("log10_.default", "pos", ()), ("log1p_.default", "pos", ()),
    ("log2_.default", "pos", ()), ("log_.default", "pos", ()), ("logit_.default", "unit", (1e-3,)),
    ("neg_.default", "any", ()), ("negative_.default", "any", ()), ("reciprocal_.default", "nonzero", ()),
    ("round_.default", "any", ()), ("round_.decimals", "any", {"decimals": 2}), ("rsqrt_.default", "pos", ()),
    ("sgn_.default", "any", ()), ("sign_.default", "any", ()), ("sin_.default", "any", ()),
    ("sinh_.default", "any", ()), ("sqrt_.default", "pos", ()), ("tan_.default", "any", ()),
    ("tanh_.default", "any", ()), ("trunc_.default", "any", ()), ("square_.default", "any", ()), ("bitwise_not_.default", "any", ()),
    ("logical_not_.default", "any", ()), ("nan_to_num_.default", "any", (0.5, 1e4, -1e4)),
    ("celu_.default", "any", (1.5,)), ("elu_.default", "any", (0.7,)), ("gelu_.default", "any", ()),
    ("hardsigmoid_.default", "any", ()), ("hardswish_.default", "any", ()), ("hardtanh_.default", "any", (-0.5, 2.0)),
    ("leaky_relu_.default", "any", (0.2,)), ("mish_.default", "any", ()), ("selu_.default", "any", ()),
    ("silu_.default", "any", ()), ("threshold_.default", "any", (0.1, 2.0)),
    # Eval-mode dropouts are the identity; training mode is random (skipped.json).
    ("dropout_.default", "any", (0.5, False)), ("alpha_dropout_.default", "any", (0.5, False)),
    ("feature_dropout_.default", "any", (0.5, False)), ("feature_alpha_dropout_.default", "any", (0.5, False)),
]

# Tensor-other binary in-place overloads: (overload, domain of the other operand).
BINARY = [
    ("atan2_.default", "any"), ("arctan2_.default", "any"), ("copysign_.Tensor", "any"),
    ("floor_divide_.Tensor", "nonzero"), ("fmod_.Tensor", "nonzero"), ("remainder_.Tensor", "nonzero"),
    ("hypot_.default", "any"), ("pow_.Tensor", "small"), ("xlogy_.Tensor", "pos"),
    ("eq_.Tensor", "any"), ("ne_.Tensor", "any"), ("lt_.Tensor", "any"), ("le_.Tensor", "any"),
    ("gt_.Tensor", "any"), ("ge_.Tensor", "any"),
    ("logical_and_.default", "any"), ("logical_or_.default", "any"), ("logical_xor_.default", "any"),
    ("bitwise_and_.Tensor", "any"), ("bitwise_or_.Tensor", "any"), ("bitwise_xor_.Tensor", "any"),
    ("bitwise_left_shift_.Tensor", "small"), ("bitwise_right_shift_.Tensor", "small"),
    ("__iand__.Tensor", "any"), ("__ior__.Tensor", "any"), ("__ixor__.Tensor", "any"),
    ("__ilshift__.Tensor", "small"), ("__irshift__.Tensor", "small"),
    ("clamp_min_.Tensor", "any"), ("clamp_max_.Tensor", "any"),
]

# Scalar-other in-place overloads: (overload, the scalar used by the float and int variants).
SCALAR = [
    ("add_.Scalar", 1.5, 3), ("sub_.Scalar", 1.5, -3), ("mul_.Scalar", -2.5, 3), ("div_.Scalar", 0.75, 2),
    ("pow_.Scalar", 2.0, 3), ("fmod_.Scalar", 1.5, -3), ("remainder_.Scalar", 1.5, -3),
    ("floor_divide_.Scalar", 1.5, -3), ("copysign_.Scalar", -1.0, -1), ("xlogy_.Scalar_Other", 2.5, 3),
    ("eq_.Scalar", 0.5, 3), ("ne_.Scalar", 0.5, 3), ("lt_.Scalar", 0.5, 3), ("le_.Scalar", 0.5, 3),
    ("gt_.Scalar", 0.5, 3), ("ge_.Scalar", 0.5, 3),
    ("bitwise_and_.Scalar", 6, 6), ("bitwise_or_.Scalar", 6, 6), ("bitwise_xor_.Scalar", 6, 6),
    ("bitwise_left_shift_.Tensor_Scalar", 2, 2), ("bitwise_right_shift_.Tensor_Scalar", 2, 2),
    ("__iand__.Scalar", 5, 5), ("__ior__.Scalar", 5, 5), ("__ixor__.Scalar", 5, 5),
    ("__ilshift__.Scalar", 3, 3), ("__irshift__.Scalar", 1, 1),
    ("clamp_min_.default", -0.5, -2), ("clamp_max_.default", 0.5, 2),
]


def other(shape, dtype, dom):
    """The second operand; `small` gives exponents and shift counts."""
    if dom == "small":  # exponents and shift counts: 0..3
        return torch.randint(0, 4, tuple(shape)).to(dtype)
    return rnd(shape, dtype, dom)


def unary_variants(op, dom, extra):
    """`op(self, *extra)` on a clone in several dtypes, 0-d, transposed, through a strided view, on edge values."""
    f = overload(op)
    call = (lambda x: f(x, **extra)) if isinstance(extra, dict) else (lambda x: f(x, *extra))
    on_clone = lambda x: call(x.clone())  # noqa: E731
    return [
        Case("aten." + op, "f32", on_clone, (rnd([3, 4], F32, dom),)),
        Case("aten." + op, "f64", on_clone, (rnd([5], F64, dom),)),
        Case("aten." + op, "f16", on_clone, (rnd([2, 3], F16, dom),)),
        Case("aten." + op, "i64", on_clone, (rnd([2, 5], I64, dom),)),
        Case("aten." + op, "u8", on_clone, (rnd([6], U8, dom),)),
        Case("aten." + op, "bool", on_clone, (rnd([2, 3], BOOL),)),
        Case("aten." + op, "0d", on_clone, (rnd([], F32, dom),)),
        Case("aten." + op, "transposed", lambda x: call(x.t().clone()), (rnd([4, 3], F32, dom),)),
        Case("aten." + op, "view", on_view(call), (rnd([3, 6], F32, dom),)),
        Case("aten." + op, "view_i64", on_view(call), (rnd([3, 6], I64, dom),)),
        Case("aten." + op, "edge", on_clone, (edge(F32),)),
    ]


def binary_variants(op, dom):
    """`op(self, other)` on a clone: broadcasting, promotion of `other` into self's dtype, ints, views, edges."""
    f = overload(op)
    on_clone = lambda x, y: f(x.clone(), y)  # noqa: E731
    o = "aten." + op
    int_dom = "nonzero" if dom == "nonzero" else dom
    return [
        Case(o, "f32", on_clone, (rnd([3, 4]), other([3, 4], F32, dom))),
        Case(o, "bcast", on_clone, (rnd([3, 4]), other([4], F32, dom))),
        Case(o, "f64", on_clone, (rnd([5], F64), other([5], F64, dom))),
        Case(o, "f16_self_f32_other", on_clone, (rnd([4], F16), other([4], F32, dom))),
        Case(o, "f32_self_0d_f64", on_clone, (rnd([3]), other([], F64, dom))),
        Case(o, "i64", on_clone, (rnd([2, 4], I64), other([2, 4], I64, int_dom))),
        Case(o, "i64_negative", on_clone, (torch.tensor([7, -7, 7, -7, 0, -1]), torch.tensor([2, 2, -2, -2, 3, 1]).abs() if dom == "small" else torch.tensor([2, 2, -2, -2, 3, -3]))),
        Case(o, "u8", on_clone, (rnd([6], U8), other([6], U8, "pos" if dom in ("nonzero", "small") else dom))),
        Case(o, "bool", on_clone, (rnd([2, 3], BOOL), rnd([2, 3], BOOL))),
        Case(o, "transposed", lambda x, y: f(x.t().clone(), y), (rnd([4, 3]), other([3, 4], F32, dom))),
        Case(o, "view", on_view(f), (rnd([3, 6]), other([3, 3], F32, dom))),
        Case(o, "i64_bcast_view", on_view(f), (rnd([3, 6], I64), other([3], I64, int_dom))),
        Case(o, "i64_transposed", lambda x, y: f(x.t().clone(), y), (rnd([4, 3], I64), other([3, 4], I64, int_dom))),
        Case(o, "edge", on_clone, (edge(), edge().flip(0))),
    ]


def scalar_variants(op, s_float, s_int):
    """`op(self, scalar)` on a clone with a float or int scalar per self dtype."""
    f = overload(op)
    o = "aten." + op
    return [
        Case(o, "f32", lambda x: f(x.clone(), s_float), (rnd([3, 4]),)),
        Case(o, "f32_int_scalar", lambda x: f(x.clone(), s_int), (rnd([5]),)),
        Case(o, "f64", lambda x: f(x.clone(), s_float), (rnd([5], F64),)),
        Case(o, "f16", lambda x: f(x.clone(), s_float), (rnd([4], F16),)),
        Case(o, "i64", lambda x: f(x.clone(), s_int), (rnd([2, 4], I64),)),
        Case(o, "u8", lambda x: f(x.clone(), abs(s_int)), (rnd([6], U8),)),
        Case(o, "bool", lambda x: f(x.clone(), True), (rnd([5], BOOL),)),
        Case(o, "0d", lambda x: f(x.clone(), s_float), (rnd([]),)),
        Case(o, "view", on_view(lambda v: f(v, s_int)), (rnd([3, 6]),)),
        Case(o, "view_i64", on_view(lambda v: f(v, s_int)), (rnd([3, 6], I64),)),
        Case(o, "edge", lambda x: f(x.clone(), s_float), (edge(),)),
    ]


def shift_edges():
    """In-place shifts by counts at and past the bit width."""
    out = []
    for op in ("bitwise_left_shift_.Tensor", "bitwise_right_shift_.Tensor", "__ilshift__.Tensor", "__irshift__.Tensor"):
        f = overload(op)
        for name, x, y in shift_operands():
            out.append(Case("aten." + op, name, lambda a, b, f=f: f(a.clone(), b), (x, y)))
    return out


def ternary():
    """addcdiv_/addcmul_, clamp_/clip_ with tensor bounds, clip_ with scalars, lerp_, fill_.Tensor, masked_fill_.Tensor."""
    out = []
    o = lambda name: "aten." + name  # noqa: E731
    addcdiv, addcmul = overload("addcdiv_.default"), overload("addcmul_.default")
    for name, f, dom in (("addcdiv_.default", addcdiv, "nonzero"), ("addcmul_.default", addcmul, "any")):
        call = lambda x, a, b, f=f: f(x.clone(), a, b, value=0.5)  # noqa: E731
        out += [
            Case(o(name), "f32", call, (rnd([3, 4]), rnd([3, 4]), rnd([3, 4], dom=dom))),
            Case(o(name), "bcast", call, (rnd([3, 4]), rnd([4]), rnd([3, 1], dom=dom))),
            Case(o(name), "f64", call, (rnd([5], F64), rnd([5], F64), rnd([5], F64, dom))),
            Case(o(name), "i64", lambda x, a, b, f=f: f(x.clone(), a, b, value=2), (rnd([4], I64), rnd([4], I64), rnd([4], I64, "nonzero"))),
            Case(o(name), "view", on_view(lambda v, a, b, f=f: f(v, a, b, value=-1.5)), (rnd([3, 6]), rnd([3, 3]), rnd([3, 3], dom=dom))),
        ]
    for name in ("clamp_.Tensor", "clip_.Tensor"):
        f = overload(name)
        out += [
            Case(o(name), "f32", lambda x, lo, hi, f=f: f(x.clone(), lo, hi), (rnd([3, 4]), rnd([3, 4]) - 1, rnd([3, 4]) + 1)),
            Case(o(name), "bcast", lambda x, lo, hi, f=f: f(x.clone(), lo, hi), (rnd([3, 4]), rnd([4]) - 1, rnd([3, 1]) + 1)),
            Case(o(name), "min_only", lambda x, lo, f=f: f(x.clone(), lo), (rnd([5]), rnd([5]))),
            Case(o(name), "max_only", lambda x, hi, f=f: f(x.clone(), None, hi), (rnd([5]), rnd([5]))),
            Case(o(name), "i64", lambda x, lo, hi, f=f: f(x.clone(), lo, hi), (rnd([6], I64), rnd([6], I64) - 5, rnd([6], I64) + 5)),
            Case(o(name), "nan", lambda x, lo, hi, f=f: f(x.clone(), lo, hi), (edge(), torch.full([16], -1.0), torch.full([16], 2.0))),
            Case(o(name), "view", on_view(lambda v, lo, hi, f=f: f(v, lo, hi)), (rnd([3, 6]), rnd([3]) - 1, rnd([3, 1]) + 1)),
        ]
    clip_s = overload("clip_.default")
    out += [
        Case(o("clip_.default"), "f32", lambda x: clip_s(x.clone(), -0.5, 0.75), (rnd([3, 4]),)),
        Case(o("clip_.default"), "min_only", lambda x: clip_s(x.clone(), 0.25), (rnd([5]),)),
        Case(o("clip_.default"), "i64", lambda x: clip_s(x.clone(), -3, 4), (rnd([6], I64),)),
        Case(o("clip_.default"), "edge", lambda x: clip_s(x.clone(), -1.0, 1.0), (edge(),)),
        Case(o("clip_.default"), "view", on_view(lambda v: clip_s(v, -0.5, 0.5)), (rnd([3, 6]),)),
    ]
    lerp_s, lerp_t = overload("lerp_.Scalar"), overload("lerp_.Tensor")
    out += [
        Case(o("lerp_.Scalar"), "f32", lambda x, e: lerp_s(x.clone(), e, 0.3), (rnd([3, 4]), rnd([3, 4]))),
        Case(o("lerp_.Scalar"), "bcast_big_weight", lambda x, e: lerp_s(x.clone(), e, 0.75), (rnd([3, 4]), rnd([4]))),
        Case(o("lerp_.Scalar"), "f16", lambda x, e: lerp_s(x.clone(), e, 0.5), (rnd([4], F16), rnd([4], F16))),
        Case(o("lerp_.Scalar"), "view", on_view(lambda v, e: lerp_s(v, e, 0.6)), (rnd([3, 6]), rnd([3, 3]))),
        Case(o("lerp_.Tensor"), "f32", lambda x, e, w: lerp_t(x.clone(), e, w), (rnd([3, 4]), rnd([3, 4]), rnd([3, 4], dom="unit").abs())),
        Case(o("lerp_.Tensor"), "bcast", lambda x, e, w: lerp_t(x.clone(), e, w), (rnd([3, 4]), rnd([4]), rnd([3, 1]))),
        Case(o("lerp_.Tensor"), "f64", lambda x, e, w: lerp_t(x.clone(), e, w), (rnd([5], F64), rnd([5], F64), rnd([5], F64))),
        Case(o("lerp_.Tensor"), "view", on_view(lambda v, e, w: lerp_t(v, e, w)), (rnd([3, 6]), rnd([3, 3]), rnd([]))),
    ]
    fill_t, masked = overload("fill_.Tensor"), overload("masked_fill_.Tensor")
    out += [
        Case(o("fill_.Tensor"), "f32", lambda x, v: fill_t(x.clone(), v), (rnd([3, 4]), rnd([]))),
        Case(o("fill_.Tensor"), "i64_from_f32", lambda x, v: fill_t(x.clone(), v), (rnd([5], I64), torch.tensor(2.75))),
        Case(o("fill_.Tensor"), "0d", lambda x, v: fill_t(x.clone(), v), (rnd([]), rnd([], F64))),
        Case(o("fill_.Tensor"), "view", on_view(lambda x, v: fill_t(x, v)), (rnd([3, 6]), rnd([]))),
        Case(o("masked_fill_.Tensor"), "f32", lambda x, m, v: masked(x.clone(), m, v), (rnd([3, 4]), rnd([3, 4], BOOL), rnd([]))),
        Case(o("masked_fill_.Tensor"), "bcast_mask", lambda x, m, v: masked(x.clone(), m, v), (rnd([2, 3, 4]), rnd([1, 4], BOOL), rnd([]))),
        Case(o("masked_fill_.Tensor"), "i64", lambda x, m, v: masked(x.clone(), m, v), (rnd([5], I64), rnd([5], BOOL), torch.tensor(-4))),
        Case(o("masked_fill_.Tensor"), "neg_inf", lambda x, m, v: masked(x.clone(), m, v), (rnd([4, 4]), torch.ones(4, 4, dtype=BOOL).triu(1), torch.tensor(float("-inf")))),
        Case(o("masked_fill_.Tensor"), "view", on_view(lambda x, m, v: masked(x, m, v)), (rnd([3, 6]), rnd([3, 3], BOOL), rnd([]))),
    ]
    return out


def cases():
    out = []
    for op, dom, extra in UNARY:
        out += unary_variants(op, dom, extra)
    out.append(Case("aten.round_.decimals", "neg_decimals", lambda x: A.round_.decimals(x.clone(), decimals=-1), (rnd([6]) * 40,)))
    out.append(Case("aten.gelu_.default", "tanh", lambda x: A.gelu_.default(x.clone(), approximate="tanh"), (rnd([3, 4]),)))
    out.append(Case("aten.nan_to_num_.default", "defaults_f16", lambda x: A.nan_to_num_.default(x.clone()), (torch.tensor(EDGE[:4], dtype=F16),)))
    for op, dom in BINARY:
        out += binary_variants(op, dom)
    for op, s_float, s_int in SCALAR:
        out += scalar_variants(op, s_float, s_int)
    out += shift_edges()
    out += [
        Case("aten.div_.Scalar_mode", mode, lambda x, m=mode: A.div_.Scalar_mode(x.clone(), -2, rounding_mode=m), (rnd([3, 4]),))
        for mode in ("floor", "trunc")
    ] + [
        Case("aten.div_.Scalar_mode", "i64_floor", lambda x: A.div_.Scalar_mode(x.clone(), -3, rounding_mode="floor"), (rnd([6], I64),)),
        Case("aten.div_.Scalar_mode", "view", on_view(lambda v: A.div_.Scalar_mode(v, 3, rounding_mode="trunc")), (rnd([3, 6]),)),
    ]
    for mode in ("floor", "trunc"):
        f = lambda x, y, m=mode: A.div_.Tensor_mode(x.clone(), y, rounding_mode=m)  # noqa: E731
        out += [
            Case("aten.div_.Tensor_mode", f"{mode}_f32", f, (rnd([3, 4]), rnd([4], dom="nonzero"))),
            Case("aten.div_.Tensor_mode", f"{mode}_i64", f, (torch.tensor([7, -7, 7, -7, 0, 5]), torch.tensor([2, 2, -2, -2, 3, -3]))),
            Case("aten.div_.Tensor_mode", f"{mode}_edge", f, (edge(), edge().flip(0))),
        ]
    out += ternary()
    return out
