// MaxPoolGrad and AvgPoolGrad for the wasm backend as one walk over the pooling windows
// (./conv-wat.ts). The stock kernels cost 15-20 ms for one 2×2 pool of the lecture's network
// at batch 128, ours about 3.
import { backend_util, type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import { convModule } from './conv-module.js';
import { offsetOf } from './gemm.js';
import { STOCK, type Wasm } from './heap.js';

type Args = { inputs: Record<string, TensorInfo>; backend: Wasm; attrs: NamedAttrMap };

/** dx = 0, then each dy is added at the first largest input of its window, the position
 *  tfjs-cpu's gradient picks. */
function maxPoolGrad(args: Args): TensorInfo {
  const p = prepare(args, 'MaxPoolGrad');
  if (p.done) return p.done;
  const { info, dx, x, dy, backend } = p;
  convModule(backend).maxpool_grad(
    offsetOf(backend, x), offsetOf(backend, dy), offsetOf(backend, dx), info.batchSize, info.inHeight, info.inWidth, info.inChannels,
    info.outHeight, info.outWidth, info.filterHeight, info.filterWidth, info.strideHeight, info.strideWidth, info.padInfo.top, info.padInfo.left);
  return dx;
}

/** The pooling geometry and a dx to fill, or the finished result: the stock kernel's for
 *  other dtypes, an empty dx for an empty input. */
type Prepared =
  | { done: TensorInfo }
  | { done: null; info: backend_util.Conv2DInfo; dx: TensorInfo; x: TensorInfo; dy: TensorInfo; backend: Wasm };

function prepare({ inputs, backend, attrs }: Args, kernel: 'MaxPoolGrad' | 'AvgPoolGrad'): Prepared {
  const dy = inputs.dy!;
  const x = inputs.input!;
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') return { done: STOCK.get(kernel)!({ inputs, backend, attrs }) };
  const info = backend_util.computePool2DInfo(
    x.shape as [number, number, number, number], attrs.filterSize as number | [number, number], attrs.strides as number | [number, number],
    1, attrs.pad as 'valid' | 'same' | number, attrs.dimRoundingMode as 'floor' | undefined);
  const dx = backend.makeOutput([...x.shape], 'float32');
  if (dx.shape.some((d) => d === 0)) return { done: dx };
  return { done: null, info, dx, x, dy, backend };
}

/** dx = Σ over the windows that hold each pixel of dy, times 1 / (window area). */
function avgPoolGrad(args: Args): TensorInfo {
  const p = prepare(args, 'AvgPoolGrad');
  if (p.done) return p.done;
  const { info, dx, dy, backend } = p;
  convModule(backend).avgpool_grad(
    offsetOf(backend, dy), offsetOf(backend, dx), info.batchSize, info.inHeight, info.inWidth, info.inChannels, info.outHeight, info.outWidth,
    info.filterHeight, info.filterWidth, info.strideHeight, info.strideWidth, info.padInfo.top, info.padInfo.left, 1 / (info.filterHeight * info.filterWidth));
  return dx;
}

/** Replace the stock kernels; the stock ones still serve other dtypes. */
export const maxPoolGradConfig: Omit<KernelConfig, 'setupFunc'> = {
  kernelName: 'MaxPoolGrad', backendName: 'wasm', kernelFunc: maxPoolGrad as unknown as KernelFunc,
};
export const avgPoolGradConfig: Omit<KernelConfig, 'setupFunc'> = {
  kernelName: 'AvgPoolGrad', backendName: 'wasm', kernelFunc: avgPoolGrad as unknown as KernelFunc,
};
