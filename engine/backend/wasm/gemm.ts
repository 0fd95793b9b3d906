// Runs LayerLab's f32 matrix product (./gemm-wat.ts) on the wasm backend's own memory: the
// module imports the backend's WebAssembly.Memory, so tensors are read and written where
// they lie, without copies.
import v8 from 'node:v8';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { wasmFmaAllowed } from '../env.js';
import { free, type Wasm } from './heap.js';
import { gemmScratchBytes } from './gemm-wat.js';
import { GEMM_WASM_BASE64 } from './gemm-binary.js';
import { GEMM_FMA_WASM_BASE64 } from './gemm-fma-binary.js';

interface GemmExports {
  /** C[M×N] (+)= A·B; A[i,k] at a + i·sai + k·sak, B[k,j] at b + k·sbk + j·sbj, C[i,j] at
   *  c + i·ldc + 4j (bytes); beta 1 adds to C, 0 overwrites it; gemmScratchBytes(M) bytes
   *  at `scratch` are overwritten (the packed operands). */
  gemm(a: number, b: number, c: number, M: number, N: number, K: number, sai: number, sak: number, sbk: number, sbj: number, ldc: number, beta: number, scratch: number): void;
  dropout_multiplier(out: number, n: number, keep: number, s0: number, s1: number, s2: number, c: number): void;
  relu_grad(dy: number, y: number, out: number, n: number): void;
  bias_act(c: number, bias: number, rows: number, N: number, bstride: number, lo: number, hi: number): void;
  rmsprop(w: number, ms: number, mom: number, g: number, n: number, lr: number, rho: number, oneMinusRho: number, momentum: number, eps: number): void;
  adam(w: number, m: number, v: number, g: number, n: number, negLr: number, b1: number, oneMinusB1: number, b2: number, oneMinusB2: number, c1: number, c2: number, eps: number): void;
}

/** The backend's memory: exported by the (non-threaded) Emscripten module as asm.memory. */
function memoryOf(backend: Wasm): WebAssembly.Memory {
  const mod = backend.wasm as unknown as { asm?: { memory?: WebAssembly.Memory }; wasmMemory?: WebAssembly.Memory };
  const mem = mod.asm?.memory ?? mod.wasmMemory;
  if (!(mem instanceof WebAssembly.Memory)) throw new Error('the wasm backend exposes no WebAssembly.Memory (is @tensorflow/tfjs-backend-wasm 4.22?)');
  return mem;
}

const compiled = new Map<string, WebAssembly.Module>();
const instances = new WeakMap<WebAssembly.Memory, Map<string, unknown>>();

/** The exports of one of LayerLab's modules (given as its base64 binary) instantiated on the
 *  backend's memory: compiled once, one instance per memory. */
export function onHeap<T>(backend: Wasm, base64: string): T {
  const mem = memoryOf(backend);
  let mine = instances.get(mem);
  if (!mine) instances.set(mem, (mine = new Map()));
  let inst = mine.get(base64) as T | undefined;
  if (!inst) {
    let module = compiled.get(base64);
    if (!module) compiled.set(base64, (module = new WebAssembly.Module(Buffer.from(base64, 'base64'))));
    inst = new WebAssembly.Instance(module, { env: { memory: mem } }).exports as unknown as T;
    mine.set(base64, inst);
  }
  return inst;
}

export type { GemmExports };

let fma: boolean | undefined;

/** Whether the kernels multiply-add with relaxed SIMD (the `fma` variants of ./gemm-wat.ts).
 *  Node 22 compiles relaxed SIMD as it is; Node 20 has it behind a V8 flag, which is turned
 *  on here (it only widens what WebAssembly accepts). LAYERLAB_WASM_FMA=0 keeps separate
 *  multiplies and adds, whose rounding matches the cpu backend's step for step. */
export function fusedMultiplyAdd(env: NodeJS.ProcessEnv = process.env): boolean {
  if (fma !== undefined) return fma;
  if (!wasmFmaAllowed(env)) return (fma = false);
  const bytes = Buffer.from(GEMM_FMA_WASM_BASE64, 'base64');
  if (!WebAssembly.validate(bytes)) {
    try {
      v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
    } catch {
      // an embedder that refuses V8 flags: the plain variant
    }
  }
  return (fma = WebAssembly.validate(bytes));
}

export function gemmModule(backend: Wasm): GemmExports {
  return onHeap<GemmExports>(backend, fusedMultiplyAdd() ? GEMM_FMA_WASM_BASE64 : GEMM_WASM_BASE64);
}

/** Runs `f` with gemmScratchBytes(M) bytes of the heap at the offset it is given, freed
 *  after. Allocate before taking views of the heap: allocation may grow it. */
export function withScratch<T>(backend: Wasm, M: number, f: (scratch: number) => T): T {
  const s = backend.makeOutput([Math.ceil(gemmScratchBytes(M) / 4)], 'float32');
  try {
    return f(offsetOf(backend, s));
  } finally {
    free(backend, s);
  }
}

/** Byte offset of a tensor's data on the heap. */
export function offsetOf(backend: Wasm, t: TensorInfo): number {
  const d = (backend as unknown as { dataIdMap: { get(id: unknown): { memoryOffset: number } | undefined } }).dataIdMap.get(t.dataId);
  if (!d) throw new Error('tensor is not on the wasm backend');
  return d.memoryOffset;
}

/** Clamp bounds of the activations the epilogue fuses. */
export const CLAMPS: Record<string, [number, number]> = {
  linear: [-Infinity, Infinity],
  relu: [0, Infinity],
  relu6: [0, 6],
};
