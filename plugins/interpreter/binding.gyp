{
  "variables": {
    "cpu_kernels": "<!(node -p \"require('path').relative(process.cwd(), require('path').join(require.resolve('@nativert/cpu-kernels/package.json'), '../src'))\")"
  },
  "targets": [
    {
      "target_name": "nativert_interpreter",
      "sources": ["native/addon.cc", "native/addon-kernels.cc", "native/parallel.cc", "native/fork-check.cc",
                  "<(cpu_kernels)/gemm-f32.cc", "<(cpu_kernels)/gemm-f64.cc", "<(cpu_kernels)/elementwise.cc",
                  "<(cpu_kernels)/norm.cc", "<(cpu_kernels)/attention.cc", "<(cpu_kernels)/conv.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")", "<(cpu_kernels)"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions"],
      "cflags_cc": ["-std=c++17", "-O3", "-fexceptions"],
      "ldflags": ["-pthread"]
    }
  ]
}
