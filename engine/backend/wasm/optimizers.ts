// Optimizer updates on the wasm backend's heap: RMSprop and Adam update each weight and its
// slots in place from the gradient in one pass (../fused-optimizers.ts walks the gradients
// and decides when). Stock RMSprop costs about 12 kernels per weight here, each a pass over
// the weight with a fresh allocation: 10-12 ms a step on the standard MLP's 669k weights,
// against about 1 ms for the pass.
//
// The pass is WebAssembly SIMD (the `rmsprop` and `adam` exports of ./gemm-wat.ts): float32
// arithmetic in tfjs-core's order, so the results are the stock kernels' to the bit. Loops in
// JavaScript (float64 rounded back with Math.fround at each step) were exact too but slower
// than stock: about 25 ns a weight. So centered RMSprop and SGD with or without momentum,
// where stock tfjs is cheaper or the gain small, stay stock.
//
// The backend's C++ side caches XNNPACK operators (fully connected, conv2d) on the tensor id
// of their weights, with the weights packed inside, and drops them only when that id is
// disposed: the stock path gives each new weight a new id, an in-place write keeps it. So
// after a write each written tensor's id is disposed and registered again on the same bytes.
import * as tf from '@tensorflow/tfjs-core';
import { wasmStock } from '../env.js';
import { registerInPlaceUpdates, type InPlaceUpdates } from '../fused-optimizers.js';
import { gemmModule, offsetOf } from './gemm.js';
import { f32, type Wasm } from './heap.js';

type Tensor = tf.Tensor;

function wasm(): Wasm {
  return tf.backend() as unknown as Wasm;
}

/** Drops what the C++ side keeps derived from `ts`' values (the operators cached on their
 *  ids, through the disposal callbacks), keeping the tensors and their bytes. */
function rewritten(...ts: Tensor[]): void {
  const b = wasm();
  for (const t of ts) {
    const { id, memoryOffset } = b.dataIdMap.get(t.dataId);
    b.wasm.tfjs.disposeData(id);
    b.wasm.tfjs.registerTensor(id, t.size, memoryOffset);
  }
}

function holds(t: Tensor): boolean {
  return t.dtype === 'float32' && wasm().dataIdMap.has(t.dataId);
}

export const wasmUpdates: InPlaceUpdates = {
  holds,
  // The backend counts the tensors on a buffer (a reshape or a variable's initial tensor
  // adds one); refCount is 0 for data another backend holds.
  owns: (t) => t.dtype === 'float32' && wasm().refCount(t.dataId) === 1,
  scalar: (t) => (t.size === 1 && holds(t) ? f32(wasm(), t)[0]! : null),
  rmsprop(w, ms, mom, g, p) {
    const b = wasm();
    gemmModule(b).rmsprop(offsetOf(b, w), offsetOf(b, ms), offsetOf(b, mom), offsetOf(b, g), w.size, p.lr, p.rho, p.oneMinusRho, p.momentum, p.eps);
    rewritten(w, ms, mom);
  },
  adam(w, m1, m2, g, p) {
    const b = wasm();
    gemmModule(b).adam(offsetOf(b, w), offsetOf(b, m1), offsetOf(b, m2), offsetOf(b, g), w.size, p.negLr, p.b1, p.oneMinusB1, p.b2, p.oneMinusB2, p.c1, p.c2, p.eps);
    rewritten(w, m1, m2);
  },
};

/** Whether the fused updates are wanted (LAYERLAB_WASM_STOCK unset or 0). */
export function wasmUpdatesWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return !wasmStock(env);
}

/** Makes RMSprop and Adam update in place on wasm, unless LAYERLAB_WASM_STOCK=1 asks for
 *  tfjs-core's own. Returns the function that takes them back to stock, or null when left
 *  stock. */
export function installWasmOptimizers(env: NodeJS.ProcessEnv = process.env): (() => void) | null {
  return wasmUpdatesWanted(env) ? registerInPlaceUpdates('wasm', wasmUpdates) : null;
}
