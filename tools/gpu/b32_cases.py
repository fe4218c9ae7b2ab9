"""Batch-32 twins of the benchmark models, for gen_corpus.py --extra: `<name>_b32` exports the same
module with its inputs repeated along dim 0 to 32 rows (a static batch of 32; other dynamic dims kept).
The benchmark reads only the archive and manifest: its inputs are the batch-1 io file's, repeated.
usage: python3 ../shared/corpus/gen/gen_corpus.py --extra tools/gpu/b32_cases.py --out DIR --cases cnn_small_b32,...
"""
B32_OF = ("cnn_small", "bert_tiny", "gpt2_tiny_dynamic_seq", "whisper_encoder_tiny", "mobilenet_v3_small", "resnet18", "mlp_kwargs_dict")


def _rep(t, n=32):
    if not isinstance(t, torch.Tensor) or t.dim() == 0:
        return t
    return t[torch.arange(n) % t.shape[0]].contiguous()


def _b32(fn):
    def make():
        m, args, kwargs = fn()
        return m, tuple(_rep(a) for a in args), {k: _rep(v) for k, v in kwargs.items()}
    return make


for _name in B32_OF:
    _s = CASES[_name]
    case(f"{_name}_b32", tags=tuple(_s["tags"]) + ("batch32",), tol=_s["tol"], dynamic=_s["dynamic"])(_b32(_s["fn"]))
