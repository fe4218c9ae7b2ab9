import { expect } from 'chai';
import { join } from 'node:path';
import { decodeExportedProgram, ErrorCode, loadModel, NativertError, symExprToInfix } from '@nativert/core';
import type { Argument, Graph } from '@nativert/core';
import { corpusFile, FIXTURES } from '../archive/corpus.js';

const LEAF = { type: null, context: null, children: [] };

describe('decodeExportedProgram on corpus models', () => {
  it('mlp_kwargs_dict: signature, five nodes, kwargs in_spec, dict out_spec', async () => {
    const path = corpusFile('mlp_kwargs_dict.pt2');
    if (!path) return;
    const { program } = await loadModel(path);
    expect(program.inputSpecs.map((s) => s.kind)).to.deep.equal(['parameter', 'parameter', 'parameter', 'parameter', 'buffer', 'user_input', 'user_input']);
    expect(program.inputSpecs[0]).to.deep.equal({ kind: 'parameter', name: 'p_l1_weight', target: 'l1.weight' });
    expect(program.inputSpecs[4]).to.deep.equal({ kind: 'buffer', name: 'b_scale', target: 'scale', persistent: true });
    expect(program.outputSpecs).to.deep.equal([
      { kind: 'user_output', arg: { kind: 'tensor', name: 'add' } },
      { kind: 'user_output', arg: { kind: 'tensor', name: 'mul' } },
    ]);
    expect(program.graph.nodes).to.have.length(5);
    const linear = program.graph.getNode('linear');
    expect(linear.target).to.equal('aten.linear.default');
    expect(linear.inputs.map((i) => i.name)).to.deep.equal(['input', 'weight', 'bias']);
    expect(program.graph.consumersOf('linear').map((n) => n.name)).to.deep.equal(['relu']);
    expect(program.inSpec).to.deep.equal({
      type: 'builtins.tuple', context: null, children: [
        { type: 'builtins.tuple', context: null, children: [LEAF] },
        { type: 'builtins.dict', context: ['y'], children: [LEAF] },
      ],
    });
    expect(program.outSpec).to.deep.equal({ type: 'builtins.dict', context: ['out', 'h'], children: [LEAF, LEAF] });
    expect(program.forwardArgNames).to.deep.equal(['x', 'y']);
    expect(program.schemaVersion).to.deep.equal({ major: 8, minor: 20 });
    expect(program.torchVersion).to.match(/^2\.13/);
    const x = program.graph.tensorMeta('x')!;
    expect(x).to.deep.equal({ dtype: 'float32', sizes: [3, 8], strides: [8, 1], storageOffset: 0, device: { type: 'cpu', index: 0 }, requiresGrad: false, layout: 'strided' });
  });

  it('control_cond: cond with recursively decoded subgraphs', async () => {
    const path = corpusFile('control_cond.pt2');
    if (!path) return;
    const { program } = await loadModel(path);
    const cond = program.graph.nodes.find((n) => n.target === 'higher_order.cond');
    expect(cond, 'cond node').to.not.equal(undefined);
    const graphs = cond!.inputs.map((i) => i.arg).filter((a): a is Extract<Argument, { kind: 'graph' }> => a.kind === 'graph');
    expect(graphs).to.have.length(2);
    for (const g of graphs) {
      const sub: Graph = g.graph;
      expect(sub.nodes.length, g.name).to.be.greaterThan(0);
      expect(sub.outputs.length, g.name).to.be.greaterThan(0);
      for (const out of sub.outputs) if (out.kind === 'tensor') expect(sub.tensorMeta(out.name), `${g.name}: ${out.name}`).to.not.equal(undefined);
      for (const n of sub.nodes) expect(n.target).to.not.match(/^torch\.ops\./);
    }
  });

  it('dynamic_batch: range constraints, symbolic dims and sym ints', async () => {
    const path = corpusFile('dynamic_batch.pt2');
    if (!path) return;
    const { program } = await loadModel(path);
    expect([...program.rangeConstraints]).to.deep.equal([['s77', { min: 1, max: 64 }]]);
    expect(program.graph.tensorMeta('x')!.sizes).to.deep.equal([{ expr: 's77', hint: 4 }, 12]);
    expect(program.graph.values.get('sym_size_int_1')).to.deep.equal({ kind: 'sym_int', name: 'sym_size_int_1', value: { expr: 's77', hint: 4 } });
    const reshape = program.graph.nodes.find((n) => n.target === 'aten.reshape.default')!;
    expect(reshape.inputs[1]!.arg).to.deep.equal({
      kind: 'sym_ints',
      values: [{ kind: 'name', name: 'sym_size_int_1' }, { kind: 'literal', value: 2 }, { kind: 'literal', value: 3 }],
    });
    expect(program.graph.producerOf('sym_size_int_1')!.target).to.equal('aten.sym_size.int');
  });

  it('namedtuple fixture: namedtuple fields, None output, constant_input', async () => {
    const { program } = await loadModel(join(FIXTURES, 'namedtuple_out.pt2'));
    expect(program.outSpec.children[0]).to.deep.equal({ type: 'collections.namedtuple', context: ['lo', 'hi'], children: [LEAF, LEAF] });
    expect(program.inputSpecs[3]).to.deep.equal({ kind: 'constant_input', name: 'opt', value: { kind: 'none' } });
    expect(program.outputSpecs[3]).to.deep.equal({ kind: 'user_output', arg: { kind: 'none' } });
  });
});

