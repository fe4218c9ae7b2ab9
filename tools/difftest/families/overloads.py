"""Out-of-place overloads the other families do not reach, each called so the export IR keeps exactly that
overload: the `__and__`-style dunders and shifts, `.Scalar`/`.Scalar_Tensor`/`.Scalar_Self` forms, aliases
(arctan2, clip, negative, fix, sgn, swapdims, moveaxis), ternary forms (addcdiv, addcmul, lerp, where
with scalars), conversions (`to.*`), uninitialized factories (compared by shape and dtype), linspace,
glu/prelu/celu/threshold, log_sigmoid_forward, eval-mode feature dropouts, `_assert_async` without a message, fft's r2c/c2r core
forms and embedding_bag in every mode."""
import torch
import torch.nn.functional as F

from difftest_lib import F16, F64, I32, I64, Case, edge, rnd, shift_operands
from families.binary import scalar_variants, tensor_variants
from families.unary import variants as unary_variants

A = torch.ops.aten

# (overload, the function called with the input) for elementwise unary forms.
UNARY = [
    ("erfc.default", "any", torch.erfc),
    ("fix.default", "any", torch.fix),
    ("sgn.default", "any", torch.sgn),
    ("negative.default", "any", torch.negative),
    ("isfinite.default", "any", torch.isfinite),
    ("isneginf.default", "any", torch.isneginf),
    ("isposinf.default", "any", torch.isposinf),
    ("nan_to_num.default", "any", torch.nan_to_num),
    ("nan_to_num.default", "any", lambda x: torch.nan_to_num(x, nan=-1.5, posinf=7.0, neginf=-7.0)),
    ("celu.default", "any", lambda x: F.celu(x, alpha=0.8)),
    ("threshold.default", "any", lambda x: F.threshold(x, 0.25, -3.0)),
]

# (overload, fn, domain of the second operand) for Tensor-Tensor forms.
BINARY = [
    ("__or__.Tensor", lambda x, y: x | y, "any"),
    ("__xor__.Tensor", lambda x, y: x ^ y, "any"),
    ("__lshift__.Tensor", lambda x, y: x << y, "small"),
    ("__rshift__.Tensor", lambda x, y: x >> y, "small"),
    ("bitwise_left_shift.Tensor", torch.bitwise_left_shift, "small"),
    ("bitwise_right_shift.Tensor", torch.bitwise_right_shift, "small"),
    ("arctan2.default", torch.arctan2, "any"),
    ("xlogy.Tensor", torch.xlogy, "any"),
    ("rsub.Tensor", lambda x, y: torch.rsub(x, y, alpha=2), "any"),
    ("clamp_min.Tensor", torch.clamp_min, "any"),
    ("clamp_max.Tensor", torch.clamp_max, "any"),
]

