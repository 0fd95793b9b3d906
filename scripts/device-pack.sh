#!/usr/bin/env bash
# Packs what the GPU benchmark needs on a bare device machine (no Node, no network) into
# .gpu/ (git-ignored; carry it with the run): Node itself, the node_modules subset the
# benchmark imports, Dawn for linux-x64, Debian's Vulkan/GL loaders and a 10,000-image cut of
# Fashion-MNIST. About 40 MB; the device tool carries at most 64 MiB.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .gpu/gl .gpu/fashion
grep -qx '/.gpu/' .git/info/exclude 2>/dev/null || echo '/.gpu/' >> .git/info/exclude
xz -T2 -9 -c "$(command -v node)" > .gpu/node.xz
xz -T2 -9 -c node_modules/webgpu/dist/linux-x64/dawn.node > .gpu/dawn.node.xz
tar -cf - --exclude='node_modules/webgpu/dist/*' --exclude='*.map' \
  --exclude='node_modules/@tensorflow/*/dist/*.min.js' --exclude='node_modules/@tensorflow/*/dist/*es2017*' \
  --exclude='node_modules/@tensorflow/*/src' \
  node_modules/@tensorflow node_modules/webgpu node_modules/tsx node_modules/esbuild node_modules/@esbuild \
  node_modules/long node_modules/seedrandom \
  node_modules/node-fetch node_modules/whatwg-url node_modules/tr46 node_modules/webidl-conversions \
  node_modules/debug node_modules/ms node_modules/zod node_modules/@webgpu node_modules/papaparse | xz -T2 -6 > .gpu/nm.tar.xz
o='-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64'
mkdir -p /tmp/amd64/partial && apt-get $o update -qq
(cd .gpu/gl && apt-get $o download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
python3 - <<'PY'
import gzip, struct
src, n = '/usr/share/datasets/fashion-mnist/', 10000
d = gzip.open(src + 'train-images-idx3-ubyte.gz').read()
mag, _, r, c = struct.unpack('>IIII', d[:16])
gzip.open('.gpu/fashion/train-images-idx3-ubyte.gz', 'wb').write(struct.pack('>IIII', mag, n, r, c) + d[16:16 + n * r * c])
d = gzip.open(src + 'train-labels-idx1-ubyte.gz').read()
gzip.open('.gpu/fashion/train-labels-idx1-ubyte.gz', 'wb').write(struct.pack('>II', struct.unpack('>I', d[:4])[0], n) + d[8:8 + n])
PY
# The test split whole (10,000 images), so that `layerlab train --dataset fashion-mnist` runs there too.
cp /usr/share/datasets/fashion-mnist/t10k-*.gz .gpu/fashion/
du -sh .gpu
