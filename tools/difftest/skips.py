"""Op targets with no differential case, each with the reason; gen.py writes them to skipped.json and the
coverage test counts an implemented op as covered when it has a case or an entry here."""

_SYM_SERDE = "torch/_export/serde/serialize.py _SYM_OPS"

SKIPPED = {
    # No reproducible reference: the random kernels draw from a per-node MT19937 stream (interpreter
    # kernels/random); tests/interpreter/kernels/random checks shape, dtype, range and moments instead.
    "aten.rand.default": "random values: PyTorch's generator stream is not reproduced by the runtime",
    "aten.randn.default": "random values: PyTorch's generator stream is not reproduced by the runtime",
    "aten.randperm.default": "random values: PyTorch's generator stream is not reproduced by the runtime",
    "aten.rand.generator": "random values: PyTorch's generator stream is not reproduced by the runtime",
    "aten.randn.generator": "random values: PyTorch's generator stream is not reproduced by the runtime",
    "aten.randperm.generator": "random values: PyTorch's generator stream is not reproduced by the runtime",
    "aten.rand_like.default": "random values: PyTorch's generator stream is not reproduced by the runtime",
    "aten.randn_like.default": "random values: PyTorch's generator stream is not reproduced by the runtime",
    "aten.randint.default": "random values: PyTorch's generator stream is not reproduced by the runtime",
    "aten.randint.low": "random values: PyTorch's generator stream is not reproduced by the runtime",
    "aten.dropout.default (train)": "random mask in training mode; eval-mode dropout is covered",
    "aten.mm.dtype": "CUDA-only in PyTorch: no CPU reference to compare with",
    "aten.bmm.dtype": "CUDA-only in PyTorch: no CPU reference to compare with",
    "aten.addmm.dtype": "CUDA-only in PyTorch: no CPU reference to compare with",
    "aten.baddbmm.dtype": "CUDA-only in PyTorch: no CPU reference to compare with",
    # torch.export (2.13) never leaves these in a graph.
    "aten.sym_storage_offset.default": "torch.export folds storage offsets of inputs to constants; no graph keeps the node",
    "aten.sym_stride.int": "torch.export specializes strides of inputs; no graph keeps the node",
    "aten.atan2.out": "out= variant: torch.export functionalizes it to atan2.default",
    "aten.sym_constrain_range.default": "torch.export rewrites it (and torch._constrain_as_value) to aten._assert_scalar on _operator.ge/le",
    "aten.sym_constrain_range_for_size.default": "torch.export rewrites it (and torch._check_is_size) to aten._assert_scalar on _operator.ge/le",
    "_operator.pos": "unary + on a SymInt/SymFloat returns the same symbol while tracing; no node is recorded",
    "_operator.not_": f"`not` on a SymBool calls bool() and guards; not in {_SYM_SERDE} (torch.sym_not is covered)",
    "torch.sym_int": "traced as math.trunc on a SymFloat (covered) and as the identity on a SymInt; never recorded",
    "torch.sym_sqrt": "recorded and serialized under the function's own name torch._sym_sqrt (covered)",
    "math.floor": f"traced on SymFloat but not in {_SYM_SERDE}: serialize() refuses the program",
    "math.ceil": f"traced on SymFloat but not in {_SYM_SERDE}: serialize() refuses the program",
    "math.sqrt": f"float() of the SymInt specializes it while tracing, and not in {_SYM_SERDE}",
}
