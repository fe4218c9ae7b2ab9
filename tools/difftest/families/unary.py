"""Elementwise unary ops and activations: every dtype the op takes, 0-d, empty, strided views, edge values."""
import torch
import torch.nn.functional as F

from difftest_lib import BF16, BOOL, F16, F32, F64, I32, I64, U8, Case, edge, rnd

A = torch.ops.aten

# (op, fn, input domain, emit core-IR variant)
OPS = [
    ("abs.default", A.abs.default, "any", False),
    ("acos.default", A.acos.default, "unit", False),
    ("acosh.default", A.acosh.default, "ge1", False),
    ("asin.default", A.asin.default, "unit", False),
    ("asinh.default", A.asinh.default, "any", False),
    ("atan.default", A.atan.default, "any", False),
    ("atanh.default", A.atanh.default, "unit", False),
    ("ceil.default", A.ceil.default, "any", False),
    ("cos.default", A.cos.default, "any", False),
    ("cosh.default", A.cosh.default, "any", False),
    ("erf.default", A.erf.default, "any", False),
    ("exp.default", A.exp.default, "any", False),
    ("expm1.default", A.expm1.default, "any", False),
    ("floor.default", A.floor.default, "any", False),
    ("log.default", A.log.default, "pos", False),
    ("log10.default", A.log10.default, "pos", False),
    ("log1p.default", A.log1p.default, "pos", False),
    ("log2.default", A.log2.default, "pos", False),
    ("neg.default", A.neg.default, "any", False),
    ("reciprocal.default", A.reciprocal.default, "nonzero", False),
    ("round.default", A.round.default, "any", False),
    ("rsqrt.default", A.rsqrt.default, "pos", False),
    ("sigmoid.default", A.sigmoid.default, "any", False),
    ("sign.default", A.sign.default, "any", False),
    ("sin.default", A.sin.default, "any", False),
    ("sinh.default", A.sinh.default, "any", False),
    ("sqrt.default", A.sqrt.default, "pos", False),
    ("tan.default", A.tan.default, "any", False),
    ("tanh.default", A.tanh.default, "any", False),
    ("trunc.default", A.trunc.default, "any", False),
    ("relu.default", A.relu.default, "any", False),
    ("bitwise_not.default", A.bitwise_not.default, "any", False),
    ("logical_not.default", A.logical_not.default, "any", False),
    ("isinf.default", A.isinf.default, "any", False),
    ("isnan.default", A.isnan.default, "any", False),
    ("gelu.default", lambda x: F.gelu(x), "any", True),
    ("gelu.default", lambda x: F.gelu(x, approximate="tanh"), "any", True),
    ("silu.default", F.silu, "any", True),
    ("hardswish.default", F.hardswish, "any", True),
    ("hardsigmoid.default", F.hardsigmoid, "any", True),
    ("mish.default", F.mish, "any", True),
    ("softplus.default", lambda x: F.softplus(x, beta=2.0, threshold=5.0), "any", True),
    ("leaky_relu.default", lambda x: F.leaky_relu(x, 0.2), "any", False),
    ("elu.default", lambda x: F.elu(x, alpha=1.5), "any", False),
    ("hardtanh.default", lambda x: F.hardtanh(x, -0.5, 2.0), "any", False),
    ("clamp.default", lambda x: torch.clamp(x, min=-0.5, max=1.25), "any", False),
    ("clamp.default", lambda x: torch.clamp(x, min=0.25), "any", False),
    ("clamp.default", lambda x: torch.clamp(x, max=-0.25), "any", False),
    ("round.decimals", lambda x: torch.round(x, decimals=2), "any", False),
    ("logit.default", lambda x: torch.logit(x, eps=1e-3), "unit", True),
    ("erfinv.default", torch.erfinv, "unit", False),
    ("frac.default", torch.frac, "any", True),
    ("exp2.default", torch.exp2, "any", False),
    ("square.default", torch.square, "any", True),
    ("relu6.default", F.relu6, "any", True),
    ("selu.default", F.selu, "any", True),
    ("log_sigmoid.default", F.logsigmoid, "any", True),
]


def variants(op, fn, dom, core):
    """The input variants of one unary op; variants the op refuses are dropped by the generator."""
    return [
        Case(op, "f32", fn, (rnd([3, 4], F32, dom),), core=core),
        Case(op, "f64", fn, (rnd([5], F64, dom),)),
        Case(op, "f16", fn, (rnd([2, 3], F16, dom),)),
        Case(op, "bf16", fn, (rnd([2, 3], BF16, dom),)),
        Case(op, "0d", fn, (rnd([], F32, dom),)),
        Case(op, "empty", fn, (rnd([0, 3], F32, dom),)),
        Case(op, "transposed", lambda x: fn(x.transpose(0, 1)), (rnd([4, 3], F32, dom),)),
        Case(op, "sliced", lambda x: fn(x[:, ::2]), (rnd([2, 6], F32, dom),)),
        Case(op, "edge", fn, (edge(F32),)),
        Case(op, "edge_f64", fn, (edge(F64),)),
        Case(op, "i64", fn, (rnd([2, 5], I64, dom),)),
        Case(op, "i32", fn, (rnd([7], I32, dom),)),
        Case(op, "u8", fn, (rnd([6], U8, dom),)),
        Case(op, "bool", fn, (rnd([2, 3], BOOL),)),
    ]


def cases():
    result = []
    counts = {}
    for op, fn, dom, core in OPS:
        full = "aten." + op
        counts[full] = counts.get(full, 0) + 1
        tag = "" if counts[full] == 1 else f"v{counts[full]}_"
        for c in variants(full, fn, dom, core):
            c.name = tag + c.name
            result.append(c)
    # In-place forms that torch.export keeps in export IR: on an intermediate and on a user input.
    result.append(Case("aten.relu_.default", "intermediate", lambda x: torch.relu_(x * 2.0), (rnd([3, 4]),), core=True))
    result.append(Case("aten.relu_.default", "user_input", lambda x: torch.relu_(x), (rnd([5]),)))
    result.append(Case("aten.sigmoid_.default", "intermediate", lambda x: torch.sigmoid_(x + 1.0), (rnd([4]),)))
    result.append(Case("aten.clamp_.default", "intermediate", lambda x: (x * 3).clamp_(-1.0, 1.0), (rnd([2, 3]),)))
    return result
