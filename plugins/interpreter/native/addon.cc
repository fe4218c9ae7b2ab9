// Node-API surface of the interpreter's native kernels. Operands are typed-array views passed
// without copying; offsets and strides are in elements. Every call checks that each addressed
// element lies inside its array, so a wrong stride from JavaScript raises a RangeError instead of
// reading out of bounds.
#include <napi.h>

#include <string>
#include <vector>

#include "addon-kernels.h"
#include "gemm.h"

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

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("sgemm", Napi::Function::New(env, Sgemm));
  exports.Set("dgemm", Napi::Function::New(env, Dgemm));
  exports.Set("sgemmKernel", Napi::String::New(env, nativert::SgemmKernelName()));
  nativert::RegisterKernels(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(nativert_interpreter, Init)
