// Dedicated float32 loops of the hot unary ops, one hand-written loop per op so that each loop's
// element accesses and math stay monomorphic (no per-element closure call). Each computes the same
// values as the op's generic element function, rounded to float32 once on store, unless noted.

/** `out[oo + i] = op(x[xo + i])` for i < n; `out` may be `x` itself at the same offset (in-place). */
export type F32UnaryLoop = (x: Float32Array, xo: number, out: Float32Array, oo: number, n: number) => void;

const SQRT1_2 = Math.SQRT1_2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/**
 * erf for float32 results: the rational approximation on [-4, 4] used by Eigen, XLA and TVM for
 * float erf (absolute error below 7e-8, under half a float32 ulp of 1), evaluated in double.
 * PyTorch's own vectorized float erf is an approximation of the same order (Abramowitz-Stegun).
 */
export function erfForFloat32(x: number): number {
  // Beyond ±4 erf is ±1 in float32; NaN stays NaN.
  if (!(x > -4 && x < 4)) return x !== x ? x : x > 0 ? 1 : -1;
  const x2 = x * x;
  let p = -2.72614225801306e-10;
  p = p * x2 + 2.77068142495902e-08;
  p = p * x2 - 2.10102402082508e-06;
  p = p * x2 - 5.69250639462346e-05;
  p = p * x2 - 7.34990630326855e-04;
  p = p * x2 - 2.95459980854025e-03;
  p = p * x2 - 1.60960333262415e-02;
  let q = -1.45660718464996e-05;
  q = q * x2 - 2.13374055278905e-04;
  q = q * x2 - 1.68282697438203e-03;
  q = q * x2 - 7.37332916720468e-03;
  q = q * x2 - 1.42647390514189e-02;
  return (x * p) / q;
}

function gelu(x: Float32Array, xo: number, out: Float32Array, oo: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = x[xo + i]!;
    out[oo + i] = 0.5 * v * (1 + erfForFloat32(v * SQRT1_2));
  }
}

/** tanh(u) = 1 - 2 / (exp(2u) + 1): one exp instead of Math.tanh, exact to double rounding in 1 + tanh(u). */
function geluTanh(x: Float32Array, xo: number, out: Float32Array, oo: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = x[xo + i]!;
    const e = Math.exp(2 * SQRT_2_OVER_PI * (v + 0.044715 * v * v * v));
    out[oo + i] = 0.5 * v * (2 - 2 / (e + 1));
  }
}

function relu(x: Float32Array, xo: number, out: Float32Array, oo: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = x[xo + i]!;
    out[oo + i] = v > 0 || v !== v ? v : 0;
  }
}

function silu(x: Float32Array, xo: number, out: Float32Array, oo: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = x[xo + i]!;
    out[oo + i] = v / (1 + Math.exp(-v));
  }
}

function sigmoid(x: Float32Array, xo: number, out: Float32Array, oo: number, n: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = 1 / (1 + Math.exp(-x[xo + i]!));
}

function hardsigmoid(x: Float32Array, xo: number, out: Float32Array, oo: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const c = x[xo + i]! + 3;
    out[oo + i] = (c < 0 ? 0 : c > 6 ? 6 : c) / 6;
  }
}

/** x * clamp(x + 3, 0, 6) / 6, each step rounded to float32 as PyTorch's float kernel computes it. */
function hardswish(x: Float32Array, xo: number, out: Float32Array, oo: number, n: number): void {
  const f = Math.fround;
  for (let i = 0; i < n; i++) {
    const v = x[xo + i]!;
    const c = f(v + 3);
    out[oo + i] = f(v * (c < 0 ? 0 : c > 6 ? 6 : c)) / 6;
  }
}

function exp(x: Float32Array, xo: number, out: Float32Array, oo: number, n: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = Math.exp(x[xo + i]!);
}

function tanh(x: Float32Array, xo: number, out: Float32Array, oo: number, n: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = Math.tanh(x[xo + i]!);
}

function sqrt(x: Float32Array, xo: number, out: Float32Array, oo: number, n: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = Math.sqrt(x[xo + i]!);
}

function rsqrt(x: Float32Array, xo: number, out: Float32Array, oo: number, n: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = 1 / Math.sqrt(x[xo + i]!);
}

function reciprocal(x: Float32Array, xo: number, out: Float32Array, oo: number, n: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = 1 / x[xo + i]!;
}

function neg(x: Float32Array, xo: number, out: Float32Array, oo: number, n: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = -x[xo + i]!;
}

function square(x: Float32Array, xo: number, out: Float32Array, oo: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = x[xo + i]!;
    out[oo + i] = v * v;
  }
}

/** x * x * x with the float32 rounding of the inner product, as PyTorch's pow(x, 3) kernel. */
function cube(x: Float32Array, xo: number, out: Float32Array, oo: number, n: number): void {
  const f = Math.fround;
  for (let i = 0; i < n; i++) {
    const v = x[xo + i]!;
    out[oo + i] = f(v * v) * v;
  }
}

/** 1 / (x * x) with the float32 rounding of the product, as PyTorch's pow(x, -2) kernel. */
function inverseSquare(x: Float32Array, xo: number, out: Float32Array, oo: number, n: number): void {
  const f = Math.fround;
  for (let i = 0; i < n; i++) {
    const v = x[xo + i]!;
    out[oo + i] = 1 / f(v * v);
  }
}

/** gelu's loop for `approximate` ('none' or 'tanh'). */
export function geluLoop(approximate: string): F32UnaryLoop {
  return approximate === 'tanh' ? geluTanh : gelu;
}

/**
 * The loop of `pow(x, exponent)` for a scalar exponent, specialised as PyTorch's CPU kernel is
 * (0.5 sqrt, -0.5 rsqrt, -1 reciprocal, 2, 3, -2 by products), or null for a general exponent.
 */
export function powScalarLoop(exponent: number): F32UnaryLoop | null {
  switch (exponent) {
    case 0.5: return sqrt;
    case -0.5: return rsqrt;
    case -1: return reciprocal;
    case 2: return square;
    case 3: return cube;
    case -2: return inverseSquare;
    default: return null;
  }
}

/** Float32 loops of the hot parameterless unary ops, by ATen name. */
export const F32_UNARY_LOOPS: Readonly<Record<string, F32UnaryLoop>> = {
  relu, silu, sigmoid, hardsigmoid, hardswish, exp, tanh, sqrt, rsqrt, reciprocal, neg, square,
};
