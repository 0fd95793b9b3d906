// RMSprop's and Adam's updates as one WebGPU dispatch per weight (../fused-optimizers.ts
// walks the gradients and decides when). Stock tfjs-core 4.22 spends 9-14 element-wise
// kernels per weight on them, each with its own uniforms, bind group and output buffer; on
// a GPU the host cost of those dispatches is much of a small network's step. Here one
// shader reads the gradient and updates the weight and the optimizer's slots in place, with
// tfjs-core's arithmetic in tfjs-core's order, so results agree to float rounding.
import * as tf from '@tensorflow/tfjs-core';
import { registerInPlaceUpdates, type InPlaceUpdates } from '../fused-optimizers.js';
import { dispatchInPlace, elementwiseShader, ownsBuffer, type WebGpuBackend } from './inplace.js';

const rw = (name: string) => ({ name, write: true });
const ro = (name: string) => ({ name, write: false });

// ms' = ms*rho + g²*(1-rho); mom' = mom*momentum + (g*lr)/sqrt(ms'+eps); w' = w - mom'.
const RMSPROP = elementwiseShader([rw('w'), rw('ms'), rw('mom'), ro('g')], ['lr', 'rho', 'oneMinusRho', 'momentum', 'eps'], `
  let gi = g[i];
  let m = ms[i] * p.rho + (gi * gi) * p.oneMinusRho;
  let v = mom[i] * p.momentum + (gi * p.lr) / sqrt(m + p.eps);
  ms[i] = m;
  mom[i] = v;
  w[i] = w[i] - v;`);

// m' = m*b1 + g*(1-b1); v' = v*b2 + g²*(1-b2); w' = ((m'/c1) / (sqrt(v'/c2) + eps)) * -lr + w,
// with c1 = 1 - beta1^t and c2 = 1 - beta2^t.
const ADAM = elementwiseShader([rw('w'), rw('m1'), rw('m2'), ro('g')], ['negLr', 'b1', 'oneMinusB1', 'b2', 'oneMinusB2', 'c1', 'c2', 'eps'], `
  let gi = g[i];
  let a = m1[i] * p.b1 + gi * p.oneMinusB1;
  let b = m2[i] * p.b2 + (gi * gi) * p.oneMinusB2;
  m1[i] = a;
  m2[i] = b;
  w[i] = ((a / p.c1) / (sqrt(b / p.c2) + p.eps)) * p.negLr + w[i];`);

function gpu(): WebGpuBackend {
  return tf.backend() as unknown as WebGpuBackend;
}

/** Whether the backend holds `t`'s data (tensorMap.get would move it from another backend). */
function held(t: tf.Tensor): boolean {
  return (gpu().tensorMap as unknown as { has(id: object): boolean }).has(t.dataId);
}

export const webgpuUpdates: InPlaceUpdates = {
  owns: (t) => ownsBuffer(gpu(), t),
  holds: (t) => t.dtype === 'float32' && held(t),
  // tfjs-backend-webgpu runs small ops on the CPU, so Adam's accBeta scalars usually live on
  // the host; one on the GPU would need a wait for the device, and takes the stock path.
  scalar: (t) => {
    const v = held(t) ? gpu().tensorMap.get(t.dataId)?.values : null;
    return v && v.length === 1 ? v[0]! : null;
  },
  rmsprop: (w, ms, mom, g, p) => dispatchInPlace(gpu(), RMSPROP, [w, ms, mom, g], [p.lr, p.rho, p.oneMinusRho, p.momentum, p.eps]),
  adam: (w, m1, m2, g, p) => dispatchInPlace(gpu(), ADAM, [w, m1, m2, g], [p.negLr, p.b1, p.oneMinusB1, p.b2, p.oneMinusB2, p.c1, p.c2, p.eps]),
};

let installed = false;

/** Makes RMSprop and Adam update in place on webgpu. Idempotent. */
export function installFusedOptimizers(): void {
  if (installed) return;
  installed = true;
  registerInPlaceUpdates('webgpu', webgpuUpdates);
}
