// Matrix products with transposed operands. The stock wasm BatchMatMul and _FusedMatMul
// hand transposes to XNNPACK's slow path (10-25x slower than the plain product, and the
// backward pass of every Dense layer asks for one), so the operands are transposed first
// and the plain product runs.
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { STOCK, free, transposeLast2, type Wasm } from './heap.js';

type Args = { inputs: Record<string, TensorInfo>; backend: Wasm; attrs: NamedAttrMap };

function untransposed(kernel: string) {
  return (args: Args): TensorInfo => {
    const stock = STOCK.get(kernel)!;
    const { inputs, backend, attrs } = args;
    const a = inputs.a!;
    const b = inputs.b!;
    const tA = Boolean(attrs.transposeA);
    const tB = Boolean(attrs.transposeB);
    if ((!tA && !tB) || a.dtype !== 'float32' || b.dtype !== 'float32') return stock(args);
    const temps: TensorInfo[] = [];
    const a2 = tA ? transposeLast2(backend, a) : a;
    if (tA) temps.push(a2);
    const b2 = tB ? transposeLast2(backend, b) : b;
    if (tB) temps.push(b2);
    try {
      return stock({ inputs: { ...inputs, a: a2, b: b2 }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
    } finally {
      free(backend, ...temps);
    }
  };
}

export const batchMatMulConfig: Omit<KernelConfig, 'setupFunc'> = {
  kernelName: 'BatchMatMul',
  backendName: 'wasm',
  kernelFunc: untransposed('BatchMatMul') as unknown as KernelFunc,
};

export const fusedMatMulConfig: Omit<KernelConfig, 'setupFunc'> = {
  kernelName: '_FusedMatMul',
  backendName: 'wasm',
  kernelFunc: untransposed('_FusedMatMul') as unknown as KernelFunc,
};
