import type { Tensor } from '@nativert/core';
import { ErrorCode, tryGetInput } from '@nativert/core';
import type { KernelContext, KernelDef } from '@nativert/interpreter';
import { ALL_KERNELS, KernelArgs, KernelRegistry } from '@nativert/interpreter';
import type { CudaOpDef } from './cuda-op.js';
import { float32Only } from './cuda-op.js';
import { broadcastShapes, copyInto, copyOf, empty } from './launch-helpers.js';

const interpreter = new KernelRegistry(ALL_KERNELS);

/** Views whose interpreter kernels only compute shapes and strides, so they work on device tensors as they are. */
const PURE_VIEWS = [
  'aten.permute.default', 'aten.transpose.int', 'aten.t.default', 'aten.expand.default', 'aten.squeeze.default', 'aten.squeeze.dim',
  'aten.squeeze.dims', 'aten.unsqueeze.default', 'aten.slice.Tensor', 'aten.select.int', 'aten.narrow.default', 'aten.split.Tensor',
  'aten.split_with_sizes.default', 'aten.chunk.default', 'aten.unbind.int', 'aten.alias.default', 'aten.detach.default',
  'aten.dropout.default', 'aten.dropout_.default', 'aten.feature_dropout.default',
];

/** Reshapes: views when the strides allow, else the interpreter would copy on the host, so a device copy is made first. */
const RESHAPES = ['aten.view.default', 'aten._unsafe_view.default', 'aten.reshape.default', 'aten.flatten.using_ints', 'aten.unflatten.int'];

/** Nodes with no subgraphs: the interpreter kernels here never call `runSubgraph`. */
function kernelContext(args: KernelArgs): KernelContext {
  return { node: args.node, threads: 1, runSubgraph: () => { throw args.error('cuda: subgraphs are not supported', ErrorCode.Internal); } };
}

function reuse(op: string, def: KernelDef, contiguousSelf: boolean): CudaOpDef {
  return {
    ops: [op],
    check: (node, graph) => float32Only(node, graph),
    run: (args, ctx) => {
      let a = args;
      const selfArg = tryGetInput(args.node, 'self');
      if (contiguousSelf && selfArg?.kind === 'tensor') {
        const self = args.tensor('self');
        if (!self.isContiguous()) {
          const c = copyOf(ctx, self);
          a = new KernelArgs(args.node, (n) => (n === selfArg.name ? c : args.value(n)));
        }
      }
      return def.run(a, kernelContext(a));
    },
  };
}

function reused(): CudaOpDef[] {
  const out: CudaOpDef[] = [];
  for (const op of [...PURE_VIEWS, ...RESHAPES]) {
    const def = interpreter.tryGet(op);
    if (def) out.push(reuse(op, def, RESHAPES.includes(op)));
  }
  return out;
}

/** `cat` along `dim`: each input copied into its slice of the output. */
function cat(tensors: readonly Tensor[], dim: number, ctx: Parameters<CudaOpDef['run']>[1]): Tensor {
  const parts = tensors.filter((t) => !(t.rank === 1 && t.shape[0] === 0));
  const rank = parts[0]!.rank;
  const d = dim < 0 ? dim + rank : dim;
  const shape = [...parts[0]!.shape];
  shape[d] = parts.reduce((s, t) => s + t.shape[d]!, 0);
  const out = empty(ctx, 'float32', shape);
  let at = 0;
  for (const t of parts) {
    const view = out.asStrided(t.shape, out.strides, out.offset + at * out.strides[d]!);
    copyInto(ctx, view, t);
    at += t.shape[d]!;
  }
  return out;
}

/** View and copy ops: interpreter view kernels reused, contiguous/clone/cat/stack as device copies, no-op casts. */
export const VIEW_OPS: readonly CudaOpDef[] = [
  ...reused(),
  {
    ops: ['aten.contiguous.default', 'aten.clone.default'],
    check: (n, g) => float32Only(n, g),
    run: (args, ctx) => copyOf(ctx, args.tensor('self')),
  },
  {
    ops: ['aten.to.dtype_layout', 'aten.to.dtype', 'aten._to_copy.default'],
    check: (n, g) => {
      const dev = tryGetInput(n, 'device');
      if (dev?.kind === 'device' && dev.device.type !== 'cuda') return 'cuda: copies to another device stay with the runtime';
      return float32Only(n, g);
    },
    run: (args, ctx) => (args.bool('copy', false) || args.node.target === 'aten._to_copy.default' ? copyOf(ctx, args.tensor('self')) : args.tensor('self')),
  },
  {
    ops: ['aten.cat.default'],
    check: (n, g) => float32Only(n, g),
    run: (args, ctx) => cat(args.tensors('tensors'), args.int('dim', 0), ctx),
  },
  {
    ops: ['aten.stack.default'],
    check: (n, g) => float32Only(n, g),
    run: (args, ctx) => {
      const ts = args.tensors('tensors');
      const rank = ts[0]!.rank + 1;
      const dim = args.int('dim', 0);
      const d = dim < 0 ? dim + rank : dim;
      return cat(ts.map((t) => t.asStrided([...t.shape.slice(0, d), 1, ...t.shape.slice(d)], [...t.strides.slice(0, d), 0, ...t.strides.slice(d)])), d, ctx);
    },
  },
  {
    ops: ['aten._assert_tensor_metadata.default'],
    check: (n, g) => float32Only(n, g),
    run: (args) => {
      const a = args.tensor('a');
      const dtype = args.dtype('dtype');
      if (dtype !== null && dtype !== a.dtype) throw args.error(`tensor metadata mismatch: expected dtype ${dtype}, given ${a.dtype}`, ErrorCode.AssertionFailed);
      const size = args.optInts('size');
      if (size !== null && (size.length !== a.rank || size.some((s, i) => s !== a.shape[i]))) {
        throw args.error(`tensor metadata mismatch: expected sizes [${size.join(', ')}], given [${a.shape.join(', ')}]`, ErrorCode.AssertionFailed);
      }
      return [];
    },
  },
  {
    ops: ['aten.sym_size.int'],
    check: (n, g) => float32Only(n, g),
    run: (args) => {
      const t = args.tensor('self');
      const d = args.int('dim');
      return t.shape[d < 0 ? d + t.rank : d]!;
    },
  },
  {
    ops: ['aten.expand_as.default'],
    check: (n, g) => float32Only(n, g),
    run: (args) => {
      const t = args.tensor('self');
      const shape = broadcastShapes(t.shape, args.tensor('other').shape);
      const lead = shape.length - t.rank;
      return t.asStrided(shape, shape.map((s, i) => (i < lead || t.shape[i - lead] !== s ? 0 : t.strides[i - lead]!)));
    },
  },
];
