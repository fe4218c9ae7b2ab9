#!/usr/bin/env bash
# The whole GPU session in one command, run from the repository root on the GPU host (no Node, no
# network): unpack Node and the built bundle (.gpu/, made by tools/gpu/pack-gpu.sh), find the CUDA
# libraries, probe the cuda plugin, run the GPU tests, the conformance corpus on cuda+interpreter,
# and the benchmark against PyTorch eager CUDA. Every step logs to $OUT; a failed step does not
# stop the later ones. Each step has its own time limit so the whole run fits NRT_GPU_BUDGET_S (560 s).
set -u
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
OUT="${OUT:-$ROOT/.gpu/out}"
mkdir -p "$OUT"
exec > >(tee "$OUT/run-gpu.log") 2>&1
T0=$(date +%s)
step() { echo; echo "=== [$(( $(date +%s) - T0 ))s] $*"; }
PY="${PYTHON:-python3}"
# Seconds the whole run may take (the caller's limit, minus a margin); steps are cut to fit.
BUDGET="${NRT_GPU_BUDGET_S:-560}"
# NRT_GPU_STEPS: a comma list of the steps to run (probe, conformance, gpu-tests, aoti-cuda, bench);
# the host, bundle and library steps always run. Default: all.
want() { [ -z "${NRT_GPU_STEPS:-}" ] || [[ ",$NRT_GPU_STEPS," == *",$1,"* ]]; }

step "host"
date -u; uname -a
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1 | head -5
$PY -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no gpu")' 2>&1
ldconfig -p 2>/dev/null | grep -E 'libcuda\.so|libnvrtc|libcublas' | head -20

step "node and bundle"
NODE_DIR="$(mktemp -d /tmp/nrt-node.XXXX)"
xz -dc .gpu/node.xz > "$NODE_DIR/node" && chmod +x "$NODE_DIR/node"
export PATH="$NODE_DIR:$PATH"
node --version
tar -xJf .gpu/bundle.tar.xz -C "$ROOT" && echo "bundle unpacked: $(ls -d core/dist plugins/*/dist 2>/dev/null | tr '\n' ' ')"

step "CUDA libraries"
# The PyTorch environment's nvidia/*/lib folders (cuBLAS, NVRTC), the linker's folders for libcuda.
PYLIBS="$($PY - <<'PYEOF' 2>/dev/null
import glob, os, site, sys
roots = set(site.getsitepackages() + [site.getusersitepackages()])
try:
    import nvidia
    roots.update(os.path.dirname(p) for p in nvidia.__path__)
except Exception:
    pass
dirs = []
for r in sorted(roots):
    dirs += sorted(glob.glob(os.path.join(r, "nvidia", "*", "lib")))
try:
    import torch
    dirs.append(os.path.join(os.path.dirname(torch.__file__), "lib"))
except Exception:
    pass
