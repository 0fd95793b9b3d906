// The cost surface J(θ₀, θ₁) of a model with exactly two parameters — the lecture's
// h(x) = θ₀ + θ₁·x, a Dense of one unit on one input (its bias θ₀, its weight θ₁), with any of
// the usual activations — over the training split, and the path gradient descent took on it.
// J is the training loss as LayerLab computes it (TensorFlow.js's meanSquaredError is the mean
// of the squared errors, without the lecture's ½).
import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { LossName } from '../project/types.js';

export type Activation = 'linear' | 'sigmoid' | 'tanh' | 'relu';
const ACT: Record<Activation, (z: number) => number> = {
  linear: (z) => z,
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  tanh: Math.tanh,
  relu: (z) => (z > 0 ? z : 0),
};

/** The loss per example, for the losses a two-parameter model can have here. */
const LOSS: Partial<Record<LossName, (y: number, p: number) => number>> = {
  meanSquaredError: (y, p) => (y - p) ** 2,
  meanAbsoluteError: (y, p) => Math.abs(y - p),
  binaryCrossentropy: (y, p) => {
    const q = Math.min(Math.max(p, 1e-7), 1 - 1e-7);
    return -(y * Math.log(q) + (1 - y) * Math.log(1 - q));
  },
};

export interface TwoParams {
  /** Reads the current (θ₀, θ₁) from the model. */
  read(): [number, number];
  readAsync(): Promise<[number, number]>;
  activation: Activation;
}

/** The model's two parameters when it has exactly two (bias and weight of a Dense(1) on one
 *  input) and an activation this view can evaluate; otherwise null. */
export function twoParams(model: tfl.LayersModel): TwoParams | null {
  const weights = model.trainableWeights;
  if (weights.length !== 2 || model.countParams() !== 2) return null;
  const kernel = weights.find((w) => /kernel/.test(w.originalName));
  const bias = weights.find((w) => /bias/.test(w.originalName));
  if (!kernel || !bias || kernel.shape.join() !== '1,1' || bias.shape.join() !== '1') return null;
  const layer = model.layers.find((l) => l.trainableWeights.length === 2);
  const cfg = layer?.getConfig() as { activation?: string } | undefined;
  const activation = (cfg?.activation ?? 'linear') as Activation;
  if (!Object.hasOwn(ACT, activation)) return null;
  return {
    activation,
    read() {
      const b = (bias.read() as tf.Tensor).dataSync()[0]!;
      const k = (kernel.read() as tf.Tensor).dataSync()[0]!;
      return [b, k];
    },
    async readAsync() {
      const [b, k] = await Promise.all([(bias.read() as tf.Tensor).data(), (kernel.read() as tf.Tensor).data()]);
      return [b[0]!, k[0]!];
    },
  };
}

/** J(θ₀, θ₁) on examples x (as the model sees them, i.e. scaled) with targets y. */
export function costAt(x: ArrayLike<number>, y: ArrayLike<number>, theta0: number, theta1: number, activation: Activation = 'linear', loss: LossName = 'meanSquaredError'): number {
  const f = ACT[activation];
  const l = LOSS[loss];
  if (!l) throw new Error(`the cost surface is drawn for meanSquaredError, meanAbsoluteError or binaryCrossentropy, not ${loss}`);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += l(y[i]!, f(theta0 + theta1 * x[i]!));
  return s / Math.max(x.length, 1);
}

export function lossSupported(loss: LossName): boolean {
  return Object.hasOwn(LOSS, loss);
}

/** The least-squares line's (θ₀, θ₁) (the minimum of the linear model's MSE surface). */
export function leastSquares(x: ArrayLike<number>, y: ArrayLike<number>): [number, number] {
  const n = Math.max(x.length, 1);
  let mx = 0, my = 0;
  for (let i = 0; i < x.length; i++) { mx += x[i]!; my += y[i]!; }
  mx /= n; my /= n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < x.length; i++) { sxy += (x[i]! - mx) * (y[i]! - my); sxx += (x[i]! - mx) ** 2; }
  const t1 = sxx > 0 ? sxy / sxx : 0;
  return [my - t1 * mx, t1];
}

export interface CostSurface {
  /** θ₀ along the horizontal axis, θ₁ along the vertical (row 0 at the top, largest θ₁). */
  theta0: [number, number];
  theta1: [number, number];
  res: number;
  /** res×res values of J, row-major. */
  J: Float32Array;
  /** The grid's lowest point (the least-squares solution for a linear model with MSE). */
  best: [number, number, number];
}

/** The surface over a square window (the same span on both axes, so an unscaled feature's
 *  stretched valley shows as stretched) around the minimum that holds every `around` point. */
export function costSurface(x: ArrayLike<number>, y: ArrayLike<number>, opts: { activation?: Activation; loss?: LossName; around?: [number, number][]; res?: number } = {}): CostSurface {
  const activation = opts.activation ?? 'linear';
  const loss = opts.loss ?? 'meanSquaredError';
  const res = opts.res ?? 41;
  // The linear MSE minimum in closed form; otherwise the window's centre comes from the points.
  let centre = leastSquares(x, y);
  if (activation !== 'linear' || loss !== 'meanSquaredError') centre = opts.around?.at(-1) ?? centre;
  let half = 1;
  for (const [a, b] of opts.around ?? []) if (Number.isFinite(a) && Number.isFinite(b)) half = Math.max(half, Math.abs(a - centre[0]) * 1.15, Math.abs(b - centre[1]) * 1.15);
  const theta0: [number, number] = [centre[0] - half, centre[0] + half];
  const theta1: [number, number] = [centre[1] - half, centre[1] + half];
  const J = new Float32Array(res * res);
  let best: [number, number, number] = [centre[0], centre[1], Infinity];
  for (let r = 0; r < res; r++) {
    const t1 = theta1[1] - (r / (res - 1)) * (theta1[1] - theta1[0]);
    for (let c = 0; c < res; c++) {
      const t0 = theta0[0] + (c / (res - 1)) * (theta0[1] - theta0[0]);
      const j = costAt(x, y, t0, t1, activation, loss);
      J[r * res + c] = j;
      if (j < best[2]) best = [t0, t1, j];
    }
  }
  if (activation === 'linear' && loss === 'meanSquaredError') best = [centre[0], centre[1], costAt(x, y, centre[0], centre[1])];
  return { theta0, theta1, res, J, best };
}
