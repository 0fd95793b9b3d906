// RMSprop's and Adam's updates as one WebGPU dispatch per weight. Stock tfjs-core 4.22
// spends 9-14 element-wise kernels per weight on them, each with its own uniforms, bind
// group and output buffer; on a GPU the host cost of those dispatches is much of a small
// network's step. Here one shader reads the gradient and updates the weight and the
// optimizer's slots in place, with tfjs-core's arithmetic in tfjs-core's order, so results
// agree to float rounding. Other backends, centered RMSprop, and any tensor whose buffer
// another tensor shares take the stock path.
import * as tf from '@tensorflow/tfjs-core';
import { dispatchInPlace, elementwiseShader, ownsBuffer, type WebGpuBackend } from './inplace.js';

type Tensor = tf.Tensor;
type Variable = tf.Variable;
type NamedGradients = tf.NamedTensorMap | { name: string; tensor: Tensor }[];

interface Slot {
  originalName: string;
  variable: Variable;
}

/** Optimizer fields these read (protected in tfjs' typings, plain at run time). */
interface RmsInternals {
  learningRate: number;
  decay: number;
  momentum: number;
  epsilon: number;
  centered: boolean;
  accumulatedMeanSquares: Slot[];
  accumulatedMoments: Slot[];
  incrementIterations(): void;
}

interface AdamInternals {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: Variable;
  accBeta2: Variable;
  accumulatedFirstMoment: Slot[];
  accumulatedSecondMoment: Slot[];
  incrementIterations(): void;
}

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

/** The i-th gradient of an applyGradients argument, and every variable name in order. */
function gradientsOf(grads: NamedGradients): { names: string[]; at(i: number, name: string): Tensor | undefined } {
  const names = Array.isArray(grads) ? grads.map((g) => g.name) : Object.keys(grads);
  return { names, at: (i, name) => (Array.isArray(grads) ? grads[i]?.tensor : grads[name]) };
}

/** A zero slot named and made as tfjs-core makes it, so getWeights/setWeights still work. */
function slot(name: string, w: Variable): Slot {
  return { originalName: name, variable: tf.tidy(() => tf.zerosLike(w).variable(false)) };
}

function rmspropStep(this: RmsInternals, grads: NamedGradients): void {
  const b = tf.backend() as unknown as WebGpuBackend;
  const { names, at } = gradientsOf(grads);
  names.forEach((name, i) => {
    const w = tf.engine().registeredVariables[name]!;
    this.accumulatedMeanSquares[i] ??= slot(`${name}/rms`, w);
    this.accumulatedMoments[i] ??= slot(`${name}/momentum`, w);
    const g = at(i, name);
    if (g == null) return;
    const ms = this.accumulatedMeanSquares[i]!.variable;
    const mom = this.accumulatedMoments[i]!.variable;
    if (w.size > 0 && g.dtype === 'float32' && [w, ms, mom].every((t) => ownsBuffer(b, t))) {
      dispatchInPlace(b, RMSPROP, [w, ms, mom, g], [this.learningRate, this.decay, 1 - this.decay, this.momentum, this.epsilon]);
      return;
    }
    tf.tidy(() => {
      const newMs = tf.add(tf.mul(ms, this.decay), tf.mul(tf.square(g), 1 - this.decay));
      const newMom = tf.add(tf.mul(mom, this.momentum), tf.div(tf.mul(g, this.learningRate), tf.sqrt(tf.add(newMs, this.epsilon))));
      ms.assign(newMs);
      mom.assign(newMom);
      w.assign(tf.sub(w, newMom));
    });
  });
  this.incrementIterations();
}

/** The value of a scalar the webgpu backend keeps on the host (tfjs runs small ops on the
 *  CPU), or null when it lives on the GPU and reading it would wait for the device. */
function hostScalar(b: WebGpuBackend, t: Tensor): number | null {
  const v = b.tensorMap.get(t.dataId)?.values;
  return v && v.length === 1 ? v[0]! : null;
}

function adamStep(this: AdamInternals, grads: NamedGradients, stock: (g: NamedGradients) => void): void {
  const b = tf.backend() as unknown as WebGpuBackend;
  const acc1 = hostScalar(b, this.accBeta1);
  const acc2 = hostScalar(b, this.accBeta2);
  if (acc1 == null || acc2 == null) return stock.call(this, grads);
  // tfjs-core computes 1 - accBeta in float32.
  const c1 = Math.fround(1 - acc1);
  const c2 = Math.fround(1 - acc2);
  const { names, at } = gradientsOf(grads);
  names.forEach((name, i) => {
    const w = tf.engine().registeredVariables[name]!;
    this.accumulatedFirstMoment[i] ??= slot(`${name}/m`, w);
    this.accumulatedSecondMoment[i] ??= slot(`${name}/v`, w);
    const g = at(i, name);
    if (g == null) return;
    const m1 = this.accumulatedFirstMoment[i]!.variable;
    const m2 = this.accumulatedSecondMoment[i]!.variable;
    if (w.size > 0 && g.dtype === 'float32' && [w, m1, m2].every((t) => ownsBuffer(b, t))) {
      dispatchInPlace(b, ADAM, [w, m1, m2, g], [-this.learningRate, this.beta1, 1 - this.beta1, this.beta2, 1 - this.beta2, c1, c2, this.epsilon]);
      return;
    }
    tf.tidy(() => {
      const a = tf.add(tf.mul(m1, this.beta1), tf.mul(g, 1 - this.beta1));
      const v = tf.add(tf.mul(m2, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
      m1.assign(a);
      m2.assign(v);
      w.assign(tf.add(tf.mul(tf.div(tf.div(a, c1), tf.add(tf.sqrt(tf.div(v, c2)), this.epsilon)), -this.learningRate), w));
    });
  });
  tf.tidy(() => {
    this.accBeta1.assign(tf.mul(this.accBeta1, this.beta1));
    this.accBeta2.assign(tf.mul(this.accBeta2, this.beta2));
  });
  this.incrementIterations();
}

let installed = false;

/** Replaces RMSprop's and Adam's applyGradients with ones that fuse on webgpu. Idempotent. */
export function installFusedOptimizers(): void {
  if (installed) return;
  installed = true;
  const rms = tf.RMSPropOptimizer.prototype as unknown as { applyGradients(g: NamedGradients): void };
  const stockRms = rms.applyGradients;
  rms.applyGradients = function (this: RmsInternals, grads: NamedGradients): void {
    if (this.centered || tf.getBackend() !== 'webgpu') return stockRms.call(this, grads);
    rmspropStep.call(this, grads);
  };
  const adam = tf.AdamOptimizer.prototype as unknown as { applyGradients(g: NamedGradients): void };
  const stockAdam = adam.applyGradients;
  adam.applyGradients = function (this: AdamInternals, grads: NamedGradients): void {
    if (tf.getBackend() !== 'webgpu') return stockAdam.call(this, grads);
    adamStep.call(this, grads, stockAdam);
  };
}
