#!/usr/bin/env bash
# Builds the project and packs what a GPU host without Node or network needs into .gpu/:
#   .gpu/node.xz          this machine's Node binary (xz)
#   .gpu/bundle.tar.xz    built JS of every package, the AOTI shim, tests/dist, node_modules without dev-only weight
#   .gpu/corpus/torch-2.11/*.aoti_cuda.pt2 (+ io, manifests) copied from the shared corpus
# Then prints the one command to run on the GPU host. Run from anywhere: `npm run test:gpu`.
set -euo pipefail
cd "$(dirname "$0")/../.."
npx tsc -b tsconfig.json
# The AOTI shim and its libtorch stubs, built here (the GPU host has no Node to build them with).
npm run --silent build:native -w @nativert/aoti
mkdir -p .gpu
# The AOTInductor CUDA packages with their io files and manifests (about 10 MB), for the AOTI-CUDA step.
for src in ../shared/corpus/torch-2.11 /work/shared/corpus/torch-2.11; do
  [ -d "$src" ] || continue
  mkdir -p .gpu/corpus/torch-2.11
  for pkg in "$src"/*.aoti_cuda.pt2; do
    name="$(basename "$pkg" .aoti_cuda.pt2)"
    cp -f "$pkg" "$src/$name.io.safetensors" "$src/$name.json" .gpu/corpus/torch-2.11/
  done
  break
done
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
