#!/usr/bin/env bash
# Builds the project and packs what a GPU host without Node or network needs into .gpu/:
#   .gpu/node.xz          this machine's Node binary (xz)
#   .gpu/bundle.tar.xz    built JS of every package, tests/dist, node_modules without dev-only weight
# Then prints the one command to run on the GPU host. Run from anywhere: `npm run test:gpu`.
set -euo pipefail
cd "$(dirname "$0")/../.."
npx tsc -b tsconfig.json
mkdir -p .gpu
if [ ! -s .gpu/node.xz ] || [ "$(command -v node)" -nt .gpu/node.xz ]; then
  xz -T2 -6 -c "$(command -v node)" > .gpu/node.xz
fi
paths=(package.json core/package.json core/dist plugins/interpreter/package.json plugins/interpreter/dist
  plugins/cuda/package.json plugins/cuda/dist sdk/package.json sdk/dist tests/dist .mocharc.json node_modules)
for f in plugins/interpreter/build/Release/*.node; do paths+=("$f"); done
tar -cf - --exclude='node_modules/onnxruntime-node' --exclude='node_modules/typescript' --exclude='node_modules/@types' \
  --exclude='node_modules/node-gyp' --exclude='node_modules/.cache' --exclude='node_modules/@koromix/koffi-linux-x64/musl_x64' \
  --exclude='*.map' --exclude='*.d.ts' "${paths[@]}" | xz -T2 -6 > .gpu/bundle.tar.xz
echo "packed: $(du -h .gpu/node.xz | cut -f1) node.xz, $(du -h .gpu/bundle.tar.xz | cut -f1) bundle.tar.xz"
echo "on the GPU host, from the repository root (carry: .gpu):"
echo "  OUT=\${OUT:-\$PWD/.gpu/out} bash tools/gpu/run-gpu.sh"
