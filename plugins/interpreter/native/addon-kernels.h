// Registration of the float32 kernel bindings (addon-kernels.cc) on the addon's exports.
#pragma once

#include <napi.h>

namespace nativert {

/** Adds unaryF32, binaryF32, layerNormF32, softmaxF32, attentionF32, conv2dF32 and maxPool2dF32 to `exports`. */
void RegisterKernels(Napi::Env env, Napi::Object exports);

}  // namespace nativert
