// Adds to the wasm backend the kernels that training needs and stock 4.22 lacks, and
// replaces stock kernels that are slow in training with LayerLab's: the matrix product,
// the convolution and its input gradient, the pooling gradients, bias-gradient sums and Identity.
import '@tensorflow/tfjs-backend-wasm';
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { conv2DBackpropFilterConfig, conv2DBackpropInputConfig, conv2DConfig, depthwiseBackpropFilterConfig, depthwiseBackpropInputConfig, fusedConv2DConfig } from './conv.js';
import { STOCK } from './heap.js';
import { identityConfig } from './identity.js';
import { batchMatMulConfig, fusedMatMulConfig } from './matmul.js';
import { avgPoolGradConfig, maxPoolGradConfig } from './pool.js';
import { sumConfig } from './reduce.js';
import { unsortedSegmentSumConfig } from './segment.js';

/** Kernels that stock 4.22 does not have at all. */
export const ADDED_KERNELS: readonly KernelConfig[] = [
  conv2DBackpropFilterConfig,
  depthwiseBackpropFilterConfig,
  depthwiseBackpropInputConfig,
  unsortedSegmentSumConfig,
];

/** Stock kernels wrapped with a faster path (the stock function still runs the plain case). */
const WRAPPED: readonly Omit<KernelConfig, 'setupFunc'>[] = [
  batchMatMulConfig, fusedMatMulConfig, conv2DConfig, fusedConv2DConfig, conv2DBackpropInputConfig, maxPoolGradConfig, avgPoolGradConfig, sumConfig, identityConfig,
];

let done = false;

/** Idempotent; call before or after the wasm backend initialises (setup functions of the
 *  wrapped kernels are kept, so either order works). */
export function registerWasmTrainingKernels(): void {
  if (done) return;
  done = true;
  for (const k of ADDED_KERNELS) {
    if (!getKernel(k.kernelName, 'wasm')) registerKernel(k);
  }
  for (const k of WRAPPED) {
    const stock = getKernel(k.kernelName, 'wasm');
    if (!stock) throw new Error(`stock wasm kernel '${k.kernelName}' is missing; @tensorflow/tfjs-backend-wasm is not 4.22?`);
    STOCK.set(k.kernelName, stock.kernelFunc as never);
    unregisterKernel(k.kernelName, 'wasm');
    registerKernel({ ...k, setupFunc: stock.setupFunc } as KernelConfig);
  }
}
