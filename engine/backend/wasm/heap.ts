// Helpers for kernels written in TypeScript over the wasm backend's heap: allocate outputs,
// view inputs in place, call the stock (XNNPACK) kernels for the heavy lifting.
import { getKernel, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export type Wasm = BackendWasm;

/** A float32 view of a tensor's bytes on the heap. Take views only after the last
 *  makeOutput of a step: allocation may grow the heap and detach older views. */
export function f32(backend: Wasm, t: TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(t) as Float32Array;
}

/** An integer view (int32 input tensors such as segment ids), copied to a plain array
 *  because float32 and int32 tensors are both legal inputs to the index kernels. */
export function ints(backend: Wasm, t: TensorInfo): Int32Array {
  const v = backend.readSync(t.dataId);
  return v instanceof Int32Array ? v : Int32Array.from(v as ArrayLike<number>);
}

export function free(backend: Wasm, ...ts: TensorInfo[]): void {
  for (const t of ts) backend.disposeData(t.dataId);
}

/** Runs a kernel of the wasm backend directly (no tape, no engine bookkeeping), the way
 *  the stock kernels call each other. */
export function callWasm(
  name: string,
  backend: Wasm,
  inputs: Record<string, TensorInfo>,
  attrs: NamedAttrMap = {},
  kernels: Map<string, (args: { inputs: Record<string, TensorInfo>; backend: Wasm; attrs: NamedAttrMap }) => TensorInfo> = STOCK,
): TensorInfo {
  const fn = kernels.get(name) ?? (getKernel(name, 'wasm')?.kernelFunc as never);
  if (!fn) throw new Error(`wasm kernel '${name}' is not registered`);
  return fn({ inputs, backend, attrs });
}

/** The stock kernel functions that our wrappers replace in the registry; wrappers call
 *  the originals through here. */
export const STOCK = new Map<string, (args: { inputs: Record<string, TensorInfo>; backend: Wasm; attrs: NamedAttrMap }) => TensorInfo>();
