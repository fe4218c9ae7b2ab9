import { PRELUDE } from './prelude.js';

/** Threads per block of the row kernels (one block per row). */
export const ROW_THREADS = 256;

/**
 * The plugin's fixed kernels, one module: row-wise softmax/attention softmax/layer norm/sum over
 * contiguous `[rows, cols]` data (one block per row, warp-shuffle reductions), embedding gather,
 * im2col and direct convolution, and 2-d pooling (one thread per output element).
 * Argument slots are listed above each kernel.
 */
export const KERNEL_LIBRARY_SOURCE = `${PRELUDE}
__device__ __forceinline__ float warp_sum(float v) {
  for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
  return v;
}
__device__ __forceinline__ float warp_max(float v) {
  for (int o = 16; o > 0; o >>= 1) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, o));
  return v;
}
// Reduces v over the block (blockDim.x a multiple of 32, at most 1024); every thread gets the result:
// every warp re-reduces the per-warp partials, so the lane (not the thread) picks the partial.
__device__ float block_sum(float v) {
  __shared__ float buf[32];
  v = warp_sum(v);
  const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
  __syncthreads();
  if (lane == 0) buf[warp] = v;
  __syncthreads();
  v = lane < (blockDim.x >> 5) ? buf[lane] : 0.f;
  return warp_sum(v);
}
__device__ float block_max(float v) {
  __shared__ float buf[32];
  v = warp_max(v);
  const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
  __syncthreads();
  if (lane == 0) buf[warp] = v;
  __syncthreads();
  v = lane < (blockDim.x >> 5) ? buf[lane] : -INF_F;
  return warp_max(v);
}

// 0 x, 1 y, 2 cols, 3 log (0/1)
extern "C" __global__ void softmax_rows(const Args p) {
  const i64 cols = P_INT(2);
  const float* x = P_PTR(const float, 0) + blockIdx.x * cols;
  float* y = P_PTR(float, 1) + blockIdx.x * cols;
  float m = -INF_F;
  for (i64 j = threadIdx.x; j < cols; j += blockDim.x) m = fmaxf(m, x[j]);
  m = block_max(m);
  float s = 0.f;
  for (i64 j = threadIdx.x; j < cols; j += blockDim.x) s += expf(x[j] - m);
  s = block_sum(s);
  if (P_INT(3)) {
    const float ls = logf(s);
    for (i64 j = threadIdx.x; j < cols; j += blockDim.x) y[j] = x[j] - m - ls;
  } else {
    const float inv = 1.f / s;
    for (i64 j = threadIdx.x; j < cols; j += blockDim.x) y[j] = expf(x[j] - m) * inv;
  }
}

// In place on scores [rows, cols]: s = softmax(s * scale + mask) with rows = batch * L.
// 0 scores, 1 cols, 2 scale, 3 mask ([rows, cols] additive) or 0, 4 causal (0/1), 5 L
extern "C" __global__ void attn_softmax(const Args p) {
  const i64 cols = P_INT(1);
  float* s = P_PTR(float, 0) + blockIdx.x * cols;
  const float* mask = P_PTR(const float, 3);
  if (mask) mask += blockIdx.x * cols;
  const float scale = P_F(2);
  const i64 L = P_INT(5);
  const i64 limit = P_INT(4) ? (i64)(blockIdx.x % L) + (cols - L) : cols;
  float m = -INF_F;
  for (i64 j = threadIdx.x; j < cols; j += blockDim.x) {
    float v = j > limit ? -INF_F : s[j] * scale + (mask ? mask[j] : 0.f);
    s[j] = v;
    m = fmaxf(m, v);
  }
  m = block_max(m);
  float sum = 0.f;
  for (i64 j = threadIdx.x; j < cols; j += blockDim.x) sum += expf(s[j] - m);
  sum = block_sum(sum);
  const float inv = 1.f / sum;
  for (i64 j = threadIdx.x; j < cols; j += blockDim.x) s[j] = expf(s[j] - m) * inv;
}

// 0 x, 1 y, 2 weight or 0, 3 bias or 0, 4 cols, 5 eps
extern "C" __global__ void layer_norm_rows(const Args p) {
  const i64 cols = P_INT(4);
  const float* x = P_PTR(const float, 0) + blockIdx.x * cols;
  float* y = P_PTR(float, 1) + blockIdx.x * cols;
  const float* w = P_PTR(const float, 2);
  const float* b = P_PTR(const float, 3);
  float s = 0.f;
  for (i64 j = threadIdx.x; j < cols; j += blockDim.x) s += x[j];
  const float mean = block_sum(s) / (float)cols;
  float q = 0.f;
  for (i64 j = threadIdx.x; j < cols; j += blockDim.x) { const float d = x[j] - mean; q += d * d; }
  const float rstd = rsqrtf(block_sum(q) / (float)cols + P_F(5));
  for (i64 j = threadIdx.x; j < cols; j += blockDim.x) {
    float v = (x[j] - mean) * rstd;
    if (w) v *= w[j];
    if (b) v += b[j];
    y[j] = v;
  }
}

// 0 x, 1 y, 2 cols, 3 scale (1 for sum, 1/cols for mean)
extern "C" __global__ void sum_rows(const Args p) {
  const i64 cols = P_INT(2);
  const float* x = P_PTR(const float, 0) + blockIdx.x * cols;
  float s = 0.f;
  for (i64 j = threadIdx.x; j < cols; j += blockDim.x) s += x[j];
  s = block_sum(s);
  if (threadIdx.x == 0) P_PTR(float, 1)[blockIdx.x] = s * P_F(3);
}

// out[i, :] = weight[idx[i], :]. 0 weight, 1 idx (int64 when 5 = 1, else int32), 2 out, 3 dim, 4 n (= count * dim), 5 idx64, 6 rows of weight
extern "C" __global__ void embedding_rows(const Args p) {
  const i64 dim = P_INT(3), n = P_INT(4), rows = P_INT(6);
  for (i64 e = blockIdx.x * (i64)blockDim.x + threadIdx.x; e < n; e += (i64)gridDim.x * blockDim.x) {
    const i64 i = e / dim;
    i64 r = P_INT(5) ? P_PTR(const i64, 1)[i] : (i64)P_PTR(const int, 1)[i];
    if (r < 0) r += rows;
    P_PTR(float, 2)[e] = (r >= 0 && r < rows) ? P_PTR(const float, 0)[r * dim + (e - i * dim)] : __int_as_float(0x7fc00000);
  }
}

// col[(c*kh + i)*kw + j, (n*OH + oh)*OW + ow] from x [N, C, H, W].
// 0 x, 1 col, 2 N, 3 C, 4 H, 5 W, 6 kh, 7 kw, 8 sh, 9 sw, 10 ph, 11 pw, 12 dh, 13 dw, 14 OH, 15 OW
extern "C" __global__ void im2col(const Args p) {
  const i64 N = P_INT(2), C = P_INT(3), H = P_INT(4), W = P_INT(5), kh = P_INT(6), kw = P_INT(7);
  const i64 OH = P_INT(14), OW = P_INT(15);
  const i64 cols = N * OH * OW, total = C * kh * kw * cols;
  const float* x = P_PTR(const float, 0);
  for (i64 e = blockIdx.x * (i64)blockDim.x + threadIdx.x; e < total; e += (i64)gridDim.x * blockDim.x) {
    const i64 row = e / cols, col = e - row * cols;
    const i64 j = row % kw, i = (row / kw) % kh, c = row / (kw * kh);
    const i64 ow = col % OW, oh = (col / OW) % OH, n = col / (OW * OH);
    const i64 h = oh * P_INT(8) - P_INT(10) + i * P_INT(12);
    const i64 w = ow * P_INT(9) - P_INT(11) + j * P_INT(13);
    P_PTR(float, 1)[e] = (h >= 0 && h < H && w >= 0 && w < W) ? x[((n * C + c) * H + h) * W + w] : 0.f;
  }
}

// Direct grouped convolution, one thread per output element of y [N, CO, OH, OW].
// 0 x, 1 w [CO, C/G, kh, kw], 2 bias or 0, 3 y, 4 N, 5 C, 6 H, 7 W, 8 CO, 9 G, 10 kh, 11 kw, 12 sh, 13 sw, 14 ph, 15 pw, 16 dh, 17 dw, 18 OH, 19 OW
extern "C" __global__ void conv2d_direct(const Args p) {
  const i64 N = P_INT(4), C = P_INT(5), H = P_INT(6), W = P_INT(7), CO = P_INT(8), G = P_INT(9);
  const i64 kh = P_INT(10), kw = P_INT(11), OH = P_INT(18), OW = P_INT(19);
  const i64 cg = C / G, cog = CO / G, total = N * CO * OH * OW;
  const float* x = P_PTR(const float, 0);
  const float* wt = P_PTR(const float, 1);
  const float* bias = P_PTR(const float, 2);
  for (i64 e = blockIdx.x * (i64)blockDim.x + threadIdx.x; e < total; e += (i64)gridDim.x * blockDim.x) {
    const i64 ow = e % OW, oh = (e / OW) % OH, co = (e / (OW * OH)) % CO, n = e / (OW * OH * CO);
    const i64 g = co / cog;
    float acc = bias ? bias[co] : 0.f;
    for (i64 ci = 0; ci < cg; ci++) {
      const float* xp = x + ((n * C + g * cg + ci) * H) * W;
      const float* wp = wt + ((co * cg + ci) * kh) * kw;
      for (i64 i = 0; i < kh; i++) {
        const i64 h = oh * P_INT(12) - P_INT(14) + i * P_INT(16);
        if (h < 0 || h >= H) continue;
        for (i64 j = 0; j < kw; j++) {
          const i64 w = ow * P_INT(13) - P_INT(15) + j * P_INT(17);
          if (w >= 0 && w < W) acc += xp[h * W + w] * wp[i * kw + j];
        }
      }
    }
    P_PTR(float, 3)[e] = acc;
  }
}

// 2-d pooling over x [NC, H, W] into y [NC, OH, OW], one thread per output.
// 0 x, 1 y, 2 NC, 3 H, 4 W, 5 OH, 6 OW, 7 kh, 8 kw, 9 sh, 10 sw, 11 ph, 12 pw, 13 dh, 14 dw,
// 15 mode (0 max, 1 avg, 2 adaptive avg), 16 count_include_pad, 17 divisor (0 = none)
extern "C" __global__ void pool2d(const Args p) {
  const i64 NC = P_INT(2), H = P_INT(3), W = P_INT(4), OH = P_INT(5), OW = P_INT(6);
  const i64 kh = P_INT(7), kw = P_INT(8), sh = P_INT(9), sw = P_INT(10), ph = P_INT(11), pw = P_INT(12);
  const i64 dh = P_INT(13), dw = P_INT(14), mode = P_INT(15), total = NC * OH * OW;
  for (i64 e = blockIdx.x * (i64)blockDim.x + threadIdx.x; e < total; e += (i64)gridDim.x * blockDim.x) {
    const i64 ow = e % OW, oh = (e / OW) % OH, c = e / (OW * OH);
    const float* x = P_PTR(const float, 0) + c * H * W;
    float out;
    if (mode == 2) {
      const i64 h0 = (oh * H) / OH, h1 = ((oh + 1) * H + OH - 1) / OH;
      const i64 w0 = (ow * W) / OW, w1 = ((ow + 1) * W + OW - 1) / OW;
      float s = 0.f;
      for (i64 h = h0; h < h1; h++) for (i64 w = w0; w < w1; w++) s += x[h * W + w];
      out = s / (float)((h1 - h0) * (w1 - w0));
    } else if (mode == 0) {
      float m = -INF_F;
      for (i64 i = 0; i < kh; i++) {
        const i64 h = oh * sh - ph + i * dh;
        if (h < 0 || h >= H) continue;
        for (i64 j = 0; j < kw; j++) {
          const i64 w = ow * sw - pw + j * dw;
          if (w < 0 || w >= W) continue;
          const float v = x[h * W + w];
          if (v > m || v != v) m = v;
        }
      }
      out = m;
    } else {
      const i64 hs = oh * sh - ph, ws = ow * sw - pw;
      const i64 he = min(hs + kh, H + ph), we = min(ws + kw, W + pw);
      const i64 padCount = (he - hs) * (we - ws);
      const i64 h0 = max(hs, (i64)0), w0 = max(ws, (i64)0), h1 = min(he, H), w1 = min(we, W);
      float s = 0.f;
      for (i64 h = h0; h < h1; h++) for (i64 w = w0; w < w1; w++) s += x[h * W + w];
      const i64 div = P_INT(17) ? P_INT(17) : (P_INT(16) ? padCount : (h1 - h0) * (w1 - w0));
      out = s / (float)div;
    }
    P_PTR(float, 1)[e] = out;
  }
}
`;
