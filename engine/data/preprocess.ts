// Feature scaling as the lecture defines it, with statistics from the training split only:
//   scale        x / range                 (range = max - min)
//   meanNorm     (x - mean) / range
//   standardize  (x - mean) / std
//   pixels       x / 255
// The result is stored with the dataset (offset/divisor per feature) so that export can carry
// it and predictions later see the same scaling.
import type { Dataset, Preprocessing, ScalingMethod, Split } from './types.js';
import { DatasetError } from './errors.js';

export const SCALING_METHODS: readonly ScalingMethod[] = ['none', 'pixels', 'scale', 'meanNorm', 'standardize'];

/** Computes offset/divisor per feature (`width` features per example) from `train`. */
export function fitScaling(method: ScalingMethod, train: Split, width: number): Preprocessing {
  const from = `training split, ${train.count} examples`;
  if (method === 'none') return { method, offset: [0], divisor: [1], from };
  if (method === 'pixels') return { method, offset: [0], divisor: [255], from: 'fixed (pixels / 255)' };
  const min = new Float64Array(width).fill(Infinity);
  const max = new Float64Array(width).fill(-Infinity);
  const sum = new Float64Array(width);
  const sq = new Float64Array(width);
  const x = train.x;
  for (let r = 0; r < train.count; r++) {
    const o = r * width;
    for (let i = 0; i < width; i++) {
      const v = x[o + i]!;
      if (v < min[i]!) min[i] = v;
      if (v > max[i]!) max[i] = v;
      sum[i]! += v;
      sq[i]! += v * v;
    }
  }
  const n = Math.max(train.count, 1);
  const offset: number[] = [];
  const divisor: number[] = [];
  for (let i = 0; i < width; i++) {
    const mean = sum[i]! / n;
    const range = train.count ? max[i]! - min[i]! : 0;
    const std = Math.sqrt(Math.max(sq[i]! / n - mean * mean, 0));
    // A constant feature has no spread: leave it unscaled instead of dividing by zero.
    const spread = method === 'standardize' ? std : range;
    offset.push(method === 'scale' ? 0 : mean);
    divisor.push(spread > 1e-12 ? spread : 1);
  }
  return { method, offset, divisor, from };
}

/** Applies scaling to a copy of the features. */
export function applyScaling(x: Float32Array, p: Preprocessing): Float32Array {
  const out = new Float32Array(x.length);
  const w = p.offset.length;
  if (w !== p.divisor.length || w === 0) throw new DatasetError('preprocessing: offset and divisor differ in length');
  if (w === 1) {
    const o = p.offset[0]!;
    const d = p.divisor[0]!;
    for (let i = 0; i < x.length; i++) out[i] = (x[i]! - o) / d;
    return out;
  }
  if (x.length % w !== 0) throw new DatasetError(`preprocessing: ${x.length} values are not rows of ${w} features`);
  for (let i = 0; i < x.length; i++) out[i] = (x[i]! - p.offset[i % w]!) / p.divisor[i % w]!;
  return out;
}

/** Fits on train, applies to every split; returns a new dataset. */
export function preprocessDataset(ds: Dataset, method: ScalingMethod): Dataset {
  if (!SCALING_METHODS.includes(method)) {
    throw new DatasetError(`unknown preprocessing "${String(method)}"; expected one of ${SCALING_METHODS.join(', ')}`);
  }
  const width = ds.inputShape.reduce((a, b) => a * b, 1);
  const p = fitScaling(method, ds.train, width);
  const scale = (s: Split): Split => ({ ...s, x: applyScaling(s.x, p) });
  return {
    ...ds,
    train: scale(ds.train),
    test: scale(ds.test),
    ...(ds.validation ? { validation: scale(ds.validation) } : {}),
    preprocessing: p,
  };
}

/** One-hot rows for class indices: `count * numClasses` values. */
export function oneHot(labels: ArrayLike<number>, numClasses: number): Float32Array {
  const out = new Float32Array(labels.length * numClasses);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= numClasses) {
      throw new DatasetError(`label ${c} is not a class index below ${numClasses}`, { index: i });
    }
    out[i * numClasses + c] = 1;
  }
  return out;
}

/** Counts examples per class (classification splits). */
export function classCounts(y: Float32Array, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (const v of y) if (v >= 0 && v < numClasses) counts[v]! += 1;
  return counts;
}