# (overload, fn(tensor, python scalar)) for Tensor-Scalar and Scalar-Tensor forms.
SCALAR = [
    ("__and__.Scalar", lambda x, s: A.__and__.Scalar(x, s)),
    ("__or__.Scalar", lambda x, s: A.__or__.Scalar(x, s)),
    ("__xor__.Scalar", lambda x, s: A.__xor__.Scalar(x, s)),
    ("__lshift__.Scalar", lambda x, s: A.__lshift__.Scalar(x, s)),
    ("__rshift__.Scalar", lambda x, s: A.__rshift__.Scalar(x, s)),
    ("bitwise_left_shift.Tensor_Scalar", lambda x, s: A.bitwise_left_shift.Tensor_Scalar(x, s)),
    ("bitwise_right_shift.Tensor_Scalar", lambda x, s: A.bitwise_right_shift.Tensor_Scalar(x, s)),
    ("bitwise_left_shift.Scalar_Tensor", lambda x, s: A.bitwise_left_shift.Scalar_Tensor(s, x)),
    ("bitwise_right_shift.Scalar_Tensor", lambda x, s: A.bitwise_right_shift.Scalar_Tensor(s, x)),
    ("bitwise_and.Scalar_Tensor", lambda x, s: A.bitwise_and.Scalar_Tensor(s, x)),
    ("bitwise_or.Scalar_Tensor", lambda x, s: A.bitwise_or.Scalar_Tensor(s, x)),
    ("bitwise_xor.Scalar_Tensor", lambda x, s: A.bitwise_xor.Scalar_Tensor(s, x)),
    ("remainder.Scalar_Tensor", lambda x, s: A.remainder.Scalar_Tensor(s, x)),
    ("xlogy.Scalar_Other", lambda x, s: A.xlogy.Scalar_Other(x, s)),
    ("xlogy.Scalar_Self", lambda x, s: A.xlogy.Scalar_Self(s, x)),
    ("rsub.Scalar", lambda x, s: A.rsub.Scalar(x, s)),
    ("floor_divide.Scalar", lambda x, s: A.floor_divide.Scalar(x, s)),
    ("clamp_max.default", lambda x, s: A.clamp_max.default(x, s)),
    ("clip.default", lambda x, s: A.clip.default(x, -abs(s), abs(s) + 0.5)),
    ("where.Scalar", lambda x, s: A.where.Scalar(x > 0, s, -1)),
    ("where.ScalarSelf", lambda x, s: A.where.ScalarSelf(x > 0, s, x)),
]


def named(prefix_counts, op, cases):
    """Tags the 2nd+ function list of one op with v2_, v3_ so case names stay unique."""
    prefix_counts[op] = prefix_counts.get(op, 0) + 1
    tag = "" if prefix_counts[op] == 1 else f"v{prefix_counts[op]}_"
    for c in cases:
        c.name = tag + c.name
    return cases


def shift_edges():
    """Shifts by counts at and past the bit width."""
    out = []
    for op, fn in (("__lshift__.Tensor", lambda x, y: x << y), ("__rshift__.Tensor", lambda x, y: x >> y),
                   ("bitwise_left_shift.Tensor", torch.bitwise_left_shift), ("bitwise_right_shift.Tensor", torch.bitwise_right_shift)):
        for name, x, y in shift_operands():
            out.append(Case("aten." + op, name, fn, (x, y)))
    return out


