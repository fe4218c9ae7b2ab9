"""Symbolic-shape (SymInt/SymBool/SymFloat) ops: with a dynamic dimension (torch.export Dim) the exporter
records `_operator.*`, `math.trunc` and `torch.sym_*` nodes on sizes; each result feeds a size or a scalar
of a tensor op so it reaches the outputs. Serialized programs can only hold the ops in torch's serializer
_SYM_OPS table; the rest are listed in skipped.json."""
import torch
from torch.export import Dim

from difftest_lib import I64, Case, rnd


def cases():
    out = []
    d0 = ({0: Dim.AUTO},)
    d01 = ({0: Dim.AUTO, 1: Dim.AUTO},)

    def add(op, name, fn, shape, alt, dyn=d0, dtype=None):
        """One case traced at `shape` and also run at `alt` (chosen to flip the comparisons)."""
        make = (lambda sh: rnd(sh)) if dtype is None else (lambda sh: rnd(sh, dtype))
        out.append(Case(op, name, fn, (make(shape),), dynamic=dyn, alt_inputs=(make(alt),), rtol=1e-5, atol=1e-5))

    ite = torch.sym_ite
    n = lambda x: x.shape[0]  # noqa: E731
    m = lambda x: x.shape[1]  # noqa: E731
    # Integer operators on sizes.
    add("_operator.neg", "ones", lambda x: x.new_ones(-(-n(x) - 1)), [5, 3], [8, 3])
    add("_operator.neg", "scale", lambda x: x * (-n(x)), [4, 2], [6, 2])
    add("_operator.lshift", "ones", lambda x: x.new_ones(n(x) << 1), [5, 3], [2, 3])
    add("_operator.lshift", "two_dims", lambda x: x.new_zeros(n(x) << m(x)), [3, 2], [2, 4], d01)
    add("_operator.rshift", "ones", lambda x: x.new_ones(n(x) >> 1), [5, 3], [9, 3])
    add("_operator.rshift", "odd", lambda x: x.new_ones((n(x) * 3) >> 2, 2), [7, 1], [10, 1])
    add("_operator.and_", "int", lambda x: x.new_ones(n(x) & 6), [7, 2], [12, 2])
    add("_operator.or_", "int", lambda x: x.new_ones(n(x) | 2), [5, 2], [8, 2])
    # Comparisons and boolean operators on sizes, consumed by sym_ite or as a scalar.
    add("_operator.gt", "ite", lambda x: x.new_ones(ite(n(x) > 3, 2, 5)), [5, 3], [2, 3])
    add("_operator.gt", "ite_false", lambda x: x.new_ones(ite(n(x) > 9, 2, 5)), [5, 3], [11, 3])
    add("_operator.lt", "ite", lambda x: x.new_ones(ite(n(x) < 3, 2, 4)), [5, 3], [2, 3])
    add("_operator.eq", "ite", lambda x: x.new_ones(ite(n(x) == 5, 3, 2)), [5, 3], [4, 3])
    add("_operator.eq", "ite_false", lambda x: x.new_ones(ite(n(x) == 4, 3, 2)), [5, 3], [4, 3])
    add("_operator.ne", "ite", lambda x: x.new_ones(ite(n(x) != 5, 3, 2)), [5, 3], [4, 3])
    add("_operator.ge", "ite", lambda x: x * ite(n(x) >= 5, 2, 3), [5, 2], [4, 2])
    add("_operator.le", "ite", lambda x: x * ite(n(x) <= 4, 2, 3), [5, 2], [3, 2])
    add("_operator.and_", "bool", lambda x: x.new_ones(ite((n(x) > 2) & (n(x) < 9), 3, 2)), [5, 3], [10, 3])
    add("_operator.or_", "bool", lambda x: x.new_ones(ite((n(x) > 7) | (n(x) < 3), 3, 2)), [5, 3], [8, 3])
    add("torch.sym_not", "ite", lambda x: x.new_ones(ite(torch.sym_not(n(x) > 7), 3, 2)), [5, 3], [9, 3])
    add("torch.sym_ite", "sizes", lambda x: x.new_ones(ite(n(x) > m(x), n(x), m(x))), [5, 3], [2, 6], d01)
    add("_operator.gt", "mul_bool", lambda x: x * (n(x) > 3), [5, 2], [3, 2])
    add("_operator.gt", "full_bool", lambda x: torch.full((2,), n(x) > 3), [5, 3], [2, 3])
    # Float conversions.
    add("torch.sym_float", "scale", lambda x: x * torch.sym_float(n(x)), [3, 2], [7, 2])
    add("torch.sym_float", "ratio", lambda x: x * (torch.sym_float(n(x)) / m(x)), [3, 2], [5, 4], d01)
    add("math.trunc", "half", lambda x: x.new_ones(torch.sym_int(torch.sym_float(n(x)) * 0.5)), [5, 3], [8, 3])
    add("torch._sym_sqrt", "scale", lambda x: x * torch.sym_sqrt(n(x)), [4, 3], [9, 3])
    add("torch._sym_sqrt", "i64_ratio", lambda x: x.float() * (torch.sym_sqrt(n(x) * m(x)) / 2), [3, 6], [2, 8], d01, I64)
    return out
