// Fused optimizer updates for tfjs-core 4.22. Stock RMSprop spends about 12 element-wise
// kernels per weight (Adam 14), each a full pass with its own output and a scalar tensor
// made for every number it takes. Here applyGradients is replaced by one
// that walks the gradients as tfjs-core does, makes the slots tfjs-core would make (same
// names, same order, so getWeights/setWeights and saved optimizers are unchanged), and asks
// the active backend to update each weight and its slots in place, in one pass. A backend
// says how through registerInPlaceUpdates (./webgpu/fused.ts, ./wasm/optimizers.ts); any
// other backend, centered RMSprop, and any tensor whose buffer another tensor shares, take
// the stock path.
//
// The numbers handed to a backend are tfjs-core's scalars: each constant as the float32
// tensor tfjs would make of it, in the order tfjs-core applies them, so a backend that
// rounds each step to float32 gives tfjs-core's results.
import * as tf from '@tensorflow/tfjs-core';

type Tensor = tf.Tensor;
type Variable = tf.Variable;
type NamedGradients = tf.NamedTensorMap | { name: string; tensor: Tensor }[];

const f32 = Math.fround;

/** ms' = ms*rho + g²*oneMinusRho; mom' = mom*momentum + (g*lr)/sqrt(ms'+eps); w' = w - mom'. */
export interface RmsPropParams {
  lr: number;
  rho: number;
  oneMinusRho: number;
  momentum: number;
  eps: number;
}

/** m' = m*b1 + g*oneMinusB1; v' = v*b2 + g²*oneMinusB2; w' = ((m'/c1) / (sqrt(v'/c2) + eps))*negLr + w,
 *  where c1 = 1 - beta1^t and c2 = 1 - beta2^t. */
export interface AdamParams {
  negLr: number;
  b1: number;
  oneMinusB1: number;
  b2: number;
  oneMinusB2: number;
  c1: number;
  c2: number;
  eps: number;
}

/** One backend's in-place updates. Each updates `w` and the slots after it in place from
 *  the gradient `g`; the caller has checked `owns` for those and `holds` for `g`, and that
 *  all have w's size. */
export interface InPlaceUpdates {
  /** Whether `t` is float32, held by this backend, and its buffer is its alone (a reshaped
   *  view, a clone, or the tensor a variable was made from would see an in-place write). */
  owns(t: Tensor): boolean;
  /** Whether `t` is float32 and held by this backend (so it can be read as it is). */
  holds(t: Tensor): boolean;
  /** A scalar's value when it can be read without waiting on a device, else null. */
  scalar(t: Tensor): number | null;
  rmsprop(w: Tensor, ms: Tensor, mom: Tensor, g: Tensor, p: RmsPropParams): void;
  adam(w: Tensor, m: Tensor, v: Tensor, g: Tensor, p: AdamParams): void;
}

interface Slot {
  originalName: string;
  variable: Variable;
}

/** Optimizer fields read here (protected in tfjs' typings, plain at run time). */
interface Iterating {
  incrementIterations(): void;
}

interface RmsInternals extends Iterating {
  learningRate: number;
  decay: number;
  momentum: number;
  epsilon: number;
  centered: boolean;
  accumulatedMeanSquares: Slot[];
  accumulatedMoments: Slot[];
}

interface AdamInternals extends Iterating {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: Variable;
  accBeta2: Variable;
  accumulatedFirstMoment: Slot[];
  accumulatedSecondMoment: Slot[];
}

/** Each variable named in an applyGradients argument, in order, with its gradient (which
 *  tfjs-core allows to be missing: the slots are made all the same). */
function eachGradient(grads: NamedGradients, visit: (w: Variable, i: number, name: string, g: Tensor | undefined) => void): void {
  const names = Array.isArray(grads) ? grads.map((g) => g.name) : Object.keys(grads);
  names.forEach((name, i) => visit(tf.engine().registeredVariables[name]!, i, name, Array.isArray(grads) ? grads[i]?.tensor : grads[name]));
}