def ternary():
    """addcdiv/addcmul, lerp (Scalar and Tensor weight), clip with tensor or scalar bounds."""
    out = []
    o = lambda name: "aten." + name  # noqa: E731
    for name, fn, dom in (("addcdiv.default", torch.addcdiv, "nonzero"), ("addcmul.default", torch.addcmul, "any")):
        out += [
            Case(o(name), "f32", lambda x, a, b, fn=fn: fn(x, a, b, value=0.5), (rnd([3, 4]), rnd([3, 4]), rnd([3, 4], dom=dom))),
            Case(o(name), "default_value", lambda x, a, b, fn=fn: fn(x, a, b), (rnd([3, 4]), rnd([3, 4]), rnd([3, 4], dom=dom))),
            Case(o(name), "bcast", lambda x, a, b, fn=fn: fn(x, a, b, value=-2.0), (rnd([3, 1]), rnd([4]), rnd([3, 4], dom=dom))),
            Case(o(name), "f64", lambda x, a, b, fn=fn: fn(x, a, b, value=0.25), (rnd([5], F64), rnd([5], F64), rnd([5], F64, dom))),
            Case(o(name), "f16", lambda x, a, b, fn=fn: fn(x, a, b, value=0.5), (rnd([4], F16), rnd([4], F16), rnd([4], F16, dom))),
            Case(o(name), "i64", lambda x, a, b, fn=fn: fn(x, a, b, value=3), (rnd([4], I64), rnd([4], I64), rnd([4], I64, "nonzero"))),
            Case(o(name), "transposed", lambda x, a, b, fn=fn: fn(x.t(), a, b[::2], value=1.5), (rnd([4, 3]), rnd([3, 4]), rnd([6, 4], dom=dom))),
        ]
    out += [
        Case(o("lerp.Scalar"), "f32", lambda x, e: torch.lerp(x, e, 0.3), (rnd([3, 4]), rnd([3, 4]))),
        Case(o("lerp.Scalar"), "big_weight", lambda x, e: torch.lerp(x, e, 0.75), (rnd([3, 1]), rnd([4]))),
        Case(o("lerp.Scalar"), "f16", lambda x, e: torch.lerp(x, e, 0.5), (rnd([4], F16), rnd([4], F16))),
        Case(o("lerp.Scalar"), "f64_extrapolate", lambda x, e: torch.lerp(x, e, 1.5), (rnd([5], F64), rnd([5], F64))),
        Case(o("lerp.Scalar"), "edge", lambda x, e: torch.lerp(x, e, 0.25), (edge(), edge().flip(0))),
        Case(o("lerp.Tensor"), "f32", torch.lerp, (rnd([3, 4]), rnd([3, 4]), rnd([3, 4], dom="unit").abs())),
        Case(o("lerp.Tensor"), "bcast", torch.lerp, (rnd([3, 4]), rnd([4]), rnd([3, 1]))),
        Case(o("lerp.Tensor"), "f64", torch.lerp, (rnd([5], F64), rnd([5], F64), rnd([5], F64))),
        Case(o("lerp.Tensor"), "0d_weight", torch.lerp, (rnd([2, 3]), rnd([2, 3]), rnd([]))),
        Case(o("clip.Tensor"), "f32", torch.clip, (rnd([3, 4]), rnd([3, 4]) - 1, rnd([3, 4]) + 1)),
        Case(o("clip.Tensor"), "bcast", torch.clip, (rnd([3, 4]), rnd([4]) - 1, rnd([3, 1]) + 1)),
        Case(o("clip.Tensor"), "min_only", lambda x, lo: torch.clip(x, min=lo), (rnd([5]), rnd([5]))),
        Case(o("clip.Tensor"), "i64", torch.clip, (rnd([6], I64), rnd([6], I64) - 5, rnd([6], I64) + 5)),
        Case(o("clip.Tensor"), "nan", torch.clip, (edge(), torch.full([16], -1.0), torch.full([16], 2.0))),
        Case(o("clip.default"), "max_only_kw", lambda x: torch.clip(x, max=0.5), (rnd([5]),)),
        Case(o("clip.default"), "edge_unit", lambda x: torch.clip(x, -1.0, 1.0), (edge(),)),
    ]
    return out


