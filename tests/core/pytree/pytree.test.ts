import { expect } from 'chai';
import { ErrorCode, flattenInputs, flattenTree, NativertError, parseTreeSpec, Tensor, treeSpecLeafCount, unflattenOutputs } from '@nativert/core';

// Spec strings written by torch.utils._pytree.treespec_dumps (PyTorch 2.13).
const NESTED_ARGS = '[1, {"type": "builtins.tuple", "context": "null", "children_spec": [{"type": "builtins.tuple", "context": "null", "children_spec": [{"type": null, "context": null, "children_spec": []}, {"type": "builtins.tuple", "context": "null", "children_spec": [{"type": null, "context": null, "children_spec": []}, {"type": null, "context": null, "children_spec": []}]}]}, {"type": "builtins.dict", "context": "[\\"opt\\"]", "children_spec": [{"type": null, "context": null, "children_spec": []}]}]}]';
const ORDERED_DICT = '[1, {"type": "collections.OrderedDict", "context": "[\\"a\\", \\"b\\"]", "children_spec": [{"type": null, "context": null, "children_spec": []}, {"type": "builtins.list", "context": "null", "children_spec": [{"type": null, "context": null, "children_spec": []}, {"type": null, "context": null, "children_spec": []}]}]}]';
const INT_KEYS = '[1, {"type": "builtins.dict", "context": "[\\"a\\", 3]", "children_spec": [{"type": null, "context": null, "children_spec": []}, {"type": null, "context": null, "children_spec": []}]}]';
const NAMEDTUPLE_OUT = '[1, {"type": "builtins.tuple", "context": "null", "children_spec": [{"type": "collections.namedtuple", "context": "fixtures.P", "children_spec": [{"type": null, "context": null, "children_spec": []}, {"type": null, "context": null, "children_spec": []}]}, {"type": "builtins.list", "context": "null", "children_spec": [{"type": null, "context": null, "children_spec": []}, {"type": null, "context": null, "children_spec": []}]}]}]';
const IMMUTABLE_LIST = '[1, {"type": "torch.fx.immutable_collections.immutable_list", "context": "null", "children_spec": [{"type": null, "context": null, "children_spec": []}, {"type": null, "context": null, "children_spec": []}]}]';

function throwsInput(fn: () => unknown, pattern: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(NativertError);
    expect((e as NativertError).code).to.equal(ErrorCode.InvalidInput);
    expect((e as NativertError).message).to.match(pattern);
    return;
  }
  throw new Error('expected InvalidInput');
}

