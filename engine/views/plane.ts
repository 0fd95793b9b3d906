// The input plane of a two-feature dataset, in the data's own (unscaled) coordinates: its
// bounds, the examples' positions, and the model inputs for a grid over it (engineered
// features and the dataset's scaling applied exactly as the loader applies them).
import type { Dataset, Preprocessing, Split } from '../data/types.js';
import { ENGINEERED_FEATURES, engineerRows, type EngineeredFeature } from './engineered.js';

export interface Bounds {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/** The engineered features a dataset carries (known names only). */
function engineeredOf(ds: Dataset): EngineeredFeature[] {
  return (ds.engineered ?? []).filter((f): f is EngineeredFeature => Object.hasOwn(ENGINEERED_FEATURES, f));
}

/** Whether the dataset's examples are points of a plane: 2 raw features (plus engineered ones). */
export function isPlaneDataset(ds: Dataset): boolean {
  return prod(ds.inputShape) === 2 + engineeredOf(ds).length && (ds.engineered?.length ?? 0) === engineeredOf(ds).length;
}

/** Whether the dataset is a 1-feature regression (a curve y = f(x)). */
export function isCurveDataset(ds: Dataset): boolean {
  return ds.task === 'regression' && prod(ds.inputShape) === 1 && prod(ds.targetShape) === 1;
}

function column(p: Preprocessing | undefined, i: number): { offset: number; divisor: number } {
  if (!p) return { offset: 0, divisor: 1 };
  const k = p.offset.length === 1 ? 0 : i;
  return { offset: p.offset[k] ?? 0, divisor: p.divisor[k] ?? 1 };
}

/** Raw value of feature `i` from its scaled value. */
export function unscale(ds: Dataset, i: number, v: number): number {
  const c = column(ds.preprocessing, i);
  return v * c.divisor + c.offset;
}

/** The first `dims` features of each example of a split, unscaled (the raw plane or line). */
export function rawColumns(ds: Dataset, split: Split, dims: 1 | 2): Float32Array {
  const w = prod(ds.inputShape);
  const out = new Float32Array(split.count * dims);
  for (let r = 0; r < split.count; r++) for (let d = 0; d < dims; d++) out[r * dims + d] = unscale(ds, d, split.x[r * w + d]!);
  return out;
}

/** Bounds around the train and test points, with a margin (a tenth of each side's span). */
export function planeBounds(ds: Dataset): Bounds {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const s of [ds.train, ds.test]) {
    const p = rawColumns(ds, s, 2);
    for (let i = 0; i < p.length; i += 2) {
      x0 = Math.min(x0, p[i]!); x1 = Math.max(x1, p[i]!);
      y0 = Math.min(y0, p[i + 1]!); y1 = Math.max(y1, p[i + 1]!);
    }
  }
  if (!Number.isFinite(x0)) return { x0: -1, x1: 1, y0: -1, y1: 1 };
  const pad = (lo: number, hi: number): [number, number] => {
    const m = Math.max((hi - lo) * 0.1, 1e-3);
    return [lo - m, hi + m];
  };
  [x0, x1] = pad(x0, x1);
  [y0, y1] = pad(y0, y1);
  return { x0, x1, y0, y1 };
}

/** Cell centres of a res×res grid, row 0 at the top (largest y), as raw (x, y) pairs. */
export function gridPoints(b: Bounds, res: number): Float32Array {
  const out = new Float32Array(res * res * 2);
  for (let r = 0; r < res; r++) {
    const y = b.y1 - ((r + 0.5) / res) * (b.y1 - b.y0);
    for (let c = 0; c < res; c++) {
      const i = (r * res + c) * 2;
      out[i] = b.x0 + ((c + 0.5) / res) * (b.x1 - b.x0);
      out[i + 1] = y;
    }
  }
  return out;
}

/** Model inputs for raw points (pairs, or single values when dims is 1): engineered
 *  features appended, then the dataset's scaling. */
export function modelInputs(ds: Dataset, raw: Float32Array, dims: 1 | 2): Float32Array {
  const count = raw.length / dims;
  const rows = dims === 2 ? engineerRows(raw, count, engineeredOf(ds)) : raw.slice();
  const w = prod(ds.inputShape);
  if (rows.length !== count * w) throw new Error(`the view's inputs have ${rows.length / count} features per point; the dataset's have ${w}`);
  for (let i = 0; i < rows.length; i++) {
    const c = column(ds.preprocessing, i % w);
    rows[i] = (rows[i]! - c.offset) / c.divisor;
  }
  return rows;
}
