import type { DType, Tensor } from '@nativert/core';
import { isComplex } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { NumericView } from '../../util/elementwise.js';
import { map3, outputBuffer, writeInto } from '../../util/elementwise.js';
import { broadcastShapes } from '../../util/shape.js';
import type { Operand } from './operand.js';
import { shapeOf } from './operand.js';

/** A three-operand elementwise op, resolved for one node: operands, loop views, dtypes, element function. */
export interface TernaryCall {
  readonly operands: readonly [Operand | null, Operand | null, Operand | null];
  /** Loop inputs over `shape`; built from the operands (a null operand needs its own view). */
  readonly views: (shape: readonly number[]) => [NumericView, NumericView, NumericView];
  readonly out: DType;
  readonly fn: (x: number, y: number, z: number) => number;
}

/** The broadcast shape of the non-null operands. */
function shapeOfCall(call: TernaryCall): number[] {
  return broadcastShapes(...call.operands.filter((o): o is Operand => o !== null).map(shapeOf));
}

/** Refuses a complex result: the number loops would drop the imaginary parts. */
function requireReal(call: TernaryCall, args: KernelArgs): void {
  if (isComplex(call.out)) throw args.error(`complex operands (${call.out}) are not supported by this op`);
}

/** Runs `call` into a new contiguous tensor. */
export function applyTernary(call: TernaryCall, args: KernelArgs): Tensor {
  requireReal(call, args);
  const shape = shapeOfCall(call);
  const buf = outputBuffer(call.out, shape);
  const [a, b, c] = call.views(shape);
  map3(buf.values, shape, a, b, c, call.fn);
  return buf.finish();
}

/** Runs `call` writing into `self` (which must have the broadcast shape) and returns it. */
export function applyTernaryInPlace(call: TernaryCall, self: Tensor, args: KernelArgs): Tensor {
  requireReal(call, args);
  const shape = shapeOfCall(call);
  if (shape.length !== self.rank || shape.some((d, i) => d !== self.shape[i])) {
    throw args.error(`in-place op: operands broadcast to [${shape.join(', ')}], which differs from self's shape [${self.shape.join(', ')}]`);
  }
  const values = new Float64Array(self.numel);
  const [a, b, c] = call.views(shape);
  map3(values, shape, a, b, c, call.fn);
  writeInto(self, values);
  return self;
}