/** A minimal model JSON around `graph`. */
function programJson(graph: object, extra: object = {}): object {
  return {
    graph_module: {
      graph,
      signature: { input_specs: [{ user_input: { arg: { as_tensor: { name: 'x' } } } }], output_specs: [{ user_output: { arg: { as_tensor: { name: 'x' } } } }] },
      module_call_graph: [],
    },
    range_constraints: { s0: { min_val: 2, max_val: 9223372036854775807 }, u0: { min_val: null, max_val: null } },
    schema_version: { major: 8, minor: 3 },
    ...extra,
  };
}

const META = { dtype: 7, sizes: [{ as_int: 2 }], strides: [{ as_int: 1 }], storage_offset: { as_int: 0 }, device: { type: 'cpu', index: null }, requires_grad: false, layout: 7 };

describe('decodeExportedProgram on synthetic JSON', () => {
  const every: Record<string, unknown> = {
    as_none: true, as_tensor: { name: 'x' }, as_tensors: [{ name: 'x' }], as_int: 3, as_ints: [1, 2], as_float: 'Infinity',
    as_floats: [0.5, 'NaN'], as_string: 's', as_strings: ['a'], as_sym_int: { as_name: 'n' }, as_sym_ints: [{ as_int: 1 }, { as_name: 'n' }],
    as_scalar_type: 13, as_memory_format: 2, as_layout: 7, as_device: { type: 'cuda', index: 1 }, as_bool: true, as_bools: [false],
    as_sym_bool: { as_bool: true }, as_sym_bools: [{ as_name: 'b' }], as_optional_tensors: [{ as_tensor: { name: 'x' } }, { as_none: true }],
    as_custom_obj: { name: 'obj', class_fqn: 'm.C' }, as_operator: 'aten.add.Tensor', as_sym_float: { as_float: 1.5 }, as_sym_floats: [{ as_name: 'f' }],
    as_optional_tensor: { as_none: true }, as_complex: { real: 1, imag: -2 }, as_nested_tensors: [[{ name: 'x' }]], as_int_lists: [[1], [2, 3]],
    as_string_to_argument: { k: { as_int: 4 } }, as_float_lists: [[0.25]],
    as_graph: { name: 'g', graph: { inputs: [], outputs: [], nodes: [], tensor_values: {}, sym_int_values: {}, sym_bool_values: {} } },
  };
  const graph = {
    inputs: [{ as_tensor: { name: 'x' } }],
    outputs: [{ as_tensor: { name: 'x' } }],
    nodes: [{
      target: 'torch.ops.test.every.default',
      inputs: Object.entries(every).map(([tag, v], i) => ({ name: `a${i}`, arg: { [tag]: v }, kind: i % 2 ? 2 : 1 })),
      outputs: [{ as_sym_int: { as_name: 'n' } }],
      metadata: { stack_trace: 't' },
      name: null,
    }, { target: '_operator.getitem', inputs: [], outputs: [], metadata: {} }],
    tensor_values: { x: META },
    sym_int_values: { n: { as_expr: { expr_str: "Add(Symbol('s0', positive=True, integer=True), Integer(1))", hint: null } } },
    sym_bool_values: { b: { as_expr: { expr_str: 'Eq(s0, 2)', hint: { as_bool: true } } } },
    sym_float_values: { f: { as_float: 0.5 } },
    custom_obj_values: { obj: { name: 'obj', class_fqn: 'm.C' } },
  };

  it('decodes every Argument kind of the schema', () => {
    const p = decodeExportedProgram(programJson(graph), 'test.json');
    const node = p.graph.nodes[0]!;
    expect(node.name).to.equal('node_0');
    expect(node.target).to.equal('test.every.default');
    expect(p.graph.nodes[1]!.target).to.equal('_operator.getitem');
    const args = node.inputs.map((i) => i.arg);
    expect(new Set(args.map((a) => a.kind)).size).to.equal(Object.keys(every).length);
    expect(node.inputs.map((i) => i.kwOnly).slice(0, 3)).to.deep.equal([false, true, false]);
    const byKind = Object.fromEntries(args.map((a) => [a.kind, a]));
    const get = <K extends Argument['kind']>(k: K) => byKind[k] as Extract<Argument, { kind: K }>;
    expect(byKind['float']).to.deep.equal({ kind: 'float', value: Infinity });
    expect(Number.isNaN(get('floats').values[1]!)).to.equal(true);
    expect(byKind['scalar_type']).to.deep.equal({ kind: 'scalar_type', dtype: 'bfloat16' });
    expect(byKind['memory_format']).to.deep.equal({ kind: 'memory_format', value: 'channels_last' });
    expect(byKind['device']).to.deep.equal({ kind: 'device', device: { type: 'cuda', index: 1 } });
    expect(byKind['optional_tensors']).to.deep.equal({ kind: 'optional_tensors', names: ['x', null] });
    expect(byKind['complex']).to.deep.equal({ kind: 'complex', real: 1, imag: -2 });
    expect(get('string_to_argument').entries.get('k')).to.deep.equal({ kind: 'int', value: 4 });
    expect(get('graph').graph.nodes).to.have.length(0);
    expect(p.graph.values.get('n')).to.deep.equal({ kind: 'sym_int', name: 'n', value: { expr: 's0 + 1' } });
    expect(p.graph.values.get('b')).to.deep.equal({ kind: 'sym_bool', name: 'b', value: { expr: 'Eq(s0, 2)', hint: true } });
    expect(p.graph.values.get('obj')).to.deep.equal({ kind: 'custom_obj', name: 'obj', classFqn: 'm.C' });
    expect(p.rangeConstraints.get('s0')).to.deep.equal({ min: 2, max: Infinity });
    expect(p.rangeConstraints.get('u0')).to.deep.equal({ min: -Infinity, max: Infinity });
    // No module call signature: positional user inputs, tuple of user outputs.
    expect(p.inSpec.children[0]!.children).to.have.length(1);
    expect(p.outSpec.children).to.have.length(1);
  });

  const bad = (mutate: (g: any) => void, pattern: RegExp, code = ErrorCode.InvalidArchive) => () => {
    const g = JSON.parse(JSON.stringify(graph));
    mutate(g);
    try {
      decodeExportedProgram(programJson(g), 'test.json');
    } catch (e) {
      expect(e).to.be.instanceOf(NativertError);
      expect((e as NativertError).code).to.equal(code);
      expect((e as NativertError).message).to.match(pattern);
      return;
    }
    throw new Error('expected an error');
  };

  it('names the path of a missing field', bad((g) => { delete g.nodes[1].target; }, /^test\.json: graph_module\.graph\.nodes\[1\]: missing field 'target'/));
  it('names the path of a wrong type', bad((g) => { g.nodes[0].inputs[2].arg = { as_int: 'x' }; }, /graph_module\.graph\.nodes\[0\]\.inputs\[2\]\.arg\.as_int: expected an integer, given string 'x'/));
  it('rejects a union with two tags', bad((g) => { g.inputs[0] = { as_int: 1, as_bool: true }; }, /graph\.inputs\[0\]: expected a tagged union with exactly one field/));
  it('names an unknown scalar type', bad((g) => { g.tensor_values.x.dtype = 29; }, /tensor_values\.x\.dtype: scalar type 29 is not supported/, ErrorCode.UnsupportedVersion));
  it('names an unknown input spec kind', () => {
    const j = programJson(graph) as any;
    j.graph_module.signature.input_specs[0] = { mystery: {} };
    expect(() => decodeExportedProgram(j, 'test.json')).to.throw(NativertError, /input_specs\[0\]: unknown input spec kind 'mystery'/);
  });
  it('refuses a pytree spec of another protocol', () => {
    const j = programJson(graph) as any;
    j.graph_module.module_call_graph = [{ fqn: '', signature: { inputs: [], outputs: [], in_spec: '[2, {}]', out_spec: '[1, {}]' } }];
    expect(() => decodeExportedProgram(j, 'test.json')).to.throw(NativertError, /in_spec: expected a pytree spec of protocol 1/);
  });
});

describe('symExprToInfix', () => {
  // Expected strings are sympy's str() of each srepr form found in the corpus.
  const cases: [string, string][] = [
    ["Symbol('s77', positive=True, integer=True)", 's77'],
    ["Mul(Integer(128), Symbol('s70', positive=True, integer=True))", '128*s70'],
    ["Pow(Symbol('s70', positive=True, integer=True), Integer(2))", 's70**2'],
    ["Mul(Integer(2), Pow(Symbol('s70', positive=True, integer=True), Integer(2)))", '2*s70**2'],
    ["Add(Symbol('s70', positive=True, integer=True), Integer(1))", 's70 + 1'],
    ["LessThan(Symbol('u1', integer=True), Integer(36))", 'u1 <= 36'],
  ];
  for (const [srepr, infix] of cases) it(`${srepr} -> ${infix}`, () => expect(symExprToInfix(srepr)).to.equal(infix));
  it('parenthesises a sum inside a product and passes infix text through', () => {
    expect(symExprToInfix("Mul(Symbol('s1'), Add(Symbol('s0'), Integer(1)))")).to.equal('s1*(s0 + 1)');
    expect(symExprToInfix('s0 + 1')).to.equal('s0 + 1');
  });
});