def shapes_and_conversions():
    """Axis-moving aliases, tensordot, to.* conversions, uninitialized factories, linspace."""
    out = []
    o = lambda name: "aten." + name  # noqa: E731
    x3 = rnd([2, 3, 4])
    out += [
        Case(o("moveaxis.int"), "m", lambda x: torch.moveaxis(x, 0, -1) * 1, (x3,)),
        Case(o("moveaxis.int"), "i64", lambda x: torch.moveaxis(x, -1, 1) + 1, (rnd([2, 3, 4], I64),)),
        Case(o("moveaxis.intlist"), "m", lambda x: torch.moveaxis(x, [0, 1], [2, 0]) * 1, (x3,)),
        Case(o("movedim.intlist"), "m", lambda x: torch.movedim(x, [2, 0], [0, 1]) * 1, (x3,)),
        Case(o("movedim.intlist"), "transposed", lambda x: torch.movedim(x.transpose(0, 2), [1], [0]) * 1, (x3,)),
        Case(o("swapaxes.default"), "s", lambda x: torch.swapaxes(x, 0, 2) * 1, (x3,)),
        Case(o("swapaxes.default"), "neg", lambda x: torch.swapaxes(x, -1, -2) + 1, (rnd([2, 3, 4], I64),)),
        Case(o("swapdims.default"), "s", lambda x: torch.swapdims(x, 1, 2) * 1, (x3,)),
        Case(o("tensordot.default"), "int_dims", lambda a, b: torch.tensordot(a, b, dims=2), (rnd([2, 3, 4]), rnd([3, 4, 5])), rtol=1e-4, atol=1e-4),
        Case(o("tensordot.default"), "list_dims", lambda a, b: torch.tensordot(a, b, dims=([0, 2], [2, 0])), (rnd([2, 3, 4]), rnd([4, 5, 2])), rtol=1e-4, atol=1e-4),
        Case(o("tensordot.default"), "outer", lambda a, b: torch.tensordot(a, b, dims=0), (rnd([2, 3]), rnd([3]))),
        Case(o("tensordot.default"), "f64", lambda a, b: torch.tensordot(a, b, dims=1), (rnd([3, 4], F64), rnd([4, 2], F64))),
        Case(o("to.device"), "f32_to_f64", lambda x: x.to("cpu", torch.float64), (rnd([2, 3]),)),
        Case(o("to.device"), "f32_to_i64", lambda x: x.to("cpu", torch.int64), (rnd([2, 3]) * 5,)),
        Case(o("to.device"), "copy_same_dtype", lambda x: x.to("cpu", torch.float32, copy=True), (rnd([4]),)),
        Case(o("to.device"), "edge_to_f16", lambda x: x.to("cpu", torch.float16), (edge(),)),
        Case(o("to.dtype_layout"), "f32_to_f64", lambda x: A.to.dtype_layout(x, dtype=torch.float64, layout=torch.strided, device=torch.device("cpu")), (rnd([2, 3]),)),
        Case(o("to.dtype_layout"), "f32_to_bool", lambda x: A.to.dtype_layout(x, dtype=torch.bool), (torch.tensor([0.0, -0.0, 1.5, float("nan")]),)),
        Case(o("to.other"), "f32_like_i64", lambda x, y: A.to.other(x, y), (rnd([2, 3]) * 4, rnd([1], I64))),
        Case(o("to.other"), "i64_like_f16", lambda x, y: A.to.other(x, y), (rnd([5], I64), rnd([2], F16))),
        Case(o("to.other"), "transposed", lambda x, y: A.to.other(x.t(), y), (rnd([3, 2]), rnd([1], F64))),
    ]
    # Uninitialized memory: only shape and dtype are compared.
    out += [
        Case(o("empty_like.default"), "e", lambda x: torch.empty_like(x), (rnd([2, 3]),), loose_outputs=(0,)),
        Case(o("empty_like.default"), "dtype", lambda x: torch.empty_like(x, dtype=I64), (rnd([4]),), loose_outputs=(0,)),
        Case(o("empty_like.default"), "filled", lambda x: torch.empty_like(x).fill_(2.5) + x, (rnd([2, 3]),)),
        Case(o("new_empty.default"), "e", lambda x: x.new_empty((3, 2)), (rnd([2]),), loose_outputs=(0,)),
        Case(o("new_empty.default"), "filled", lambda x: x.new_empty((2,), dtype=I32).fill_(7), (rnd([2]),)),
        Case(o("new_empty_strided.default"), "e", lambda x: x.new_empty_strided((2, 3), (1, 2)), (rnd([2]),), loose_outputs=(0,)),
        Case(o("new_empty_strided.default"), "filled", lambda x: x.new_empty_strided((2, 3), (1, 2)).fill_(-1.0) + x, (rnd([3]),)),
        Case(o("empty_permuted.default"), "e", lambda x: (torch.empty_permuted((2, 3), (1, 0)), x + 1), (rnd([2]),), loose_outputs=(0,)),
        Case(o("empty_permuted.default"), "filled", lambda x: torch.empty_permuted((2, 3, 4), (2, 0, 1)).fill_(0.5) * x, (rnd([4]),)),
    ]
    out += [
        Case(o("linspace.default"), "five", lambda x: torch.linspace(0, 1, 5) + x, (rnd([5]),)),
        Case(o("linspace.default"), "descending", lambda x: torch.linspace(3.5, -2.0, 7) * x, (rnd([7]),)),
        Case(o("linspace.default"), "one_step", lambda x: torch.linspace(2.0, 9.0, 1) + x, (rnd([1]),)),
        Case(o("linspace.default"), "i64", lambda x: torch.linspace(-3, 10, 6, dtype=I64) + x, (rnd([6], I64),)),
        Case(o("linspace.default"), "f64_many", lambda x: torch.linspace(-1.0, 1.0, 33, dtype=F64) + x, (rnd([33], F64),)),
        Case(o("linspace.default"), "f16", lambda x: torch.linspace(0.0, 4.0, 9, dtype=F16) + x, (rnd([9], F16),)),
    ]
    return out


