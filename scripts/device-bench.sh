#!/usr/bin/env bash
# Runs on a lent NVIDIA machine (device tool, carry [".gpu"] made by scripts/device-pack.sh):
# unpacks Node, node_modules, Dawn and the Vulkan loader, lists the backend ladder, then
# benchmarks webgpu against PyTorch CUDA. Results go to $OUT. Three pairs of measurements of
# at least 5 s per network (BENCH_PAIRS, BENCH_MIN_SECONDS): a few minutes, not yet timed on a
# device (about 40 s with one 50-batch measurement per side, before the pairs).
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT="${OUT:-/tmp/gpu-out}"; mkdir -p "$OUT"
T0=$(date +%s)
mkdir -p /tmp/gpubin
command -v node >/dev/null 2>&1 || { xz -dc .gpu/node.xz > /tmp/gpubin/node && chmod +x /tmp/gpubin/node; }
printf '#!/bin/sh\n[ "$1" = tsx ] && shift\nexec node %s/node_modules/tsx/dist/cli.mjs "$@"\n' "$ROOT" > /tmp/gpubin/npx; chmod +x /tmp/gpubin/npx
export PATH=/tmp/gpubin:$PATH
[ -d node_modules/@tensorflow/tfjs-core ] || tar -xJf .gpu/nm.tar.xz
mkdir -p node_modules/webgpu/dist/linux-x64
[ -f node_modules/webgpu/dist/linux-x64/dawn.node ] || xz -dc .gpu/dawn.node.xz > node_modules/webgpu/dist/linux-x64/dawn.node
if [ "$(id -u)" = 0 ] && ! ldconfig -p | grep -q libvulkan; then for f in .gpu/gl/*.deb; do dpkg -x "$f" /; done; ldconfig; fi
if [ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ]; then
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  export __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
fi
echo "setup took $(( $(date +%s) - T0 )) s; node $(node --version)"
ls /usr/local/nvidia/share/vulkan/icd.d /usr/share/vulkan/icd.d /etc/vulkan/icd.d 2>&1 | head
DATA="$ROOT/.gpu/fashion"
timeout 60 node node_modules/tsx/dist/cli.mjs engine/bench/list.ts > "$OUT/backends.json" 2> "$OUT/backends.stderr.txt"
echo "backends: $(cat "$OUT/backends.json")"; tail -5 "$OUT/backends.stderr.txt"
PEER=""
for py in python3 /usr/bin/python3; do
  if timeout 60 "$py" -c 'import torch,sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then PEER=$(command -v "$py"); break; fi
done
echo "peer python: ${PEER:-none}"
BACKEND=${BENCH_BACKEND:-webgpu}
ARGS=(--backend "$BACKEND" --pairs "${BENCH_PAIRS:-3}" --min-seconds "${BENCH_MIN_SECONDS:-5}" --batches "${BENCH_BATCHES:-50}" --warmup 5 --max-seconds "${BENCH_MAX_SECONDS:-40}" --data "$DATA" --json)
[ -n "$PEER" ] && ARGS+=(--peer --peer-device "${PEER_DEVICE:-cuda}")
LAYERLAB_PEER_PYTHON="$PEER" timeout "${BENCH_TIMEOUT:-300}" node node_modules/tsx/dist/cli.mjs engine/bench/main.ts "${ARGS[@]}" > "$OUT/bench.jsonl" 2> "$OUT/bench.stderr.txt"
echo "bench exit $?"; tail -3 "$OUT/bench.jsonl"; tail -15 "$OUT/bench.stderr.txt"
echo "total $(( $(date +%s) - T0 )) s"
