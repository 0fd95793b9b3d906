// BatchMatMul and _FusedMatMul on wasm through LayerLab's own f32 product (./gemm.ts) instead
// of the stock XNNPACK route, which repacks the right operand on every call (every training
// step has new weights and gradients) and sends transposed operands to a naive loop.
// Aᵀ and Bᵀ are read through strides. Bias and relu/relu6 are applied in the kernel's
// epilogue, other activations by the stock element-wise kernels.
import { broadcast_util, util, type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import { CLAMPS, gemmModule, offsetOf, withScratch } from './gemm.js';
import { threadsFor } from './gemm-threads.js';
import { callWasm, free, type Wasm } from './heap.js';

type Args = { inputs: Record<string, TensorInfo>; backend: Wasm; attrs: NamedAttrMap };

function product({ inputs, backend, attrs }: Args): TensorInfo {
  const { a, b, bias, preluActivationWeights } = inputs as Record<string, TensorInfo | undefined>;
  if (!a || !b) throw new Error('matMul on wasm: inputs a and b are required');
  if (a.dtype !== 'float32' || b.dtype !== 'float32') {
    throw new Error(`matMul on wasm supports float32 only, got ${a.dtype} and ${b.dtype}`);
  }
  const tA = Boolean(attrs.transposeA);
  const tB = Boolean(attrs.transposeB);
  const ra = a.shape.length;
  const rb = b.shape.length;
  const M = tA ? a.shape[ra - 1]! : a.shape[ra - 2]!;
  const K = tA ? a.shape[ra - 2]! : a.shape[ra - 1]!;
  const Kb = tB ? b.shape[rb - 1]! : b.shape[rb - 2]!;
  const N = tB ? b.shape[rb - 2]! : b.shape[rb - 1]!;
  util.assert(K === Kb, () => `Error in matMul: inner shapes (${K}) and (${Kb}) of Tensors with shapes ${a.shape} and ${b.shape} and transposeA=${tA} and transposeB=${tB} must match.`);
  const outer = broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const batchA = util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = util.sizeFromShape(b.shape.slice(0, -2));
  const batch = util.sizeFromShape(outer);
  // Flattened outer dimensions line up only when equal or when one side has a single matrix.
  if (batchA !== batchB && batchA !== 1 && batchB !== 1) {
    throw new Error(`matMul on wasm: batch shapes ${a.shape.slice(0, -2)} and ${b.shape.slice(0, -2)} broadcast partially; reshape them to match`);
  }
  const out = backend.makeOutput([...outer, M, N], 'float32');
  if (batch * M * N === 0) return out;
  const g = gemmModule(backend);
  const pa = offsetOf(backend, a);
  const pb = offsetOf(backend, b);
  const pc = offsetOf(backend, out);
  // A[i, k] at i·sai + k·sak and B[k, j] at k·sbk + j·sbj (bytes), transposed or not.
  const [sai, sak] = tA ? [4, 4 * M] : [4 * K, 4];
  const [sbk, sbj] = tB ? [4, 4 * K] : [4 * N, 4];
  const strideA = batchA === 1 ? 0 : 4 * M * K;
  const strideB = batchB === 1 ? 0 : 4 * K * N;
  const threads = threadsFor(M * N * K); // one matrix of the batch at a time
  withScratch(backend, M, (scratch) => {
    const heap = (backend.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8; // after the last allocation
    for (let i = 0; i < batch && K > 0; i++) {
      if (!threads?.gemm(heap, g, pa + i * strideA, 4 * M * K, pb + i * strideB, pc + i * 4 * M * N, M, N, K, sai, sak, sbk, sbj, scratch)) {
        g.gemm(pa + i * strideA, pb + i * strideB, pc + i * 4 * M * N, M, N, K, sai, sak, sbk, sbj, 4 * N, 0, scratch);
      }
    }
  });
  if (K === 0) (backend.typedArrayFromHeap(out) as Float32Array).fill(0);
  return epilogue(backend, out, bias, preluActivationWeights, attrs, batch * M, N);
}

/** Bias and activation of _FusedMatMul (and of FusedConv2D, ./conv.ts) over `rows` × N;
 *  returns the tensor that holds the result. */
export function epilogue(backend: Wasm, out: TensorInfo, bias: TensorInfo | undefined, prelu: TensorInfo | undefined, attrs: NamedAttrMap, rows: number, N: number): TensorInfo {
  const activation = (attrs.activation as string | undefined) ?? 'linear';
  const clamp = CLAMPS[activation];
  const size = (t: TensorInfo) => util.sizeFromShape(t.shape);
  // Folded into the epilogue: one scalar, or one value per column.
  const foldable = (t: TensorInfo) => size(t) === 1 || (size(t) === N && t.shape[t.shape.length - 1] === N);
  let res = out;
  if (bias && !foldable(bias)) {
    // A bias that varies along rows (broadcast from [M, N] or more): the stock Add.
    res = callWasm('Add', backend, { a: out, b: bias });
    free(backend, out);
  }
  const fold = bias && foldable(bias) ? bias : undefined;
  if (fold || (clamp && activation !== 'linear')) {
    const [lo, hi] = clamp ?? CLAMPS.linear!;
    gemmModule(backend).bias_act(offsetOf(backend, res), fold ? offsetOf(backend, fold) : 0, rows, N, fold && size(fold) > 1 ? 4 : 0, lo, hi);
  }
  if (clamp) return res;
  // sigmoid, elu, leakyrelu, prelu: tfjs-core's own definitions, by the stock kernels.
  const kernel: Record<string, () => TensorInfo> = {
    sigmoid: () => callWasm('Sigmoid', backend, { x: res }),
    elu: () => callWasm('Elu', backend, { x: res }),
    leakyrelu: () => callWasm('LeakyRelu', backend, { x: res }, { alpha: (attrs.leakyreluAlpha as number | undefined) ?? 0.2 }),
    prelu: () => {
      if (!prelu) throw new Error('_FusedMatMul on wasm: prelu needs preluActivationWeights');
      return callWasm('Prelu', backend, { x: res, alpha: prelu });
    },
  };
  const f = kernel[activation];
  if (!f) {
    free(backend, res);
    throw new Error(`_FusedMatMul on wasm: unknown activation '${activation}'`);
  }
  const activated = f();
  free(backend, res);
  return activated;
}

export const batchMatMulConfig: Omit<KernelConfig, 'setupFunc'> = {
  kernelName: 'BatchMatMul',
  backendName: 'wasm',
  kernelFunc: product as unknown as KernelFunc,
};

export const fusedMatMulConfig: Omit<KernelConfig, 'setupFunc'> = {
  kernelName: '_FusedMatMul',
  backendName: 'wasm',
  kernelFunc: product as unknown as KernelFunc,
};
