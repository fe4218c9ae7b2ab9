import { ARG_SLOTS } from '../device/param-writer.js';

/**
 * Common head of every generated module: fixed-width types, the one-struct argument block and
 * slot readers, and the activation helpers elementwise expressions call. No headers are included,
 * so NVRTC compiles a module in milliseconds.
 */
export const PRELUDE = `typedef unsigned long long u64;
typedef long long i64;
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;
struct Args { u64 v[${ARG_SLOTS}]; };
#define P_PTR(T, i) ((T*)p.v[i])
#define P_INT(i) ((i64)p.v[i])
#define P_F(i) ((float)__longlong_as_double((i64)p.v[i]))
#define INF_F __int_as_float(0x7f800000)
__device__ __forceinline__ float nrt_sigmoid(float x) { return 1.f / (1.f + expf(-x)); }
__device__ __forceinline__ float nrt_gelu(float x) { return 0.5f * x * (1.f + erff(x * 0.70710678118654752f)); }
__device__ __forceinline__ float nrt_gelu_tanh(float x) { return 0.5f * x * (1.f + tanhf(0.7978845608028654f * (x + 0.044715f * x * x * x))); }
__device__ __forceinline__ float nrt_relu(float x) { return x < 0.f ? 0.f : x; }
__device__ __forceinline__ float nrt_hardsigmoid(float x) { return x != x ? x : fminf(fmaxf(x + 3.f, 0.f), 6.f) / 6.f; }
__device__ __forceinline__ float nrt_hardswish(float x) { return x * nrt_hardsigmoid(x); }
__device__ __forceinline__ float nrt_clamp(float x, float lo, float hi) { return x != x ? x : fminf(fmaxf(x, lo), hi); }
__device__ __forceinline__ float nrt_softplus(float x, float beta, float th) { return x * beta > th ? x : log1pf(expf(x * beta)) / beta; }
__device__ __forceinline__ float nrt_sign(float x) { return x > 0.f ? 1.f : (x < 0.f ? -1.f : x); }
`;
