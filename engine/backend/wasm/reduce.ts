// Sum over every axis but the last (the bias gradient of Dense and Conv2D layers) as column
// sums on the heap (./conv-wat.ts). The stock kernel transposes the channels to the front
// first, which costs more than the sum (10 ms of a [128, 24, 24, 30] gradient).
import { backend_util, util, type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import { convModule } from './conv-module.js';
import { offsetOf } from './gemm.js';
import { STOCK, type Wasm } from './heap.js';

type Args = { inputs: Record<string, TensorInfo>; backend: Wasm; attrs: NamedAttrMap };

function sum(args: Args): TensorInfo {
  const { inputs, backend, attrs } = args;
  const x = inputs.x!;
  const r = x.shape.length;
  const axes = util.parseAxisParam(attrs.axis as number | number[], x.shape);
  const allButLast = r >= 2 && axes.length === r - 1 && [...axes].sort((a, b) => a - b).every((a, i) => a === i);
  if (x.dtype !== 'float32' || !allButLast) return STOCK.get('Sum')!(args);
  const cols = x.shape[r - 1]!;
  const rows = cols === 0 ? 0 : util.sizeFromShape(x.shape) / cols;
  const outShape = attrs.keepDims ? backend_util.expandShapeToKeepDim([cols], axes) : [cols];
  const out = backend.makeOutput(outShape, 'float32');
  if (cols > 0) convModule(backend).colsum(offsetOf(backend, x), offsetOf(backend, out), rows, cols);
  return out;
}

/** Replaces the stock kernel, which still serves every other reduction. */
export const sumConfig: Omit<KernelConfig, 'setupFunc'> = {
  kernelName: 'Sum', backendName: 'wasm', kernelFunc: sum as unknown as KernelFunc,
};
