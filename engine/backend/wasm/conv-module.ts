// Loads ./conv-wat.ts (im2col, pooling gradients, column sums) onto the wasm backend's own memory,
// one instance per memory, as ./gemm.ts does for the matrix product.
import type { Wasm } from './heap.js';
import { CONV_WASM_BASE64 } from './conv-binary.js';

export interface ConvExports {
  im2col(x: number, col: number, ldcol: number, H: number, W: number, CI: number, OH: number, OW: number,
    KH: number, KW: number, sh: number, sw: number, top: number, left: number, p0: number, count: number): void;
  avgpool_grad(dy: number, dx: number, B: number, H: number, W: number, C: number, OH: number, OW: number,
    KH: number, KW: number, sh: number, sw: number, top: number, left: number, scale: number): void;
  colsum(x: number, out: number, rows: number, cols: number): void;
  maxpool_grad(x: number, dy: number, dx: number, B: number, H: number, W: number, C: number, OH: number, OW: number,
    KH: number, KW: number, sh: number, sw: number, top: number, left: number): void;
}

let compiled: WebAssembly.Module | null = null;
const instances = new WeakMap<WebAssembly.Memory, ConvExports>();

export function convModule(backend: Wasm): ConvExports {
  const mod = backend.wasm as unknown as { asm?: { memory?: WebAssembly.Memory }; wasmMemory?: WebAssembly.Memory };
  const mem = mod.asm?.memory ?? mod.wasmMemory;
  if (!(mem instanceof WebAssembly.Memory)) throw new Error('the wasm backend exposes no WebAssembly.Memory (is @tensorflow/tfjs-backend-wasm 4.22?)');
  let inst = instances.get(mem);
  if (!inst) {
    compiled ??= new WebAssembly.Module(Buffer.from(CONV_WASM_BASE64, 'base64'));
    inst = new WebAssembly.Instance(compiled, { env: { memory: mem } }).exports as unknown as ConvExports;
    instances.set(mem, inst);
  }
  return inst;
}
