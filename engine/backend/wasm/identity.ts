// Identity (tf.clone, and the copy tfjs-core's engine makes of every tensor a gradient will
// need) on wasm without copying: the output shares the input's buffer and the backend counts
// both, as the cpu backend does. Stock 4.22 copies the bytes: on the standard MLP that was 17
// copies and about 1.3 ms a training step. Tensors are immutable; LayerLab's in-place
// optimizer updates write only buffers whose count is 1 (../fused-optimizers.ts).
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { STOCK, type Wasm } from './heap.js';

function identity(args: { inputs: { x: TensorInfo }; backend: Wasm }): TensorInfo {
  const { x } = args.inputs;
  if (x.dtype === 'string') return STOCK.get('Identity')!(args as never);
  args.backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}

export const identityConfig: Omit<KernelConfig, 'setupFunc'> = {
  kernelName: 'Identity',
  backendName: 'wasm',
  kernelFunc: identity as unknown as KernelFunc,
};
