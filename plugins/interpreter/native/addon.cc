// Node-API surface of the interpreter's native kernels. Operands are typed-array views passed
// without copying; offsets and strides are in elements. Every call checks that each addressed
// element lies inside its array, so a wrong stride from JavaScript raises a RangeError instead of
// reading out of bounds.
#include <napi.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "addon-kernels.h"
#include "gemm.h"
#include "parallel.h"

namespace {

int64_t ToInt(const Napi::Value& v) { return static_cast<int64_t>(v.As<Napi::Number>().DoubleValue()); }

std::vector<int64_t> Offsets(const Napi::Value& v) {
  const Napi::Float64Array arr = v.As<Napi::Float64Array>();
  std::vector<int64_t> out(arr.ElementLength());
  for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<int64_t>(arr[i]);
  return out;
}

// Throws unless every element of a rows x cols operand at each offset lies in [0, length).
void CheckOperand(const Napi::Env& env, const char* name, const std::vector<int64_t>& offs, int64_t rows,
                  int64_t cols, int64_t rs, int64_t cs, size_t length) {
  if (rs < 0 || cs < 0) throw Napi::RangeError::New(env, std::string("gemm: negative stride for ") + name);
  if (rows == 0 || cols == 0) return;
  const int64_t span = (rows - 1) * rs + (cols - 1) * cs;
  for (int64_t off : offs) {
    if (off < 0 || off + span >= static_cast<int64_t>(length)) {
      throw Napi::RangeError::New(env, std::string("gemm: operand ") + name + " reaches element " +
                                           std::to_string(off + span) + " of an array of " + std::to_string(length));
    }
  }
}

// gemm(m, n, k, alpha, a, aOffs, rsa, csa, b, bOffs, rsb, csb, beta, c, cOffs, ldc, threads)
template <typename T, typename Array>
Napi::Value Gemm(const Napi::CallbackInfo& info,
                 void (*run)(const nativert::GemmProblem<T>&, int64_t, const int64_t*, const int64_t*, const int64_t*,
                             int)) {
  const Napi::Env env = info.Env();
  if (info.Length() != 17) throw Napi::TypeError::New(env, "gemm: expected 17 arguments");
  nativert::GemmProblem<T> p{};
  p.m = ToInt(info[0]);
  p.n = ToInt(info[1]);
  p.k = ToInt(info[2]);
  p.alpha = static_cast<T>(info[3].As<Napi::Number>().DoubleValue());
  Array a = info[4].As<Array>(), b = info[8].As<Array>(), c = info[13].As<Array>();
  const std::vector<int64_t> aOff = Offsets(info[5]), bOff = Offsets(info[9]), cOff = Offsets(info[14]);
  p.rsa = ToInt(info[6]);
  p.csa = ToInt(info[7]);
  p.rsb = ToInt(info[10]);
  p.csb = ToInt(info[11]);
  p.beta = static_cast<T>(info[12].As<Napi::Number>().DoubleValue());
  p.ldc = ToInt(info[15]);
  const int threads = static_cast<int>(ToInt(info[16]));
  if (p.m < 0 || p.n < 0 || p.k < 0) throw Napi::RangeError::New(env, "gemm: negative size");
  if (bOff.size() != aOff.size() || cOff.size() != aOff.size()) {
    throw Napi::RangeError::New(env, "gemm: offset arrays of A, B and C differ in length");
  }
  CheckOperand(env, "A", aOff, p.m, p.k, p.rsa, p.csa, a.ElementLength());
  CheckOperand(env, "B", bOff, p.k, p.n, p.rsb, p.csb, b.ElementLength());
  CheckOperand(env, "C", cOff, p.m, p.n, p.ldc, 1, c.ElementLength());
  p.a = a.Data();
  p.b = b.Data();
  p.c = c.Data();
  run(p, static_cast<int64_t>(aOff.size()), aOff.data(), bOff.data(), cOff.data(), threads);
  return env.Undefined();
}

Napi::Value Sgemm(const Napi::CallbackInfo& info) {
  return Gemm<float, Napi::Float32Array>(info, nativert::SgemmBatched);
}

Napi::Value Dgemm(const Napi::CallbackInfo& info) {
  return Gemm<double, Napi::Float64Array>(info, nativert::DgemmBatched);
}

// packWeightsF32(b, bOff, rsb, csb, k, n) -> a 32-byte aligned Float32Array of PackedWeightsSize(k, n)
Napi::Value PackWeights(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  if (info.Length() != 6) throw Napi::TypeError::New(env, "packWeightsF32: expected 6 arguments");
  Napi::Float32Array b = info[0].As<Napi::Float32Array>();
  const int64_t off = ToInt(info[1]), rsb = ToInt(info[2]), csb = ToInt(info[3]), k = ToInt(info[4]), n = ToInt(info[5]);
  if (k < 0 || n < 0) throw Napi::RangeError::New(env, "packWeightsF32: negative size");
  CheckOperand(env, "B", {off}, k, n, rsb, csb, b.ElementLength());
  const int64_t size = std::max<int64_t>(nativert::PackedWeightsSize(k, n), 8);
  float* dst = static_cast<float*>(std::aligned_alloc(32, static_cast<size_t>((size * 4 + 31) / 32 * 32)));
  if (dst == nullptr) throw Napi::Error::New(env, "packWeightsF32: out of memory");
  nativert::PackWeightsF32(b.Data() + off, rsb, csb, k, n, dst);
  Napi::ArrayBuffer buf = Napi::ArrayBuffer::New(env, dst, static_cast<size_t>(size) * 4,
                                                 [](Napi::Env, void* data) { std::free(data); });
  return Napi::Float32Array::New(env, static_cast<size_t>(size), buf, 0);
}

// sgemmPackedF32(m, n, k, a, aOff, rsa, csa, packed, bias | null, biasOff, c, cOff, ldc, act, threads)
Napi::Value SgemmPacked(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  if (info.Length() != 15) throw Napi::TypeError::New(env, "sgemmPackedF32: expected 15 arguments");
  const int64_t m = ToInt(info[0]), n = ToInt(info[1]), k = ToInt(info[2]);
  if (m < 0 || n < 0 || k < 0) throw Napi::RangeError::New(env, "sgemmPackedF32: negative size");
  Napi::Float32Array a = info[3].As<Napi::Float32Array>(), packed = info[7].As<Napi::Float32Array>();
  Napi::Float32Array c = info[10].As<Napi::Float32Array>();
  const int64_t aOff = ToInt(info[4]), rsa = ToInt(info[5]), csa = ToInt(info[6]), cOff = ToInt(info[11]);
  const int64_t ldc = ToInt(info[12]), act = ToInt(info[13]);
  CheckOperand(env, "A", {aOff}, m, k, rsa, csa, a.ElementLength());
  CheckOperand(env, "C", {cOff}, m, n, ldc, 1, c.ElementLength());
  if (static_cast<int64_t>(packed.ElementLength()) < nativert::PackedWeightsSize(k, n) ||
      reinterpret_cast<uintptr_t>(packed.Data()) % 32 != 0) {
    throw Napi::RangeError::New(env, "sgemmPackedF32: packed weights are not a packWeightsF32 result for this k and n");
  }
  const float* bias = nullptr;
  if (!info[8].IsNull()) {
    Napi::Float32Array b = info[8].As<Napi::Float32Array>();
    const int64_t bOff = ToInt(info[9]);
    CheckOperand(env, "bias", {bOff}, 1, n, 0, 1, b.ElementLength());
    bias = b.Data() + bOff;
  }
  if (act < 0 || act > static_cast<int64_t>(nativert::Unary::kRelu6)) throw Napi::RangeError::New(env, "sgemmPackedF32: unknown activation");
  nativert::SgemmPacked(m, n, k, a.Data() + aOff, rsa, csa, packed.Data(), bias, c.Data() + cOff, ldc,
                        static_cast<nativert::Unary>(act), static_cast<int>(ToInt(info[14])));
  return env.Undefined();
}

// poolForkCheck(parts, timeoutMs) -> ForkCheck's code (0 = the pool works across fork)
Napi::Value PoolForkCheck(const Napi::CallbackInfo& info) {
  const int parts = static_cast<int>(ToInt(info[0])), timeoutMs = static_cast<int>(ToInt(info[1]));
  return Napi::Number::New(info.Env(), nativert::ForkCheck(parts, timeoutMs));
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("sgemm", Napi::Function::New(env, Sgemm));
  exports.Set("dgemm", Napi::Function::New(env, Dgemm));
  exports.Set("packWeightsF32", Napi::Function::New(env, PackWeights));
  exports.Set("sgemmPackedF32", Napi::Function::New(env, SgemmPacked));
  exports.Set("poolForkCheck", Napi::Function::New(env, PoolForkCheck));
  exports.Set("sgemmKernel", Napi::String::New(env, nativert::SgemmKernelName()));
  nativert::RegisterKernels(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(nativert_interpreter, Init)
