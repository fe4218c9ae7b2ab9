// Samples drawn from an MT19937 stream, following PyTorch's CPU recipes where they matter for the
// distribution (24-bit floats for float32-and-narrower uniforms, Box-Muller normals).
import type { Mt19937 } from './mt19937.js';

/** `count` uniforms in [0, 1); `bits24` for float32 and narrower outputs (never rounds up to 1). */
export function uniforms(gen: Mt19937, count: number, bits24: boolean): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = bits24 ? gen.nextFloat24() : gen.nextDouble();
  return out;
}

/** `count` standard normals by the Box-Muller transform (pairs of uniforms give pairs of normals). */
export function normals(gen: Mt19937, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 2) {
    const u1 = 1 - gen.nextDouble(), u2 = gen.nextDouble();
    const r = Math.sqrt(-2 * Math.log(u1)), t = 2 * Math.PI * u2;
    out[i] = r * Math.cos(t);
    if (i + 1 < count) out[i + 1] = r * Math.sin(t);
  }
  return out;
}

/** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
export function permutation(gen: Mt19937, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(gen.nextDouble() * (i + 1));
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}

/** `count` integers uniform in [low, high). */
export function integers(gen: Mt19937, count: number, low: number, high: number): Float64Array {
  const out = new Float64Array(count);
  const span = high - low;
  for (let i = 0; i < count; i++) out[i] = low + Math.floor(gen.nextDouble() * span);
  return out;
}