print(":".join(d for d in dict.fromkeys(dirs) if os.path.isdir(d)))
PYEOF
)"
export NATIVERT_CUDA_LIB_DIR="${NATIVERT_CUDA_LIB_DIR:+$NATIVERT_CUDA_LIB_DIR:}$PYLIBS"
# NVRTC dlopens its builtins library by soname: let the loader find it beside libnvrtc.
export LD_LIBRARY_PATH="${NATIVERT_CUDA_LIB_DIR}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# Outside $OUT: at most 8 files come back from it.
export NATIVERT_CUDA_CACHE=/tmp/nrt-kernel-cache
echo "NATIVERT_CUDA_LIB_DIR=$NATIVERT_CUDA_LIB_DIR"
for d in ${NATIVERT_CUDA_LIB_DIR//:/ }; do ls "$d" 2>/dev/null | grep -E 'nvrtc|cublas' | sed "s|^|  $d/|"; done

if want probe; then
step "cuda plugin probe"
timeout 60 node tools/gpu/probe-cuda.mjs
fi

CORPUS=""
for c in shared/corpus .gpu/corpus ../shared/corpus /work/shared/corpus; do { [ -d "$c/torch-2.11" ] || [ -d "$c/torch-2.13" ]; } && CORPUS="$c" && break; done
echo "corpus: ${CORPUS:-NOT FOUND (looked in shared/corpus, .gpu/corpus, ../shared/corpus, /work/shared/corpus)}"

if want conformance; then
step "conformance: --delegates cuda,interpreter"
fi
if want conformance && [ -n "$CORPUS" ]; then
  dirs=()
  for v in torch-2.13 torch-2.11; do [ -d "$CORPUS/$v" ] && dirs+=("$CORPUS/$v"); done
  left=$(( BUDGET - 450 - ($(date +%s) - T0) ))
  timeout "$(( left > 30 ? left : 30 ))" node core/dist/cli/main.js conformance "${dirs[@]}" --ir both --delegates cuda,interpreter \
    --json "$OUT/cuda-conformance.json" > "$OUT/conformance.log" 2>&1
  echo "conformance exit $? (124 = cut by the time limit; the log has every case finished)"
  grep -E '^(FAIL|ERROR)' "$OUT/conformance.log" | head -40
  tail -1 "$OUT/conformance.log"
  echo "cases with nodes on cuda: $(grep -c 'cuda:[1-9]' "$OUT/conformance.log")"
fi

if want gpu-tests; then
step "GPU tests (mocha tests/dist/cuda)"
timeout 90 node node_modules/mocha/bin/mocha.js --no-config --timeout 60000 tests/dist/cuda/*.test.js 2>&1 | tee "$OUT/gpu-tests.log" | tail -60
fi

if want aoti-cuda; then
step "AOTI CUDA packages (mocha tests/dist/aoti/aoti-cuda.test.js): the aoti shim, no libtorch"
for pkg in "${CORPUS:-.gpu/corpus}"/torch-2.11/*.aoti_cuda.pt2; do [ -f "$pkg" ] && echo "  $pkg"; done
echo "CPU ISA flags: $(grep -o -w -E 'avx2|avx512f|avx512_vnni|amx_tile' /proc/cpuinfo | sort -u | tr '\n' ' ')"
for d in ${NATIVERT_CUDA_LIB_DIR//:/ } /usr/local/cuda/lib64; do ls "$d" 2>/dev/null | grep -E '^libcudart\.so' | sed "s|^|  $d/|"; done
timeout 120 node node_modules/mocha/bin/mocha.js --no-config --timeout 60000 tests/dist/aoti/aoti-cuda.test.js 2>&1 | tee "$OUT/aoti-cuda-tests.log" | tail -60
fi

if want bench; then
step "exports for the benchmark: batch-32 twins and models not carried, made with this host's PyTorch"
fi
EXPORTS=/tmp/nrt-exports
if want bench && [ -n "$CORPUS" ]; then
  mkdir -p "$EXPORTS"
  GEN=""
  for g in shared/corpus/gen ../shared/corpus/gen .gpu/gen; do [ -f "$g/gen_corpus.py" ] && GEN="$g/gen_corpus.py" && break; done
  # A model whose archive (or `_b32` twin) is in no carried folder is exported here.
  cases="$($PY - "$CORPUS" .gpu/b32 <<'PYEOF'
import json, os, sys
corpus, b32 = sys.argv[1], sys.argv[2]
dirs = [os.path.join(corpus, "torch-2.11"), os.path.join(corpus, "torch-2.13"), b32]
have = lambda n: any(os.path.exists(os.path.join(d, n + ".pt2")) for d in dirs)
models = json.load(open("tools/gpu/bench-models.json"))["models"]
print(",".join([m for m in models if not have(m)] + [m + "_b32" for m in models if m != "dynamic_batch" and not have(m + "_b32")]))
PYEOF
)"
  echo "to export: ${cases:-nothing}; generator: ${GEN:-NOT FOUND}"
  $PY -c 'import torchvision, transformers; print("torchvision", torchvision.__version__, "transformers", transformers.__version__)' 2>&1 | tail -1
  if [ -n "$cases" ] && [ -n "$GEN" ]; then
    timeout 240 $PY "$GEN" --extra tools/gpu/b32_cases.py --out "$EXPORTS" --cases "$cases" 2>&1 | tail -20
  fi
  ls -la "$EXPORTS" | grep -E '\.pt2$'
fi

if want bench; then
step "benchmark: nativert cuda vs PyTorch eager CUDA, batch 1 and 32"
fi
if want bench && [ -n "$CORPUS" ]; then
  timeout 200 $PY tools/gpu/bench_torch.py "$CORPUS" "$OUT/bench-torch.json" .gpu/b32 "$EXPORTS" 2>&1 | tail -30
  timeout 240 node tools/gpu/bench-cuda.mjs "$CORPUS" "$OUT/bench-nativert.json" .gpu/b32 "$EXPORTS" 2>&1 | tail -30
  node tools/gpu/bench-table.mjs "$OUT/bench-torch.json" "$OUT/bench-nativert.json" "$OUT/bench.md" && cat "$OUT/bench.md"
fi

step "done in $(( $(date +%s) - T0 ))s; logs in $OUT"
ls -la "$OUT"
