#!/usr/bin/env bash
# Builds the project and packs what a GPU host without Node or network needs into .gpu/:
#   .gpu/node.xz          this machine's Node binary (xz)
#   .gpu/bundle.tar.xz    built JS of every package, the AOTI shim, tests/dist, node_modules without dev-only weight
#   .gpu/corpus, .gpu/b32, .gpu/gen   archives for the conformance, AOTI-CUDA and bench steps (below)
# Then prints the one command to run on the GPU host. Run from anywhere: `npm run test:gpu`.
set -euo pipefail
cd "$(dirname "$0")/../.."
npx tsc -b tsconfig.json
# The AOTI shim and its libtorch stubs, built here (the GPU host has no Node to build them with).
npm run --silent build:native -w @nativert/aoti
# What the GPU host reads from the shared corpus, in .gpu/ (the carry limit is 64 MiB, Node takes 24):
#   NRT_GPU_CORPUS (default torch-2.11): corpus folders whose archives, io files and manifests go
#     to .gpu/corpus/ for the conformance step (torch-2.13 alone is about 30 MiB: carry it alone);
#     torch-2.11 brings its AOTInductor CUDA packages (about 10 MB) for the AOTI-CUDA step.
#   NRT_GPU_B32 (optional): a folder of batch-32 twins made by b32_cases.py; archives under 5 MB
#     and their manifests go to .gpu/b32/ (the GPU host exports the others itself).
# The generator goes too, so the host can export what is not carried.
rm -rf .gpu/corpus .gpu/b32 .gpu/gen
mkdir -p .gpu/gen
for src in ../shared/corpus /work/shared/corpus; do
  [ -d "$src" ] || continue
  cp -f "$src/gen/gen_corpus.py" .gpu/gen/
  for v in ${NRT_GPU_CORPUS:-torch-2.11}; do
    mkdir -p ".gpu/corpus/$v"
    find "$src/$v" -maxdepth 1 \( -name '*.io.safetensors' -o -name '*.json' -o -name '*.pt2' \) \
      ! -name '*.aoti_cpu.pt2' ! -name '*.nativert_aoti.pt2' -exec cp -f {} ".gpu/corpus/$v/" \;
  done
  break
done
if [ -n "${NRT_GPU_B32:-}" ]; then
  mkdir -p .gpu/b32
  for pkg in "$NRT_GPU_B32"/*_b32.pt2; do
    [ -f "$pkg" ] && [ "$(stat -c %s "$pkg")" -lt 5000000 ] && cp -f "$pkg" "${pkg%.pt2}.json" .gpu/b32/
  done
fi
if [ ! -s .gpu/node.xz ] || [ "$(command -v node)" -nt .gpu/node.xz ]; then
  xz -T2 -6 -c "$(command -v node)" > .gpu/node.xz
fi
paths=(package.json core/package.json core/dist plugins/interpreter/package.json plugins/interpreter/dist
  plugins/cuda/package.json plugins/cuda/dist plugins/aoti/package.json plugins/aoti/dist plugins/aoti/build/shim
  sdk/package.json sdk/dist tests/dist .mocharc.json node_modules)
for f in plugins/interpreter/build/Release/*.node; do paths+=("$f"); done
tar -cf - --exclude='node_modules/onnxruntime-node' --exclude='node_modules/typescript' --exclude='node_modules/@types' \
  --exclude='node_modules/node-gyp' --exclude='node_modules/.cache' --exclude='node_modules/@koromix/koffi-linux-x64/musl_x64' \
  --exclude='*.map' --exclude='*.d.ts' "${paths[@]}" | xz -T2 -6 > .gpu/bundle.tar.xz
echo "packed: $(du -h .gpu/node.xz | cut -f1) node.xz, $(du -h .gpu/bundle.tar.xz | cut -f1) bundle.tar.xz; .gpu holds $(du -sh .gpu | cut -f1) (the carry limit is 64 MiB)"
echo "on the GPU host, from the repository root (carry: .gpu):"
echo "  OUT=\${OUT:-\$PWD/.gpu/out} bash tools/gpu/run-gpu.sh"
