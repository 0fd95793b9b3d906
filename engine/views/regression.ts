// A 1-feature regression: the data and the model's curve over the data's x range, in the
// data's own units (x unscaled).
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Dataset } from '../data/types.js';
import { modelInputs, rawColumns } from './plane.js';

export interface CurvePoints {
  x: Float32Array;
  y: Float32Array;
}

export interface CurveSnapshot {
  kind: 'curve';
  /** The x feature's and the target's names. */
  axes: [string, string];
  xs: Float32Array;
  /** The model's prediction at each of xs. */
  ys: Float32Array;
  train: CurvePoints;
  test: CurvePoints;
}

function pointsOf(ds: Dataset, which: 'train' | 'test', max: number): CurvePoints {
  const s = ds[which];
  const x = rawColumns(ds, s, 1);
  const step = Math.max(1, Math.ceil(s.count / max));
  const n = Math.ceil(s.count / step);
  const out = { x: new Float32Array(n), y: new Float32Array(n) };
  for (let i = 0, j = 0; i < s.count; i += step, j++) {
    out.x[j] = x[i]!;
    out.y[j] = s.y[i]!;
  }
  return out;
}

export interface CurveProbe {
  snapshot(): CurveSnapshot;
  snapshotAsync(): Promise<CurveSnapshot>;
  dispose(): void;
}

/** A probe drawing the model's curve at `samples` xs over the data's range (a tenth beyond). */
export function curveProbe(model: tfl.LayersModel, ds: Dataset, samples = 121): CurveProbe {
  const train = pointsOf(ds, 'train', 600);
  const test = pointsOf(ds, 'test', 300);
  let lo = Infinity, hi = -Infinity;
  for (const v of [...train.x, ...test.x]) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!Number.isFinite(lo)) [lo, hi] = [-1, 1];
  const pad = Math.max((hi - lo) * 0.1, 1e-3);
  const xs = Float32Array.from({ length: samples }, (_, i) => lo - pad + ((hi - lo + 2 * pad) * i) / (samples - 1));
  const inputs = tf.tensor2d(modelInputs(ds, xs, 1), [samples, 1]);
  const axes: [string, string] = [ds.featureNames?.[0] ?? 'x', 'y'];
  return {
    snapshot() {
      const ys = tf.tidy(() => (model.predict(inputs) as tf.Tensor).dataSync() as Float32Array);
      return { kind: 'curve', axes, xs, ys: Float32Array.from(ys), train, test };
    },
    async snapshotAsync() {
      const t = tf.tidy(() => model.predict(inputs) as tf.Tensor);
      try {
        return { kind: 'curve', axes, xs, ys: Float32Array.from((await t.data()) as Float32Array), train, test };
      } finally {
        t.dispose();
      }
    },
    dispose() {
      inputs.dispose();
    },
  };
}
