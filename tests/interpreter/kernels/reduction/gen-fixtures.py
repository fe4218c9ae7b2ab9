"""Regenerates fixtures/*.json: reduction-family kernel cases with outputs computed by PyTorch.

Run with the repo venv: .venv/bin/python tests/interpreter/kernels/reduction/gen-fixtures.py
Each case calls one ATen overload with named arguments; the JSON holds the arguments in the
runtime's decoded Argument form, the input tensors, and PyTorch's outputs (NaN/inf as strings).
"""
import json
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
from cases import CASES  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), 'fixtures')


def num(v):
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, float) and not math.isfinite(v):
        return 'nan' if math.isnan(v) else ('inf' if v > 0 else '-inf')
    return v


def tensor_json(t):
    dt = str(t.dtype).replace('torch.', '')
    vals = t.detach().to(torch.float64).flatten().tolist() if t.dtype != torch.bool else t.flatten().int().tolist()
    if t.dtype == torch.int64:
        vals = t.flatten().tolist()
    return {'dtype': dt, 'shape': list(t.shape), 'data': [num(v) for v in vals]}


def encode(arg_type, value, tensors):
    t = str(arg_type)
    if value is None:
        return {'kind': 'none'}
    if isinstance(value, torch.Tensor):
        name = f't{len(tensors)}'
        # Non-contiguous inputs are made contiguous here; strided cases build views in TS.
        tensors[name] = tensor_json(value)
        return {'kind': 'optional_tensor' if t.startswith('Optional') else 'tensor', 'name': name}
    if isinstance(value, torch.dtype):
        return {'kind': 'scalar_type', 'dtype': str(value).replace('torch.', '')}
    if isinstance(value, bool):
        return {'kind': 'bool', 'value': value}
    if isinstance(value, int):
        return {'kind': 'int', 'value': value}
    if isinstance(value, float):
        return {'kind': 'float', 'value': num(value)}
    if isinstance(value, (list, tuple)):
        if all(isinstance(v, int) for v in value) and 'float' not in t:
            return {'kind': 'ints', 'values': list(value)}
        return {'kind': 'floats', 'values': [float(v) for v in value]}
    raise TypeError(f'cannot encode {value!r} for {t}')


def main():
    os.makedirs(OUT, exist_ok=True)
    groups = {}
    for group, name, target, kwargs, tol in CASES:
        ns, op, overload = target.split('.')
        fn = getattr(getattr(getattr(torch.ops, ns), op), overload)
        tensors, inputs = {}, []
        for a in fn._schema.arguments:
            if a.name in kwargs:
                inputs.append({'name': a.name, 'kwOnly': a.kwarg_only, 'arg': encode(a.type, kwargs[a.name], tensors)})
        unknown = set(kwargs) - {a.name for a in fn._schema.arguments}
        if unknown:
            raise KeyError(f'{name}: {target} has no arguments {unknown}')
        res = fn(**kwargs)
        outs = list(res) if isinstance(res, (tuple, list)) else [res]
        groups.setdefault(group, []).append({
            'name': name, 'target': target, 'inputs': inputs, 'tensors': tensors,
            'outputs': [tensor_json(o) for o in outs], 'rtol': tol[0], 'atol': tol[1],
        })
    for group, cases in groups.items():
        with open(os.path.join(OUT, f'{group}.json'), 'w') as f:
            json.dump({'torch': torch.__version__, 'cases': cases}, f, separators=(',', ':'))
        print(group, len(cases))


if __name__ == '__main__':
    main()
