"""int64 exactness: values near 2**62 and past 2**53 (where a float64 loses the low bits), through
arithmetic (wrapping like PyTorch), reductions, scans, comparisons, selection and indexing, and Python
int scalars. Scalars themselves are kept to values a double holds exactly (2**62, small ints): the
program JSON is read with JSON.parse, which rounds integers past 2**53 before any kernel sees them."""
import torch

from difftest_lib import I64, Case

A = torch.ops.aten
BIG = [2**62 + 1, -(2**62) - 3, 2**53 + 1, -(2**53) - 1, 3, 2**62 + 12345, 2**63 - 1, -(2**63)]
NEAR = [2**62 + 7, 2**53 + 3, -(2**62) + 5, 2**53 + 1, -1, 2**62 + 12345, 1, 2**55 + 1]


def big(values=BIG) -> torch.Tensor:
    return torch.tensor(values, dtype=I64)


def cases():
    out = []

    def add(op, name, fn, inputs, **kw):
        out.append(Case("aten." + op, name, fn, inputs, **kw))

    x, y = big(), big(NEAR)
    m = big([2**62 + 1, 2**53 + 1, 2**53 + 2, 2**62, -(2**62) - 1, 2**53 - 1]).reshape(2, 3)
    add("add.Tensor", "int64_big", lambda a, b: a + b, (x, y))
    add("add.Tensor", "int64_big_alpha", lambda a, b: torch.add(a, b, alpha=3), (x, y))
    add("add.Tensor", "int64_big_scalar", lambda a: a + 3, (x,))
    add("sub.Tensor", "int64_big_scalar_pow2", lambda a: a - 2**62, (x,))
    add("sub.Tensor", "int64_big", lambda a, b: a - b, (x, y))
    add("sub.Tensor", "int64_big_alpha", lambda a, b: torch.sub(a, b, alpha=2), (x, y))
    add("mul.Tensor", "int64_big", lambda a, b: a * b, (x, y))
    add("mul.Tensor", "int64_big_small", lambda a, b: a * b, (x, big([3, -2, 5, 7, 11, -1, 1, 2])))
    add("mul.Tensor", "int64_big_scalar", lambda a: a * 3, (x,))
    add("neg.default", "int64_big", lambda a: -a, (x,))
    add("abs.default", "int64_big", torch.abs, (x,))
    add("sum.dim_IntList", "int64_big", lambda a: a.sum(1), (m,))
    add("sum.default", "int64_big", torch.sum, (x,))
    add("cumsum.default", "int64_big", lambda a: torch.cumsum(a, 0), (y,))
    add("max.dim", "int64_big", lambda a: a.max(1), (m,))
    add("min.dim", "int64_big", lambda a: a.min(1), (m,))
    add("amax.default", "int64_big", lambda a: torch.amax(a, 0), (m,))
    add("max.default", "int64_big", torch.max, (y,))
    add("min.default", "int64_big", torch.min, (y,))
    add("argmax.default", "int64_big", lambda a: torch.argmax(a, 1), (m,))
    add("ne.Tensor", "int64_big", lambda a, b: a != b, (big([2**53, 2**62 + 1, 5]), big([2**53 + 1, 2**62 + 1, 5])))
    add("index.Tensor", "int64_big", lambda a, i: a[i], (x, big([6, 0, 7, 1])))
    add("maximum.default", "int64_big", torch.maximum, (x, y))
    add("eq.Tensor", "int64_big", lambda a, b: a == b, (big([2**53, 2**62 + 1, 5]), big([2**53 + 1, 2**62 + 1, 5])))
    add("eq.Scalar", "int64_big", lambda a: a == 2**62, (big([2**62, 2**62 + 1, 2**62 - 1]),))
    add("lt.Tensor", "int64_big", lambda a, b: a < b, (big([2**53, 2**62 + 1, 5]), big([2**53 + 1, 2**62, 5])))
    add("where.self", "int64_big", lambda c, a, b: torch.where(c, a, b), (torch.tensor([True, False] * 4), x, y))
    add("index_select.default", "int64_big", lambda a, i: torch.index_select(a, 0, i), (x, big([7, 0, 2, 2, 5])))
    add("cat.default", "int64_big", lambda a, b: torch.cat([a, b]), (x, y))
    s = big([3, -2, 5, 7, 11, -1, 1, 2])
    add("floor_divide.default", "int64_big", torch.floor_divide, (x, s))
    add("div.Tensor_mode", "int64_big_trunc", lambda a, b: torch.div(a, b, rounding_mode="trunc"), (x, s))
    add("div.Tensor_mode", "int64_big_floor", lambda a, b: torch.div(a, b, rounding_mode="floor"), (x, s))
    add("remainder.Tensor", "int64_big", torch.remainder, (x, s))
    add("fmod.Tensor", "int64_big", torch.fmod, (x, s))
    add("bitwise_and.Tensor", "int64_big", torch.bitwise_and, (x, y))
    add("bitwise_xor.Tensor", "int64_big", torch.bitwise_xor, (x, y))
    add("bitwise_left_shift.Tensor", "int64_big", torch.bitwise_left_shift, (x, big([1, 0, 3, 63, 64, 2, 1, 0])))
    add("bitwise_right_shift.Tensor", "int64_big", torch.bitwise_right_shift, (x, big([1, 0, 3, 63, 64, 2, 1, 0])))
    add("clamp.default", "int64_big", lambda a: torch.clamp(a, -5, 2**62), (x,))
    add("clamp.Tensor", "int64_big", lambda a, b: torch.clamp(a, min=b), (x, y))
    add("clamp_.default", "int64_big", lambda a: a.clone().clamp_(max=2**53), (x,))
    add("prod.dim_int", "int64_big", lambda a: torch.prod(a.reshape(2, 4), 1), (x,))
    add("cumprod.default", "int64_big", lambda a: torch.cumprod(a, 0), (x,))
    add("sort.default", "int64_big", lambda a: torch.sort(a), (big(BIG + [2**62, 2**62 + 2, -(2**62) - 2]),))
    add("sort.default", "int64_big_descending_2d", lambda a: torch.sort(a.reshape(2, 4), 1, descending=True), (x,))
    add("topk.default", "int64_big", lambda a: torch.topk(a, 3), (big(BIG + [2**62, 2**62 + 2]),))
    add("topk.default", "int64_big_smallest", lambda a: torch.topk(a, 2, largest=False), (y,))
    add("kthvalue.default", "int64_big", lambda a: torch.kthvalue(a, 4), (big(BIG + [2**62, 2**62 + 2]),))
    add("median.default", "int64_big", torch.median, (big([2**62 + 3, 2**62 + 1, 2**62 + 2, -5, 2**62 + 2]),))
    add("median.dim", "int64_big", lambda a: torch.median(a.reshape(2, 4), 1), (x,))
    add("mode.default", "int64_big", lambda a: torch.mode(a), (big([2**62 + 1, 2**62, 2**62 + 1, 2**62, 2**62 + 1, 7]),))
    add("full.default", "int64_big", lambda a: a + torch.full([3], 2**62, dtype=I64), (big([0, 1, 2]),))
    add("masked_fill_.Scalar", "int64_big", lambda a, m: a.clone().masked_fill_(m, 5), (x, torch.tensor([True, False] * 4)))
    add("add_.Tensor", "int64_big", lambda a, b: a.clone().add_(b), (x, y))
    add("eq_.Tensor", "int64_big", lambda a, b: a.clone().eq_(b), (x, y))
    add("masked_fill.Scalar", "int64_big", lambda a, m: a.masked_fill(m, 5), (x, torch.tensor([True, False] * 4)))
    add("arange.start_step", "int64_big", lambda a: a + torch.arange(2**53, 2**53 + 6, 1, dtype=I64), (big([0] * 6),))
    return out