/** A zero slot named and made as tfjs-core makes it. */
function slot(list: Slot[], i: number, name: string, w: Variable): Variable {
  list[i] ??= { originalName: name, variable: tf.tidy(() => tf.zerosLike(w).variable(false)) };
  return list[i]!.variable;
}

/** Whether one pass may update `w` and its slots in place. */
function fusable(u: InPlaceUpdates, g: Tensor, w: Variable, slots: Tensor[]): boolean {
  return w.size > 0 && g.size === w.size && u.holds(g) && u.owns(w) && slots.every((s) => s.size === w.size && u.owns(s));
}

function rmspropStep(this: RmsInternals, u: InPlaceUpdates, grads: NamedGradients): void {
  const p: RmsPropParams = { lr: f32(this.learningRate), rho: f32(this.decay), oneMinusRho: f32(1 - this.decay), momentum: f32(this.momentum), eps: f32(this.epsilon) };
  eachGradient(grads, (w, i, name, g) => {
    const ms = slot(this.accumulatedMeanSquares, i, `${name}/rms`, w);
    const mom = slot(this.accumulatedMoments, i, `${name}/momentum`, w);
    if (g == null) return;
    if (fusable(u, g, w, [ms, mom])) return u.rmsprop(w, ms, mom, g, p);
    // tfjs-core's ops, as RMSPropOptimizer.applyGradients runs them.
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

function adamStep(this: AdamInternals, u: InPlaceUpdates, grads: NamedGradients): void {
  // The bias corrections come from accBeta, a variable on the backend; tfjs-core computes
  // 1 - accBeta in float32.
  const c1 = f32(1 - u.scalar(this.accBeta1)!);
  const c2 = f32(1 - u.scalar(this.accBeta2)!);
  const p: AdamParams = {
    negLr: f32(-this.learningRate), b1: f32(this.beta1), oneMinusB1: f32(1 - this.beta1), b2: f32(this.beta2), oneMinusB2: f32(1 - this.beta2),
    c1, c2, eps: f32(this.epsilon),
  };
  eachGradient(grads, (w, i, name, g) => {
    const m1 = slot(this.accumulatedFirstMoment, i, `${name}/m`, w);
    const m2 = slot(this.accumulatedSecondMoment, i, `${name}/v`, w);
    if (g == null) return;
    if (fusable(u, g, w, [m1, m2])) return u.adam(w, m1, m2, g, p);
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

const updates = new Map<string, InPlaceUpdates>();

/** The updates for the active backend, when it has them. */
function active(): InPlaceUpdates | undefined {
  return updates.get(tf.getBackend());
}

type Patchable = { applyGradients(g: NamedGradients): void };

/** Replaces `cls`'s own applyGradients with `fused` where `use` accepts the optimizer and the
 *  active backend's updates; the stock method otherwise. */
function patch<T>(cls: unknown, use: (o: T, u: InPlaceUpdates) => boolean, fused: (this: T, u: InPlaceUpdates, g: NamedGradients) => void): void {
  const proto = (cls as { prototype: Patchable }).prototype;
  const stock = proto.applyGradients;
  proto.applyGradients = function (this: T, grads: NamedGradients): void {
    const u = active();
    if (!u || !use(this, u)) return stock.call(this, grads);
    fused.call(this, u, grads);
  };
}

let installed = false;

function installOnce(): void {
  if (installed) return;
  installed = true;
  patch<RmsInternals>(tf.RMSPropOptimizer, (o) => !o.centered, rmspropStep);
  // Scalars the backend cannot read at once (on a GPU, or left on another backend) are
  // the stock path's to move.
  patch<AdamInternals>(tf.AdamOptimizer, (o, u) => u.scalar(o.accBeta1) != null && u.scalar(o.accBeta2) != null, adamStep);
}

/** Makes `backendName`'s optimizers update in place through `u` (the first call patches
 *  tfjs-core's optimizer classes). Returns a function that takes them back to the stock
 *  path on that backend; the patch itself stays, and does nothing for a backend without
 *  updates. */
export function registerInPlaceUpdates(backendName: string, u: InPlaceUpdates): () => void {
  installOnce();
  updates.set(backendName, u);
  return () => {
    if (updates.get(backendName) === u) updates.delete(backendName);
  };
}