describe('pytree', () => {
  const x = Tensor.zeros('float32', [2, 3]);
  const a = Tensor.scalar('float32', 1);
  const b = Tensor.scalar('float32', 2);

  it('parses specs and counts leaves', () => {
    expect(treeSpecLeafCount(parseTreeSpec(NESTED_ARGS, 'in_spec'))).to.equal(4);
    expect(parseTreeSpec(ORDERED_DICT, 'spec').context).to.deep.equal(['a', 'b']);
    expect(parseTreeSpec(INT_KEYS, 'spec').context).to.deep.equal(['a', 3]);
  });

  it('flattens nested args and kwargs in spec order', () => {
    const spec = parseTreeSpec(NESTED_ARGS, 'in_spec');
    expect(flattenInputs(spec, [x, [a, b]], { opt: null })).to.deep.equal([x, a, b, null]);
  });

  it('names the path, expected and given structure on mismatches', () => {
    const spec = parseTreeSpec(NESTED_ARGS, 'in_spec');
    throwsInput(() => flattenInputs(spec, [x], { opt: null }), /^args: expected 2 positional argument\(s\), given 1$/);
    throwsInput(() => flattenInputs(spec, [x, [a]], { opt: null }), /^args\[1\]: expected a tuple of 2, given array of 1$/);
    throwsInput(() => flattenInputs(spec, [x, a], { opt: null }), /^args\[1\]: expected a tuple of 2, given Tensor\(float32, \[\], cpu\)$/);
    throwsInput(() => flattenInputs(spec, [x, [a, b]], {}), /^kwargs\['opt'\]: missing \(expected keys \['opt'\], given \[\]\)$/);
    throwsInput(() => flattenInputs(spec, [x, [a, b]], { opt: null, y: x }), /^kwargs: unexpected key\(s\) 'y'/);
    throwsInput(() => flattenInputs(spec, [x, [a, undefined]], { opt: null }), /^args\[1\]\[1\]: expected a value, given nothing$/);
  });

  it('round-trips dicts, lists, int keys, immutable lists and Maps', () => {
    const od = parseTreeSpec(ORDERED_DICT, 'spec');
    const value = { a: x, b: [a, b] };
    const leaves = flattenTree(od, value);
    expect(leaves).to.deep.equal([x, a, b]);
    expect(unflattenOutputs(od, leaves)).to.deep.equal(value);
    expect(flattenTree(od, new Map<string, unknown>([['b', [a, b]], ['a', x]]))).to.deep.equal([x, a, b]);
    const ik = parseTreeSpec(INT_KEYS, 'spec');
    expect(flattenTree(ik, { a: 1, 3: 2 })).to.deep.equal([1, 2]);
    expect(unflattenOutputs(ik, [1, 2])).to.deep.equal({ a: 1, 3: 2 });
    const il = parseTreeSpec(IMMUTABLE_LIST, 'spec');
    expect(unflattenOutputs(il, flattenTree(il, [a, b]))).to.deep.equal([a, b]);
    throwsInput(() => flattenTree(od, { a: x, b: [a, b], c: 1 }, 'out'), /^out: unexpected key\(s\) 'c'/);
    throwsInput(() => flattenTree(od, [x, [a, b]], 'out'), /^out: expected a dict with keys \['a', 'b'\], given array of 2$/);
  });

  it('unflattens namedtuples to objects with their fields, and keeps None leaves', () => {
    const spec = parseTreeSpec(NAMEDTUPLE_OUT, 'out_spec', new Map([['fixtures.P', ['lo', 'hi']]]));
    const out = unflattenOutputs(spec, [a, b, x, null]);
    expect(out).to.deep.equal([{ lo: a, hi: b }, [x, null]]);
    expect(flattenTree(spec, out)).to.deep.equal([a, b, x, null]);
    // Without recorded fields a namedtuple reads as a tuple.
    const bare = parseTreeSpec(NAMEDTUPLE_OUT, 'out_spec');
    expect(unflattenOutputs(bare, [a, b, x, null])).to.deep.equal([[a, b], [x, null]]);
    expect(() => unflattenOutputs(spec, [a, b])).to.throw(NativertError, /4 leaves, given 2/);
  });

  it('treats builtins.NoneType nodes as None', () => {
    const spec = parseTreeSpec('[1, {"type": "builtins.tuple", "context": "null", "children_spec": [{"type": "builtins.NoneType", "context": "null", "children_spec": []}, {"type": null, "context": null, "children_spec": []}]}]', 'spec');
    expect(flattenTree(spec, [null, a])).to.deep.equal([a]);
    expect(unflattenOutputs(spec, [a])).to.deep.equal([null, a]);
    throwsInput(() => flattenTree(spec, [b, a], 'v'), /^v\[0\]: expected None \(null\), given Tensor/);
  });

  it('refuses unknown protocols and node types, naming the field', () => {
    expect(() => parseTreeSpec('[2, {}]', 'm.json: in_spec')).to.throw(NativertError, /m\.json: in_spec: expected a pytree spec of protocol 1/);
    expect(() => parseTreeSpec('[1, {"type": "my.Thing", "context": "null", "children_spec": []}]', 'spec')).to.throw(NativertError, /spec\[1\]: pytree type 'my\.Thing' is not supported/);
    expect(() => parseTreeSpec('[1, {"type"', 'spec')).to.throw(NativertError, /spec: invalid JSON/);
  });
});
