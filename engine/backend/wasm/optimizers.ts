// Optimizer updates on the wasm backend's heap: one loop per weight that reads the gradient
// and writes the weight and its slots in place (../fused-optimizers.ts walks the gradients
// and decides when). Stock RMSprop costs about 12 kernels per weight here, each a pass over
// the weight with a fresh allocation; on the standard MLP that was 7-8 ms of a 50 ms step.
//
// JavaScript computes in float64; Math.fround after each operation tfjs-core runs as a
// float32 kernel gives the float32 result of that kernel exactly (a float64 product or
// quotient of float32 values rounded once more to float32 is the correctly rounded float32
// one, and so for sums and square roots), so the weights match the stock path's.
//
// The backend's C++ side caches XNNPACK operators (fully connected, conv2d) on the tensor id
// of their weights, with the weights packed inside, and drops them only when that id is
// disposed: the stock path gives each new weight a new id, an in-place write keeps it. So
// after a write each written tensor's id is disposed and registered again on the same bytes.
import * as tf from '@tensorflow/tfjs-core';
import { registerInPlaceUpdates, type AdamParams, type InPlaceUpdates, type MomentumParams, type RmsPropParams } from '../fused-optimizers.js';
import { f32, type Wasm } from './heap.js';

type Tensor = tf.Tensor;

const f = Math.fround;

export function rmspropLoop(w: Float32Array, ms: Float32Array, mom: Float32Array, g: Float32Array, p: RmsPropParams): void {
  const { lr, rho, oneMinusRho, momentum, eps } = p;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i]!;
    const m = f(f(ms[i]! * rho) + f(f(gi * gi) * oneMinusRho));
    const v = f(f(mom[i]! * momentum) + f(f(gi * lr) / f(Math.sqrt(f(m + eps)))));
    ms[i] = m;
    mom[i] = v;
    w[i] = w[i]! - v;
  }
}

export function centeredRmspropLoop(w: Float32Array, ms: Float32Array, mom: Float32Array, mg: Float32Array, g: Float32Array, p: RmsPropParams): void {
  const { lr, rho, oneMinusRho, momentum, eps } = p;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i]!;
    const m = f(f(ms[i]! * rho) + f(f(gi * gi) * oneMinusRho));
    const a = f(f(mg[i]! * rho) + f(gi * oneMinusRho));
    const v = f(f(mom[i]! * momentum) + f(f(gi * lr) / f(Math.sqrt(f(m - f(f(a * a) + eps))))));
    ms[i] = m;
    mg[i] = a;
    mom[i] = v;
    w[i] = w[i]! - v;
  }
}

export function adamLoop(w: Float32Array, m1: Float32Array, m2: Float32Array, g: Float32Array, p: AdamParams): void {
  const { negLr, b1, oneMinusB1, b2, oneMinusB2, c1, c2, eps } = p;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i]!;
    const a = f(f(m1[i]! * b1) + f(gi * oneMinusB1));
    const b = f(f(m2[i]! * b2) + f(f(gi * gi) * oneMinusB2));
    m1[i] = a;
    m2[i] = b;
    w[i] = f(f(f(a / c1) / f(f(Math.sqrt(f(b / c2))) + eps)) * negLr) + w[i]!;
  }
}

export function sgdLoop(w: Float32Array, g: Float32Array, c: number): void {
  for (let i = 0; i < w.length; i++) w[i] = f(c * g[i]!) + w[i]!;
}

export function momentumLoop(w: Float32Array, acc: Float32Array, g: Float32Array, p: MomentumParams): void {
  const { c, m } = p;
  if (p.nesterov) {
    for (let i = 0; i < w.length; i++) {
      const gi = g[i]!;
      const a = f(f(m * acc[i]!) + gi);
      acc[i] = a;
      w[i] = f(c * f(gi + f(a * m))) + w[i]!;
    }
  } else {
    for (let i = 0; i < w.length; i++) {
      const a = f(f(m * acc[i]!) + g[i]!);
      acc[i] = a;
      w[i] = f(c * a) + w[i]!;
    }
  }
}

function wasm(): Wasm {
  return tf.backend() as unknown as Wasm;
}

/** Heap views of the tensors, taken together: nothing allocates while a loop runs, so none
 *  is detached by the heap growing. */
function views(...ts: Tensor[]): Float32Array[] {
  const b = wasm();
  return ts.map((t) => f32(b, t));
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
    const [vw, vms, vmom, vg] = views(w, ms, mom, g);
    rmspropLoop(vw!, vms!, vmom!, vg!, p);
    rewritten(w, ms, mom);
  },
  centeredRmsprop(w, ms, mom, mg, g, p) {
    const [vw, vms, vmom, vmg, vg] = views(w, ms, mom, mg, g);
    centeredRmspropLoop(vw!, vms!, vmom!, vmg!, vg!, p);
    rewritten(w, ms, mom, mg);
  },
  adam(w, m1, m2, g, p) {
    const [vw, vm1, vm2, vg] = views(w, m1, m2, g);
    adamLoop(vw!, vm1!, vm2!, vg!, p);
    rewritten(w, m1, m2);
  },
  sgd(w, g, c) {
    const [vw, vg] = views(w, g);
    sgdLoop(vw!, vg!, c);
    rewritten(w);
  },
  momentum(w, acc, g, p) {
    const [vw, vacc, vg] = views(w, acc, g);
    momentumLoop(vw!, vacc!, vg!, p);
    rewritten(w, acc);
  },
};

/** Whether the fused updates are wanted (LAYERLAB_WASM_STOCK unset or 0). */
export function wasmUpdatesWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.LAYERLAB_WASM_STOCK;
  return !v || v === '0';
}

/** Makes RMSprop, Adam and SGD (with or without momentum) update in place on wasm, unless
 *  LAYERLAB_WASM_STOCK=1 asks for tfjs-core's own. Returns the function that takes them
 *  back to stock, or null when left stock. */
export function installWasmOptimizers(env: NodeJS.ProcessEnv = process.env): (() => void) | null {
  return wasmUpdatesWanted(env) ? registerInPlaceUpdates('wasm', wasmUpdates) : null;
}
