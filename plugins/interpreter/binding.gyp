{
  "targets": [
    {
      "target_name": "nativert_interpreter",
      "sources": ["native/addon.cc", "native/addon-kernels.cc", "native/gemm-f32.cc", "native/gemm-f64.cc",
                  "native/parallel.cc", "native/elementwise.cc", "native/norm.cc", "native/attention.cc", "native/conv.cc",
                  "native/fork-check.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions"],
      "cflags_cc": ["-std=c++17", "-O3", "-fexceptions"],
      "ldflags": ["-pthread"]
    }
  ]
}
