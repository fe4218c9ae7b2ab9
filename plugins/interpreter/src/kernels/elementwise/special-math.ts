// Special functions JavaScript's Math lacks, accurate to double precision (checked against
// PyTorch's float64 results in the tests).

// Chebyshev coefficients of erfc(z) for z >= 0 (Numerical Recipes 3rd ed., section 6.2.2).
const ERFC_COF = [
  -1.3026537197817094, 6.4196979235649026e-1, 1.9476473204185836e-2, -9.561514786808631e-3,
  -9.46595344482036e-4, 3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5,
  -1.624290004647e-6, 1.303655835580e-6, 1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9,
  5.059343495e-9, -9.91364156e-10, -2.27365122e-10, 9.6467911e-11, 2.394038e-12, -6.886027e-12,
  8.94487e-13, 3.13092e-13, -1.12708e-13, 3.81e-16, 7.106e-15, -1.523e-15, -9.4e-17, 1.21e-16, -2.8e-17,
];

/** erfc(z) for z >= 0. */
function erfcNonNegative(z: number): number {
  const t = 2 / (2 + z);
  const ty = 4 * t - 2;
  let d = 0, dd = 0;
  for (let j = ERFC_COF.length - 1; j > 0; j--) {
    const tmp = d;
    d = ty * d - dd + ERFC_COF[j]!;
    dd = tmp;
  }
  return t * Math.exp(-z * z + 0.5 * (ERFC_COF[0]! + ty * d) - dd);
}

const TWO_OVER_SQRT_PI = 1.1283791670955126;

/** The error function. Small arguments use the Taylor series, where 1 - erfc would cancel. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const ax = Math.abs(x);
  if (ax < 0.5) {
    // erf(x) = 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1))
    const x2 = x * x;
    let term = x, sum = x;
    for (let n = 1; n < 30; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return TWO_OVER_SQRT_PI * sum;
  }
  return x > 0 ? 1 - erfcNonNegative(ax) : erfcNonNegative(ax) - 1;
}

/** The complementary error function 1 - erf(x), accurate in the tail. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  if (Math.abs(x) < 0.5) return 1 - erf(x);
  return x >= 0 ? erfcNonNegative(x) : 2 - erfcNonNegative(-x);
}

/** The inverse error function: Giles' single-precision approximation refined by Newton steps. */
export function erfinv(y: number): number {
  if (Number.isNaN(y) || y < -1 || y > 1) return NaN;
  if (y === 1) return Infinity;
  if (y === -1) return -Infinity;
  if (y === 0) return y;
  let w = -Math.log((1 - y) * (1 + y));
  let p: number;
  if (w < 5) {
    w -= 2.5;
    p = 2.81022636e-8;
    p = 3.43273939e-7 + p * w;
    p = -3.5233877e-6 + p * w;
    p = -4.39150654e-6 + p * w;
    p = 0.00021858087 + p * w;
    p = -0.00125372503 + p * w;
    p = -0.00417768164 + p * w;
    p = 0.246640727 + p * w;
    p = 1.50140941 + p * w;
  } else {
    w = Math.sqrt(w) - 3;
    p = -0.000200214257;
    p = 0.000100950558 + p * w;
    p = 0.00134934322 + p * w;
    p = -0.00367342844 + p * w;
    p = 0.00573950773 + p * w;
    p = -0.0076224613 + p * w;
    p = 0.00943887047 + p * w;
    p = 1.00167406 + p * w;
    p = 2.83297682 + p * w;
  }
  let x = p * y;
  // Newton on erf(x) = y; in the tail use erfc to keep the residual accurate.
  const s = Math.sign(y), tail = 1 - Math.abs(y);
  for (let i = 0; i < 2; i++) {
    // erf(x) - y, written as s * (tail - erfc(|x|)) when |y| > 0.5
    const r = tail < 0.5 ? s * (tail - erfc(s * x)) : erf(x) - y;
    x -= r / (TWO_OVER_SQRT_PI * Math.exp(-x * x));
  }
  return x;
}
