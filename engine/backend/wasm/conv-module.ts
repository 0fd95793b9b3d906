// Loads ./conv-wat.ts (im2col, pooling gradients, column sums) onto the wasm backend's own memory,
// one instance per memory, as ./gemm.ts does for the matrix product.
import type { Wasm } from './heap.js';
import { CONV_WASM_BASE64 } from './conv-binary.js';
import { onHeap } from './gemm.js';

export interface ConvExports {
  im2col(x: number, col: number, ldcol: number, H: number, W: number, CI: number, OH: number, OW: number,
    KH: number, KW: number, sh: number, sw: number, top: number, left: number, p0: number, count: number): void;
  avgpool_grad(dy: number, dx: number, B: number, H: number, W: number, C: number, OH: number, OW: number,
    KH: number, KW: number, sh: number, sw: number, top: number, left: number, scale: number): void;
  colsum(x: number, out: number, rows: number, cols: number): void;
  maxpool_grad(x: number, dy: number, dx: number, B: number, H: number, W: number, C: number, OH: number, OW: number,
    KH: number, KW: number, sh: number, sw: number, top: number, left: number): void;
}

export function convModule(backend: Wasm): ConvExports {
  return onHeap<ConvExports>(backend, CONV_WASM_BASE64);
}
