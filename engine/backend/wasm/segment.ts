// UnsortedSegmentSum for the wasm backend: the gradient of Gather, so of every Embedding.
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { ints, type Wasm } from './heap.js';

type Args = { inputs: Record<string, TensorInfo>; backend: Wasm; attrs: NamedAttrMap };

/** out[s, ...] = Σ over i with ids[i] = s of x[i, ...]; ids outside [0, numSegments) are
 *  dropped, as TensorFlow does. */
function unsortedSegmentSum({ inputs, backend, attrs }: Args): TensorInfo {
  const x = inputs.x!;
  const ids = inputs.segmentIds!;
  const numSegments = attrs.numSegments as number;
  const idRank = ids.shape.length;
  const inner = x.shape.slice(idRank).reduce((a, b) => a * b, 1);
  const idv = ints(backend, ids);
  const out = backend.makeOutput([numSegments, ...x.shape.slice(idRank)], x.dtype);
  const xv = backend.typedArrayFromHeap(x);
  const ov = backend.typedArrayFromHeap(out);
  ov.fill(0);
  for (let i = 0; i < idv.length; i++) {
    const s = idv[i]!;
    if (s < 0 || s >= numSegments) continue;
    const src = i * inner;
    const dst = s * inner;
    for (let j = 0; j < inner; j++) ov[dst + j]! += xv[src + j]!;
  }
  return out;
}

export const unsortedSegmentSumConfig: KernelConfig = {
  kernelName: 'UnsortedSegmentSum', backendName: 'wasm', kernelFunc: unsortedSegmentSum as unknown as KernelFunc,
};
