// CUDA tensors in the shim: copies between host and device views, and host mirrors, which let
// the shim's CPU kernels serve a CUDA op (copy the inputs down, run, copy the result up).
#pragma once

#include <cstdint>

#include "shim-tensor.h"

/** True when `t`'s storage is CUDA device memory. */
inline bool ShimIsCuda(const ShimTensor& t) { return t.storage->device_type == kDevCUDA; }

/** Bytes from `t`'s data pointer to the end of the last element it views. */
int64_t ShimSpanBytes(const ShimTensor& t);

/**
 * A new host tensor with `t`'s sizes, strides and dtype holding a copy of the bytes `t` spans
 * (a CUDA or CPU tensor). The caller releases it.
 */
ShimTensor* ShimHostMirror(const ShimTensor& t);

/** Copies `host` (a mirror of `dev`: same sizes and strides) back over the bytes `dev` spans. */
void ShimWriteBack(const ShimTensor& host, const ShimTensor& dev);

/** A new CUDA tensor on `device_index` with `host`'s sizes, strides and dtype, holding its bytes. */
ShimTensor* ShimDeviceCopyOf(const ShimTensor& host, int32_t device_index);

/** ShimCopyInto where either tensor is on a CUDA device: one copy when layouts agree, else through the host. */
void ShimCopyIntoCuda(const ShimTensor& dst, const ShimTensor& src);

/**
 * Host mirrors of some tensors for the length of a scope: each CUDA (or CPU) tensor added gets a
 * host copy, released with the scope. Null tensors (absent optional arguments) stay null.
 */
class ShimMirrors {
 public:
  ShimMirrors() = default;
  ShimMirrors(const ShimMirrors&) = delete;
  ShimMirrors& operator=(const ShimMirrors&) = delete;
  ~ShimMirrors() {
    for (ShimTensor* t : mirrors_) ShimRelease(t);
  }
  /** A host copy of `t`, or null when `t` is null. */
  ShimTensor* Add(const ShimTensor* t) {
    if (t == nullptr) return nullptr;
    mirrors_.push_back(ShimHostMirror(*t));
    return mirrors_.back();
  }
  /** Keeps `t` (a host tensor the caller made) until the scope ends. */
  ShimTensor* Own(ShimTensor* t) {
    if (t != nullptr) mirrors_.push_back(t);
    return t;
  }

 private:
  std::vector<ShimTensor*> mirrors_;
};

/** Throws with the shim's last error when a host fallback op returned a failure code. */
void ShimCheckHostOp(int32_t rc, const char* what);
