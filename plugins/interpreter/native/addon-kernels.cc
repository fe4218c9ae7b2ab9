// Node-API surface of the float32 kernels in kernels.h. Operands are typed arrays borrowed for the
// call; every call checks that each addressed element lies inside its array and throws RangeError
// otherwise, so a wrong shape or stride from JavaScript cannot read or write out of bounds
// (convolution and pooling windows clip every tap to the input, whatever the padding).
#include <napi.h>

#include <string>
#include <vector>

#include "addon-kernels.h"
#include "kernels.h"

namespace nativert {
namespace {

int64_t Int(const Napi::Value& v) { return static_cast<int64_t>(v.As<Napi::Number>().DoubleValue()); }

std::vector<int64_t> Ints(const Napi::Value& v) {
  const Napi::Float64Array arr = v.As<Napi::Float64Array>();
  std::vector<int64_t> out(arr.ElementLength());
  for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<int64_t>(arr[i]);
  return out;
}

[[noreturn]] void Fail(const Napi::Env& env, const char* fn, const std::string& what) {
  throw Napi::RangeError::New(env, std::string(fn) + ": " + what);
}

// Throws unless [off, off + count) lies inside an array of `length` elements.
void CheckSpan(const Napi::Env& env, const char* fn, const char* name, int64_t off, int64_t count, size_t length) {
  if (count <= 0) return;
  if (off < 0 || off + count > static_cast<int64_t>(length)) {
    Fail(env, fn, std::string("operand ") + name + " needs elements [" + std::to_string(off) + ", " +
                      std::to_string(off + count) + ") of an array of " + std::to_string(length));
  }
}

// Throws unless every element of a strided block (sizes/strides, strides >= 0) at `off` is inside.
void CheckStrided(const Napi::Env& env, const char* fn, const char* name, int64_t off, const int64_t* sizes,
                  const int64_t* strides, int rank, size_t length) {
  int64_t reach = 0;
  for (int d = 0; d < rank; ++d) {
    if (sizes[d] == 0) return;
    if (strides[d] < 0) Fail(env, fn, std::string("negative stride for ") + name);
    reach += (sizes[d] - 1) * strides[d];
  }
  CheckSpan(env, fn, name, off, reach + 1, length);
}

float* F32(const Napi::Value& v, size_t* length) {
  Napi::Float32Array a = v.As<Napi::Float32Array>();
  *length = a.ElementLength();
  return a.Data();
}

Unary UnaryOp(const Napi::Env& env, const char* fn, int64_t code) {
  if (code < 0 || code > static_cast<int64_t>(Unary::kRelu6)) Fail(env, fn, "unknown unary op " + std::to_string(code));
  return static_cast<Unary>(code);
}

// unaryF32(op, x, xOff, y, yOff, n, threads)
Napi::Value UnaryBinding(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  size_t xl, yl;
  const Unary op = UnaryOp(env, "unaryF32", Int(info[0]));
  float* x = F32(info[1], &xl);
  float* y = F32(info[3], &yl);
  const int64_t xo = Int(info[2]), yo = Int(info[4]), n = Int(info[5]);
  CheckSpan(env, "unaryF32", "x", xo, n, xl);
  CheckSpan(env, "unaryF32", "y", yo, n, yl);
  UnaryF32(op, x + xo, y + yo, n, static_cast<int>(Int(info[6])));
  return env.Undefined();
}

// binaryF32(op, alpha, shape, a, aOff, aStrides, b, bOff, bStrides, out, outOff, threads)
Napi::Value BinaryBinding(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const int64_t code = Int(info[0]);
  if (code < 0 || code > static_cast<int64_t>(Binary::kFirst)) Fail(env, "binaryF32", "unknown binary op");
  const std::vector<int64_t> shape = Ints(info[2]), sa = Ints(info[5]), sb = Ints(info[8]);
  const int rank = static_cast<int>(shape.size());
  if (rank > 12 || sa.size() != shape.size() || sb.size() != shape.size()) Fail(env, "binaryF32", "bad rank or strides");
  size_t al, bl, ol;
  float* a = F32(info[3], &al);
  float* b = F32(info[6], &bl);
  float* out = F32(info[9], &ol);
  const int64_t ao = Int(info[4]), bo = Int(info[7]), oo = Int(info[10]);
  int64_t numel = 1;
  for (int64_t d : shape) numel *= d;
  if (numel == 0) return env.Undefined();
  CheckStrided(env, "binaryF32", "a", ao, shape.data(), sa.data(), rank, al);
  CheckStrided(env, "binaryF32", "b", bo, shape.data(), sb.data(), rank, bl);
  CheckSpan(env, "binaryF32", "out", oo, numel, ol);
  BinaryF32(static_cast<Binary>(code), static_cast<float>(info[1].As<Napi::Number>().DoubleValue()), rank, shape.data(),
            a + ao, sa.data(), b + bo, sb.data(), out + oo, static_cast<int>(Int(info[11])));
  return env.Undefined();
}

// layerNormF32(x, xOff, w | null, wOff, b | null, bOff, y, rows, cols, eps, threads)
Napi::Value LayerNormBinding(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const int64_t rows = Int(info[7]), cols = Int(info[8]);
  size_t xl, yl, wl = 0, bl = 0;
  float* x = F32(info[0], &xl);
  float* y = F32(info[6], &yl);
  const int64_t xo = Int(info[1]);
  CheckSpan(env, "layerNormF32", "x", xo, rows * cols, xl);
  CheckSpan(env, "layerNormF32", "y", 0, rows * cols, yl);
  const float* w = nullptr;
  const float* b = nullptr;
  if (!info[2].IsNull()) {
    w = F32(info[2], &wl) + Int(info[3]);
    CheckSpan(env, "layerNormF32", "weight", Int(info[3]), cols, wl);
  }
  if (!info[4].IsNull()) {
    b = F32(info[4], &bl) + Int(info[5]);
    CheckSpan(env, "layerNormF32", "bias", Int(info[5]), cols, bl);
  }
  LayerNormF32(x + xo, w, b, y, rows, cols, static_cast<float>(info[9].As<Napi::Number>().DoubleValue()),
               static_cast<int>(Int(info[10])));
  return env.Undefined();
}

// softmaxF32(x, xOff, y, rows, cols, log, threads)
Napi::Value SoftmaxBinding(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  size_t xl, yl;
  float* x = F32(info[0], &xl);
  float* y = F32(info[2], &yl);
  const int64_t xo = Int(info[1]), rows = Int(info[3]), cols = Int(info[4]);
  CheckSpan(env, "softmaxF32", "x", xo, rows * cols, xl);
  CheckSpan(env, "softmaxF32", "y", 0, rows * cols, yl);
  SoftmaxF32(x + xo, y, rows, cols, info[5].As<Napi::Boolean>().Value(), static_cast<int>(Int(info[6])));
  return env.Undefined();
}

// attentionF32(dims [l, s, e, ev], scale, causal, q, qOffs, rsq, csq, k, kOffs, rsk, csk, v, vOffs, rsv, csv,
//              mask | null, mOffs | null, rsm, csm, o, oOffs, threads)
Napi::Value AttentionBinding(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const char* fn = "attentionF32";
  const std::vector<int64_t> dims = Ints(info[0]);
  if (dims.size() != 4) Fail(env, fn, "dims must be [l, s, e, ev]");
  AttentionProblem p{};
  p.l = dims[0], p.s = dims[1], p.e = dims[2], p.ev = dims[3];
  p.scale = static_cast<float>(info[1].As<Napi::Number>().DoubleValue());
  p.causal = info[2].As<Napi::Boolean>().Value();
  size_t ql, kl, vl, ol, ml = 0;
  p.q = F32(info[3], &ql);
  p.k = F32(info[7], &kl);
  p.v = F32(info[11], &vl);
  p.o = F32(info[19], &ol);
  p.rso = p.ev;
  const std::vector<int64_t> qo = Ints(info[4]), ko = Ints(info[8]), vo = Ints(info[12]), oo = Ints(info[20]);
  p.rsq = Int(info[5]), p.csq = Int(info[6]), p.rsk = Int(info[9]), p.csk = Int(info[10]);
  p.rsv = Int(info[13]), p.csv = Int(info[14]), p.rsm = Int(info[17]), p.csm = Int(info[18]);
  const size_t batch = qo.size();
  if (ko.size() != batch || vo.size() != batch || oo.size() != batch) Fail(env, fn, "offset arrays differ in length");
  std::vector<int64_t> mo;
  if (!info[15].IsNull()) {
    mo = Ints(info[16]);
    if (mo.size() != batch) Fail(env, fn, "mask offsets differ in length");
    if (info[15].IsTypedArray() && info[15].As<Napi::TypedArray>().TypedArrayType() == napi_uint8_array) {
      Napi::Uint8Array m = info[15].As<Napi::Uint8Array>();
      p.maskB = m.Data();
      ml = m.ElementLength();
    } else {
      p.maskF = F32(info[15], &ml);
    }
  }
  const int64_t qs[2] = {p.l, p.e}, qst[2] = {p.rsq, p.csq}, ks[2] = {p.s, p.e}, kst[2] = {p.rsk, p.csk};
  const int64_t vs[2] = {p.s, p.ev}, vst[2] = {p.rsv, p.csv}, ms[2] = {p.l, p.s}, mst[2] = {p.rsm, p.csm};
  for (size_t i = 0; i < batch; ++i) {
    CheckStrided(env, fn, "query", qo[i], qs, qst, 2, ql);
    CheckStrided(env, fn, "key", ko[i], ks, kst, 2, kl);
    CheckStrided(env, fn, "value", vo[i], vs, vst, 2, vl);
    CheckSpan(env, fn, "out", oo[i], p.l * p.ev, ol);
    if (!mo.empty()) CheckStrided(env, fn, "mask", mo[i], ms, mst, 2, ml);
  }
  AttentionF32(p, static_cast<int64_t>(batch), qo.data(), ko.data(), vo.data(), mo.empty() ? nullptr : mo.data(),
               oo.data(), nullptr, static_cast<int>(Int(info[21])));
  return env.Undefined();
}

// conv2dF32(x, xOff, dims [n, cin, h, w, cout, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw, groups], w, wOff,
//           bias | null, bOff, y, act, threads)
Napi::Value Conv2dBinding(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const char* fn = "conv2dF32";
  const std::vector<int64_t> d = Ints(info[2]);
  if (d.size() != 16) Fail(env, fn, "dims must have 16 entries");
  Conv2dProblem p{};
  p.n = d[0], p.cin = d[1], p.h = d[2], p.w = d[3], p.cout = d[4], p.kh = d[5], p.kw = d[6], p.oh = d[7], p.ow = d[8];
  p.sh = d[9], p.sw = d[10], p.ph = d[11], p.pw = d[12], p.dh = d[13], p.dw = d[14], p.groups = d[15];
  for (int64_t v : d) if (v < 0) Fail(env, fn, "negative dimension");
  if (p.groups < 1 || p.cin % p.groups || p.cout % p.groups || p.sh < 1 || p.sw < 1 || p.dh < 1 || p.dw < 1) {
    Fail(env, fn, "bad groups, stride or dilation");
  }
  size_t xl, wl, yl, bl = 0;
  const float* x = F32(info[0], &xl);
  const float* w = F32(info[3], &wl);
  float* y = F32(info[7], &yl);
  const int64_t xo = Int(info[1]), wo = Int(info[4]);
  CheckSpan(env, fn, "input", xo, p.n * p.cin * p.h * p.w, xl);
  CheckSpan(env, fn, "weight", wo, p.cout * (p.cin / p.groups) * p.kh * p.kw, wl);
  CheckSpan(env, fn, "out", 0, p.n * p.cout * p.oh * p.ow, yl);
  p.x = x + xo;
  p.weight = w + wo;
  p.y = y;
  if (!info[5].IsNull()) {
    p.bias = F32(info[5], &bl) + Int(info[6]);
    CheckSpan(env, fn, "bias", Int(info[6]), p.cout, bl);
  }
  p.act = UnaryOp(env, fn, Int(info[8]));
  Conv2dF32(p, static_cast<int>(Int(info[9])));
  return env.Undefined();
}

// maxPool2dF32(x, xOff, y, dims [planes, h, w, oh, ow, kh, kw, sh, sw, ph, pw, dh, dw], threads)
Napi::Value MaxPoolBinding(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const char* fn = "maxPool2dF32";
  const std::vector<int64_t> d = Ints(info[3]);
  if (d.size() != 13) Fail(env, fn, "dims must have 13 entries");
  for (int64_t v : d) if (v < 0) Fail(env, fn, "negative dimension");
  if (d[7] < 1 || d[8] < 1 || d[11] < 1 || d[12] < 1) Fail(env, fn, "bad stride or dilation");
  size_t xl, yl;
  const float* x = F32(info[0], &xl);
  float* y = F32(info[2], &yl);
  const int64_t xo = Int(info[1]);
  CheckSpan(env, fn, "input", xo, d[0] * d[1] * d[2], xl);
  CheckSpan(env, fn, "out", 0, d[0] * d[3] * d[4], yl);
  MaxPool2dF32(x + xo, y, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12],
               static_cast<int>(Int(info[4])));
  return env.Undefined();
}

}  // namespace

void RegisterKernels(Napi::Env env, Napi::Object exports) {
  exports.Set("unaryF32", Napi::Function::New(env, UnaryBinding));
  exports.Set("binaryF32", Napi::Function::New(env, BinaryBinding));
  exports.Set("layerNormF32", Napi::Function::New(env, LayerNormBinding));
  exports.Set("softmaxF32", Napi::Function::New(env, SoftmaxBinding));
  exports.Set("attentionF32", Napi::Function::New(env, AttentionBinding));
  exports.Set("conv2dF32", Napi::Function::New(env, Conv2dBinding));
  exports.Set("maxPool2dF32", Napi::Function::New(env, MaxPoolBinding));
}

}  // namespace nativert
