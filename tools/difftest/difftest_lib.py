"""Shared pieces of the differential-fixture generator: the Case record, the module wrapper that
torch.export traces, seeded input makers and per-dtype tolerances."""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any, Callable

import torch

F32, F64, F16, BF16 = torch.float32, torch.float64, torch.float16, torch.bfloat16
I64, I32, U8, BOOL = torch.int64, torch.int32, torch.uint8, torch.bool
FLOATS = (F32, F64, F16, BF16)

# |got - want| <= atol + rtol * |want|; ints and bools are compared exactly whatever these say.
TOL = {F32: (1e-5, 1e-5), F64: (1e-7, 1e-7), F16: (1e-2, 1e-2), BF16: (2e-2, 2e-2)}


@dataclass
class Case:
    """One exported program with its inputs; `fn(*inputs, *state.values())` is the module body."""

    op: str  # primary op target, as in core_aten_ops.txt ("aten.add.Tensor")
    name: str  # unique within the op
    fn: Callable[..., Any]
    inputs: tuple
    state: dict = field(default_factory=dict)
    kwargs: dict = field(default_factory=dict)
    rtol: float | None = None
    atol: float | None = None
    core: bool = False  # also emit the run_decompositions() (core ATen IR) variant
    dynamic: tuple | None = None  # dynamic_shapes of the inputs for torch.export.export
    # Inputs of other sizes for a dynamic program: the same program is also checked on them (`<name>/resized`).
    alt_inputs: tuple | None = None
    # Outputs whose values PyTorch leaves unspecified (e.g. indices of ties): compared by shape/dtype only.
    loose_outputs: tuple = ()


class Fn(torch.nn.Module):
    """A tiny module whose forward calls `fn(*args, **kwargs, *state)`; float state is registered as
    parameters, the rest as buffers, so both input-spec kinds appear in the fixtures."""

    def __init__(self, fn: Callable[..., Any], state: dict):
        super().__init__()
        self.fn = fn
        self.names = list(state)
        for k, v in state.items():
            if v.is_floating_point():
                self.register_parameter(k, torch.nn.Parameter(v.clone(), requires_grad=False))
            else:
                self.register_buffer(k, v.clone())

    def forward(self, *args, **kwargs):
        extra = [getattr(self, k) for k in self.names]
        return plain(self.fn(*args, *extra, **kwargs))


def plain(r: Any) -> Any:
    """torch.return_types structseqs as plain tuples: their pytree nodes have no serialized name."""
    if isinstance(r, (tuple, list)):
        return tuple(plain(v) for v in r)
    return r


def seed_for(*parts: str) -> int:
    """A stable per-case seed, so adding a case does not change the others."""
    return zlib.crc32("/".join(parts).encode())


def rnd(shape, dtype=F32, dom: str = "any") -> torch.Tensor:
    """Random tensor of `shape`/`dtype` in domain `dom` (any, pos, unit, ge1, small-int, nonzero-int)."""
    shape = tuple(shape)
    if dtype == BOOL:
        return torch.rand(shape) > 0.5
    if dtype == U8:
        return torch.randint(0, 256, shape, dtype=U8) if dom == "any" else torch.randint(1, 20, shape, dtype=U8)
    if dtype in (I64, I32, torch.int8, torch.int16):
        if dom == "pos" or dom == "ge1":
            return torch.randint(1, 10, shape, dtype=dtype)
        if dom == "nonzero":
            v = torch.randint(1, 8, shape, dtype=dtype)
            return torch.where(torch.rand(shape) > 0.5, v, -v)
        return torch.randint(-20, 20, shape, dtype=dtype)
    if dtype in (torch.complex64,):
        return torch.randn(shape, dtype=dtype)
    base = {
        "any": lambda: torch.randn(shape, dtype=F64) * 2,
        "pos": lambda: torch.rand(shape, dtype=F64) * 4 + 0.05,
        "unit": lambda: torch.rand(shape, dtype=F64) * 1.8 - 0.9,
        "ge1": lambda: torch.rand(shape, dtype=F64) * 4 + 1.05,
        "nonzero": lambda: (torch.rand(shape, dtype=F64) * 3 + 0.5) * torch.where(torch.rand(shape) > 0.5, 1.0, -1.0),
        "distinct": lambda: torch.randperm(max(1, int(torch.tensor(shape).prod().item()))).reshape(shape).to(F64) * 0.37 - 3,
    }[dom]()
    return base.to(dtype)


EDGE = [float("nan"), float("inf"), float("-inf"), -0.0, 0.0, 1e-30, -1e-30, 1e30, -1e30, 1.0, -1.0, 0.5, -2.5, 3.5, 88.0, -88.0]


def edge(dtype=F32) -> torch.Tensor:
    """Edge values (nan, +-inf, signed zeros, tiny, huge, halves) of `dtype`."""
    return torch.tensor(EDGE, dtype=F64).to(dtype)


def shift_operands() -> list[tuple[str, torch.Tensor, torch.Tensor]]:
    """(name, values, counts) for shift ops: counts at and past the bit width, negative values (arithmetic
    right shift), in int64, int32 and uint8."""
    vals = torch.tensor([1, -1, 5, -8, 2**62, -(2**62), 123, -123])
    return [
        ("wide_counts", vals, torch.tensor([0, 1, 63, 64, 70, 2, 62, 3])),
        ("i32_wide_counts", torch.tensor([1, -1, 5, -8, 2**30, -(2**30), 123, -123], dtype=I32), torch.tensor([0, 1, 31, 32, 40, 2, 30, 3], dtype=I32)),
        ("u8_wide_counts", torch.tensor([1, 255, 128, 7, 200, 3, 64, 9], dtype=U8), torch.tensor([0, 1, 7, 8, 9, 2, 6, 3], dtype=U8)),
    ]


def tol_for(dtype: torch.dtype, rtol: float | None, atol: float | None) -> tuple[float, float]:
    """The case tolerance: the explicit one, else the default of the output dtype."""
    r, a = TOL.get(dtype, (0.0, 0.0))
    return (rtol if rtol is not None else r, atol if atol is not None else a)


def aten(name: str) -> str:
    """`add.Tensor` -> `aten.add.Tensor`."""
    return "aten." + name
