#!/usr/bin/env bash
# GPU check for issue 5, run once by the lead on a lent NVIDIA machine (a copy of the working
# tree with node_modules carried, no network). It checks that the webgpu backend finds an
# adapter through Dawn/Vulkan, benchmarks the lecture's networks on webgpu, and PyTorch CUDA
# when a python with CUDA torch is there. Everything lands under $OUT; about 5 minutes at most.
#   usage: OUT=/some/dir bash scripts/gpu-check.sh
set -u
cd "$(dirname "$0")/.."
OUT="${OUT:-$PWD/gpu-check-out}"
mkdir -p "$OUT"
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$OUT/summary.txt"; }

log "machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
{ nvidia-smi 2>&1 || echo "nvidia-smi: not found"; } > "$OUT/nvidia-smi.txt"
log "gpu: $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null || echo none)"
log "node: $(node --version 2>&1)"
# Dawn needs the Vulkan loader and NVIDIA's Vulkan ICD; record what is there.
{ ls -l /usr/lib/x86_64-linux-gnu/libvulkan.so* /usr/share/vulkan/icd.d /etc/vulkan/icd.d 2>&1
  vulkaninfo --summary 2>&1 | head -40 || true; } > "$OUT/vulkan.txt"

log "backend ladder:"
timeout 60 npx tsx engine/bench/list.ts > "$OUT/backends.json" 2> "$OUT/backends.stderr.txt"
cat "$OUT/backends.json" | tee -a "$OUT/summary.txt"

# A python whose torch sees CUDA, for the peer (Debian's /usr/bin/python3 first).
PEER=""
for py in /usr/bin/python3 python3 python; do
  if timeout 60 "$py" -c 'import torch,sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then PEER="$py"; break; fi
done
log "pytorch with CUDA: ${PEER:-none}"

if grep -q '"name":"webgpu","available":true' "$OUT/backends.json"; then
  PEER_ARGS=()
  [ -n "$PEER" ] && PEER_ARGS=(--peer --peer-device cuda)
  log "benchmark: webgpu${PEER:+ against torch-cuda}"
  LAYERLAB_PEER_PYTHON="$PEER" timeout 200 npx tsx engine/bench/main.ts --backend webgpu --batches 50 --warmup 5 \
    --max-seconds 40 "${PEER_ARGS[@]}" --json > "$OUT/bench-webgpu.jsonl" 2> "$OUT/bench-webgpu.stderr.txt"
  log "exit $?; results: $(tail -1 "$OUT/bench-webgpu.jsonl")"
else
  log "webgpu is not available: skipping its benchmark (see backends.json and vulkan.txt)"
  if [ -n "$PEER" ]; then
    LAYERLAB_PEER_PYTHON="$PEER" timeout 120 "$PEER" engine/bench/peer_torch.py --device cuda --batches 50 --warmup 5 \
      > "$OUT/torch-cuda.jsonl" 2> "$OUT/torch-cuda.stderr.txt"
    log "torch-cuda alone: exit $?"
  fi
fi

# The CPU rungs on this machine's cores, for the record (few batches: time is short).
log "benchmark: wasm against torch-cpu"
timeout 150 npx tsx engine/bench/main.ts --backend wasm --batches 10 --warmup 2 --max-seconds 30 --peer --json \
  > "$OUT/bench-wasm.jsonl" 2> "$OUT/bench-wasm.stderr.txt"
log "exit $?; results: $(tail -1 "$OUT/bench-wasm.jsonl")"