def activations_and_misc():
    """glu, prelu, log_sigmoid_forward, fft core forms, eval-mode feature dropouts, _assert_async."""
    out = []
    o = lambda name: "aten." + name  # noqa: E731
    out += [
        Case(o("glu.default"), "last", lambda x: F.glu(x), (rnd([3, 4]),)),
        Case(o("glu.default"), "dim0", lambda x: F.glu(x, 0), (rnd([4, 3]),)),
        Case(o("glu.default"), "f64_mid", lambda x: F.glu(x, 1), (rnd([2, 6, 2], F64),)),
        Case(o("glu.default"), "edge", lambda x: F.glu(x, 0), (edge(),)),
        Case(o("prelu.default"), "shared", lambda x, w: F.prelu(x, w), (rnd([2, 3, 4]), torch.tensor([0.25]))),
        Case(o("prelu.default"), "per_channel", lambda x, w: F.prelu(x, w), (rnd([2, 3, 4]), rnd([3]))),
        Case(o("prelu.default"), "1d", lambda x, w: F.prelu(x, w), (rnd([5]), torch.tensor([-0.5]))),
        Case(o("prelu.default"), "state", lambda x, w: F.prelu(x, w), (rnd([1, 2, 3, 3]),), state={"w": rnd([2])}),
        Case(o("_prelu_kernel.default"), "per_channel", lambda x, w: A._prelu_kernel.default(x, w), (rnd([2, 3, 2]), rnd([3, 1]))),
        Case(o("_prelu_kernel.default"), "edge", lambda x, w: A._prelu_kernel.default(x, w), (edge(), torch.tensor([0.1]))),
        Case(o("feature_dropout.default"), "eval", lambda x: F.dropout2d(x, 0.5, training=False) * 1, (rnd([1, 2, 3, 3]),)),
        Case(o("feature_dropout.default"), "direct", lambda x: A.feature_dropout.default(x, 0.3, False) + 1, (rnd([2, 3, 2]),)),
        Case(o("feature_alpha_dropout.default"), "eval", lambda x: F.feature_alpha_dropout(x, 0.5, training=False) * 1, (rnd([1, 2, 3, 3]),)),
        Case(o("_assert_async.default"), "true", lambda x: (torch._assert_async(x.abs().sum() >= 0), x * 2)[1], (rnd([3]),)),
        # The CPU buffer output is an implementation detail: only the values are compared.
        Case(o("log_sigmoid_forward.default"), "f32", lambda x: A.log_sigmoid_forward.default(x)[0], (rnd([3, 4]),)),
        Case(o("log_sigmoid_forward.default"), "f64_large", lambda x: A.log_sigmoid_forward.default(x * 30)[0], (rnd([6], F64),)),
        Case(o("log_sigmoid_forward.default"), "edge", lambda x: A.log_sigmoid_forward.default(x)[0], (edge(),)),
        Case(o("log_sigmoid_forward.default"), "transposed", lambda x: A.log_sigmoid_forward.default(x.t())[0], (rnd([4, 3]),)),
        # torch.fft.* stays fft_* in export IR; the core-IR variant holds _fft_r2c / _fft_c2r.
        Case(o("fft_rfft.default"), "r2c", lambda x: torch.view_as_real(torch.fft.rfft(x)), (rnd([2, 8]),), core=True, rtol=1e-4, atol=1e-4),
        Case(o("fft_irfft.default"), "c2r", lambda x: torch.fft.irfft(torch.view_as_complex(x), n=6), (rnd([2, 4, 2]),), core=True, rtol=1e-4, atol=1e-4),
        Case(o("_assert_async.default"), "nonzero_int", lambda x: (torch._assert_async(x.sum() + 1), x + 1)[1], (torch.tensor([2, 3]),)),
    ]
    return out


