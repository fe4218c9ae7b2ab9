import { PRELUDE } from './prelude.js';

/** C element types an elementwise operand can have. */
export type CType = 'float' | 'u8' | 'u16' | 'u32' | 'u64';

/**
 * An elementwise kernel: `out[idx] = expr` over a strided loop of rank `rank`, where the
 * expression reads inputs as `a0, a1, ...` (each converted to float unless `raw`) and scalars as
 * `s0, s1, ...`. Operands may have any strides (0 for broadcast), the output too (in-place ops
 * and writes into views).
 */
export interface ElementwiseSpec {
  readonly expr: string;
  readonly inputs: readonly CType[];
  readonly out: CType;
  readonly rank: number;
  readonly scalars: number;
  /** Inputs keep their own C type instead of converting to float (plain copies of any dtype). */
  readonly raw?: boolean;
}

/** Argument slots: n, out, inputs, shape, out strides, input strides, scalars. */
export function elementwiseSlots(spec: Pick<ElementwiseSpec, 'inputs' | 'rank' | 'scalars'>): number {
  const k = spec.inputs.length;
  return 2 + k + spec.rank * (2 + k) + spec.scalars;
}

/** The kernel's CUDA C source; its one function is `ew`. */
export function elementwiseSource(spec: ElementwiseSpec): string {
  const k = spec.inputs.length;
  const r = spec.rank;
  const shapeAt = 2 + k;
  const outStrideAt = shapeAt + r;
  const inStrideAt = (j: number) => outStrideAt + r * (1 + j);
  const scalarAt = outStrideAt + r * (1 + k);
  const lines: string[] = [];
  lines.push('extern "C" __global__ void ew(const Args p) {');
  lines.push('  const i64 n = P_INT(0);');
  for (let s = 0; s < spec.scalars; s++) lines.push(`  const float s${s} = P_F(${scalarAt + s});`);
  lines.push(`  ${spec.out}* out = P_PTR(${spec.out}, 1);`);
  for (let j = 0; j < k; j++) lines.push(`  const ${spec.inputs[j]}* in${j} = P_PTR(const ${spec.inputs[j]}, ${2 + j});`);
  lines.push('  for (i64 i = blockIdx.x * (i64)blockDim.x + threadIdx.x; i < n; i += (i64)gridDim.x * blockDim.x) {');
  const offs = ['o', ...Array.from({ length: k }, (_, j) => `o${j}`)];
  lines.push(`    i64 rem = i; i64 ${offs.map((o) => `${o} = 0`).join(', ')};`);
  for (let d = r - 1; d >= 0; d--) {
    const idx = d === 0 ? 'rem' : `rem % P_INT(${shapeAt + d})`;
    lines.push(`    { const i64 c = ${idx};${d === 0 ? '' : ` rem /= P_INT(${shapeAt + d});`}`);
    lines.push(`      o += c * P_INT(${outStrideAt + d});${Array.from({ length: k }, (_, j) => ` o${j} += c * P_INT(${inStrideAt(j) + d});`).join('')} }`);
  }
  for (let j = 0; j < k; j++) {
    const t = spec.raw ? spec.inputs[j] : 'float';
    lines.push(`    const ${t} a${j} = (${t})in${j}[o${j}];`);
  }
  lines.push(`    out[o] = (${spec.out})(${spec.expr});`);
  lines.push('  }');
  lines.push('}');
  return `${PRELUDE}${lines.join('\n')}\n`;
}
