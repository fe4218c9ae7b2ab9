// The Sleef_* vector math functions that AOTInductor CPU kernels call (the set ATen's vec256
// headers use). exp and tanh in 8 float lanes, the ones softmax, GELU and attention call in hot
// loops, are real vector code (vec-f32.h); the rest go through libm lane by lane. Built with
// -mavx2 so the __m256 / __m256d argument and return registers match the caller's ABI.
#include <immintrin.h>

#include <cmath>
#include <cstring>

#include "vec-f32.h"

#define SLEEF_EXPORT extern "C" __attribute__((visibility("default")))

namespace {
template <typename V, typename S, int N, typename F>
inline V Map1(V a, F f) {
  alignas(32) S x[N];
  std::memcpy(x, &a, sizeof(V));
  for (int i = 0; i < N; ++i) x[i] = f(x[i]);
  V r;
  std::memcpy(&r, x, sizeof(V));
  return r;
}

template <typename V, typename S, int N, typename F>
inline V Map2(V a, V b, F f) {
  alignas(32) S x[N], y[N];
  std::memcpy(x, &a, sizeof(V));
  std::memcpy(y, &b, sizeof(V));
  for (int i = 0; i < N; ++i) x[i] = f(x[i], y[i]);
  V r;
  std::memcpy(&r, x, sizeof(V));
  return r;
}
}  // namespace

// One unary function in the four widths: f8 (__m256), f4 (__m128), d4 (__m256d), d2 (__m128d).
#define SLEEF_UNARY(name, suffix, ff, df)                                                                          \
  SLEEF_EXPORT __m256 Sleef_##name##f8##suffix(__m256 a) { return Map1<__m256, float, 8>(a, [](float v) { return ff(v); }); } \
  SLEEF_UNARY_NOT_F8(name, suffix, ff, df)

// The f4, d4 and d2 widths of one unary function.
#define SLEEF_UNARY_NOT_F8(name, suffix, ff, df)                                                                   \
  SLEEF_EXPORT __m128 Sleef_##name##f4##suffix(__m128 a) { return Map1<__m128, float, 4>(a, [](float v) { return ff(v); }); } \
  SLEEF_EXPORT __m256d Sleef_##name##d4##suffix(__m256d a) {                                                      \
    return Map1<__m256d, double, 4>(a, [](double v) { return df(v); });                                          \
  }                                                                                                              \
  SLEEF_EXPORT __m128d Sleef_##name##d2##suffix(__m128d a) {                                                      \
    return Map1<__m128d, double, 2>(a, [](double v) { return df(v); });                                          \
  }

#define SLEEF_BINARY(name, suffix, ff, df)                                                                         \
  SLEEF_EXPORT __m256 Sleef_##name##f8##suffix(__m256 a, __m256 b) {                                               \
    return Map2<__m256, float, 8>(a, b, [](float x, float y) { return ff(x, y); });                                \
  }                                                                                                              \
  SLEEF_EXPORT __m128 Sleef_##name##f4##suffix(__m128 a, __m128 b) {                                               \
    return Map2<__m128, float, 4>(a, b, [](float x, float y) { return ff(x, y); });                                \
  }                                                                                                              \
  SLEEF_EXPORT __m256d Sleef_##name##d4##suffix(__m256d a, __m256d b) {                                            \
    return Map2<__m256d, double, 4>(a, b, [](double x, double y) { return df(x, y); });                            \
  }                                                                                                              \
  SLEEF_EXPORT __m128d Sleef_##name##d2##suffix(__m128d a, __m128d b) {                                            \
    return Map2<__m128d, double, 2>(a, b, [](double x, double y) { return df(x, y); });                            \
  }

SLEEF_UNARY(acos, _u10, acosf, acos)
SLEEF_UNARY(acosh, _u10, acoshf, acosh)
SLEEF_UNARY(asin, _u10, asinf, asin)
SLEEF_UNARY(asinh, _u10, asinhf, asinh)
SLEEF_UNARY(atan, _u10, atanf, atan)
SLEEF_UNARY(atanh, _u10, atanhf, atanh)
SLEEF_UNARY(cos, _u10, cosf, cos)
SLEEF_UNARY(cos, _u35, cosf, cos)
SLEEF_UNARY(cosh, _u10, coshf, cosh)
SLEEF_UNARY(erfc, _u15, erfcf, erfc)
SLEEF_UNARY(erf, _u10, erff, erf)
SLEEF_UNARY(exp2, _u10, exp2f, exp2)
SLEEF_UNARY_NOT_F8(exp, _u10, expf, exp)
SLEEF_UNARY(expm1, _u10, expm1f, expm1)
SLEEF_UNARY(lgamma, _u10, lgammaf, lgamma)
SLEEF_UNARY(log10, _u10, log10f, log10)
SLEEF_UNARY(log1p, _u10, log1pf, log1p)
SLEEF_UNARY(log2, _u10, log2f, log2)
SLEEF_UNARY(log, _u10, logf, log)
SLEEF_UNARY(sin, _u10, sinf, sin)
SLEEF_UNARY(sin, _u35, sinf, sin)
SLEEF_UNARY(sinh, _u10, sinhf, sinh)
SLEEF_UNARY(tan, _u10, tanf, tan)
SLEEF_UNARY_NOT_F8(tanh, _u10, tanhf, tanh)
SLEEF_UNARY(cbrt, _u10, cbrtf, cbrt)
SLEEF_UNARY(sqrt, _u05, sqrtf, sqrt)

SLEEF_BINARY(atan2, _u10, atan2f, atan2)
SLEEF_BINARY(copysign, , copysignf, copysign)
SLEEF_BINARY(fmod, , fmodf, fmod)
SLEEF_BINARY(hypot, _u05, hypotf, hypot)
SLEEF_BINARY(nextafter, , nextafterf, nextafter)
SLEEF_BINARY(pow, _u10, powf, pow)
SLEEF_BINARY(fmax, , fmaxf, fmax)
SLEEF_BINARY(fmin, , fminf, fmin)

SLEEF_EXPORT __m256 Sleef_expf8_u10(__m256 a) { return ExpF8(a); }
SLEEF_EXPORT __m256 Sleef_tanhf8_u10(__m256 a) { return TanhF8(a); }

// sincos returns both results as a pair of vectors (Sleef___m256_2 / Sleef___m256d_2).
struct SleefF8Pair { __m256 x, y; };
struct SleefD4Pair { __m256d x, y; };

SLEEF_EXPORT SleefF8Pair Sleef_sincosf8_u10(__m256 a) {
  return {Map1<__m256, float, 8>(a, [](float v) { return sinf(v); }),
          Map1<__m256, float, 8>(a, [](float v) { return cosf(v); })};
}

SLEEF_EXPORT SleefD4Pair Sleef_sincosd4_u10(__m256d a) {
  return {Map1<__m256d, double, 4>(a, [](double v) { return sin(v); }),
          Map1<__m256d, double, 4>(a, [](double v) { return cos(v); })};
}