def embedding_bags():
    """embedding_bag in every mode; torch.nn.functional gives .padding_idx, direct calls the other overloads,
    and the core-IR variants hold _embedding_bag_forward_only."""
    out = []
    o = lambda name: "aten." + name  # noqa: E731
    w = {"w": rnd([10, 3])}
    idx, off = torch.tensor([1, 2, 4, 5, 4, 3, 2, 9]), torch.tensor([0, 3, 3, 6])  # bag 1 is empty
    for mode in ("sum", "mean", "max"):
        out.append(Case(o("embedding_bag.padding_idx"), mode, lambda i, f, w, m=mode: F.embedding_bag(i, w, f, mode=m), (idx, off), state=w, core=True))
        out.append(Case(o("embedding_bag.padding_idx"), f"{mode}_padding_idx", lambda i, f, w, m=mode: F.embedding_bag(i, w, f, mode=m, padding_idx=4), (idx, off), state=w))
        out.append(Case(o("embedding_bag.padding_idx"), f"{mode}_2d_input", lambda i, w, m=mode: F.embedding_bag(i, w, mode=m), (idx.reshape(2, 4),), state=w))
        out.append(Case(o("embedding_bag.padding_idx"), f"{mode}_last_offset", lambda i, f, w, m=mode: F.embedding_bag(i, w, f, mode=m, include_last_offset=True), (idx, torch.tensor([0, 2, 5, 8])), state=w))
    out.append(Case(o("embedding_bag.padding_idx"), "per_sample_weights", lambda i, f, p, w: F.embedding_bag(i, w, f, mode="sum", per_sample_weights=p), (idx, off, rnd([8])), state=w, core=True))
    out.append(Case(o("embedding_bag.padding_idx"), "f64_i32_indices", lambda i, f, w: F.embedding_bag(i, w, f, mode="mean"), (idx.to(I32), off.to(I32)), state={"w": rnd([10, 3], F64)}))
    for mode in (0, 1, 2):
        pick = (0, 3) if mode == 2 else (0,)  # max_indices is only defined in max mode
        for name in ("embedding_bag.default", "_embedding_bag.default", "_embedding_bag_forward_only.default"):
            f = getattr(getattr(A, name.split(".")[0]), "default")
            out.append(Case(o(name), f"mode{mode}", lambda i, b, w, f=f, m=mode, p=pick: tuple(f(w, i, b, False, m)[k] for k in p), (idx, off), state=w))
    return out


def cases():
    out = []
    counts = {}
    for op, dom, fn in UNARY:
        out += named(counts, op, unary_variants("aten." + op, fn, dom, False))
    for op, fn, dom in BINARY:
        out += named(counts, op, tensor_variants("aten." + op, fn, dom, False))
    for op, fn in SCALAR:
        out += named(counts, op, scalar_variants("aten." + op, fn))
    out += shift_edges()
    out += ternary()
    out += shapes_and_conversions()
    out += activations_and_misc()
    out += embedding_bags()
    return out
