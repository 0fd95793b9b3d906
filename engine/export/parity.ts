// The parity check every weights export goes through: the written artifact (an .onnx file in
// onnxruntime, a model.json folder reloaded by TensorFlow.js, a PyTorch folder in python3)
// is run on raw inputs and compared, value by value, with the app's own predictions on the
// same examples as the app feeds them (scaled as the run trained). A mismatch names the
// first sample that differs.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { applyScaling } from '../data/index.js';
import type { Dataset, Preprocessing } from '../data/types.js';

export const PARITY_TOLERANCE = 1e-4;
export const PARITY_SAMPLES = 256;

export type ParityResult =
  | { checked: false; reason: string; line: string }
  | {
      checked: true;
      ok: boolean;
      samples: number;
      maxDelta: number;
      /** Classifiers: samples whose predicted class agrees. */
      sameClass?: number;
      /** The first value past the tolerance: the exported model's and the app's. */
      first?: { sample: number; index: number; exported: number; app: number };
      /** Where the inputs came from ('test split' or 'random inputs'). */
      source: string;
      line: string;
    };

export interface ParityInput {
  /** Scaled inputs, as TensorFlow.js trained on them; row-major `count × prod(shape)`. */
  scaled: Float32Array;
  /** The same examples raw, as the exported model takes them. */
  raw: Float32Array;
  count: number;
  source: string;
  /** A classifier: with one output value, the class is p > 0.5 (with several, the arg-max). */
  classification?: boolean;
}

/** Undoes the scaling: the raw examples the scaled ones came from. */
export function unscale(x: Float32Array, p: Preprocessing | undefined): Float32Array {
  if (!p || p.method === 'none') return x;
  const w = p.offset.length;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]! * p.divisor[i % w]! + p.offset[i % w]!;
  return out;
}

/** The examples both sides get: the test split's first ones (up to PARITY_SAMPLES), or
 *  random ones of the Input's shape when there is no data. */
export function parityInputs(model: tfl.LayersModel, dataset: Dataset | undefined, prep: Preprocessing | undefined, classification: boolean): ParityInput {
  const shape = model.inputs[0]!.shape.slice(1) as number[];
  const width = shape.reduce((a, b) => a * b, 1);
  const split = dataset && (dataset.test.count > 0 ? dataset.test : dataset.train);
  const count = Math.min(split?.count ?? 0, PARITY_SAMPLES);
  if (dataset && split && count > 0 && split.x.length >= count * width) {
    // The loader scaled the split with its own fit; the raw values go into the exported model,
    // and TensorFlow.js gets them scaled as the run trained (its recorded statistics).
    const raw = unscale(split.x.subarray(0, count * width), dataset.preprocessing);
    const scaled = prep && prep.method !== 'none' ? applyScaling(raw, prep) : raw;
    return { raw, scaled, count, source: split === dataset.test ? 'test split' : 'training split', classification };
  }
  const n = 64;
  const scaled = tf.tidy(() => tf.randomUniform([n * width], 0, 1, 'float32', 1).dataSync() as Float32Array);
  return { raw: unscale(scaled, prep), scaled, count: n, source: 'random inputs', classification };
}

/** Whether the first output is the class probabilities (not, say, an autoencoder's
 *  reconstruction of a labelled dataset): only then is class agreement counted. */
export function isClassifierOutput(model: tfl.LayersModel, task: string | undefined, classNames: string[] | undefined): boolean {
  const width = (model.outputs[0]!.shape.slice(1) as number[]).reduce((x, y) => x * y, 1);
  return task === 'classification' && (width === 1 || width === classNames?.length);
}

/** The app's predictions (first output) on the scaled inputs. */
export async function appPredictions(model: tfl.LayersModel, input: ParityInput): Promise<{ values: Float32Array; width: number }> {
  const dims = [input.count, ...(model.inputs[0]!.shape.slice(1) as number[])];
  const predicted = tf.tidy(() => {
    const out = model.predict(tf.tensor(input.scaled, dims, 'float32'));
    return (Array.isArray(out) ? out[0]! : out).clone();
  });
  try {
    return { values: (await predicted.data()) as Float32Array, width: predicted.shape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1) };
  } finally {
    predicted.dispose();
  }
}

function fmt(v: number): string {
  return v === 0 ? '0' : v.toExponential(1);
}

/** Compares the exported model's outputs (`got`) with the app's (`want`, `width` values per
 *  sample); `format` names the exported side in the message ("the exported ONNX model"…). */
export function compareOutputs(got: ArrayLike<number>, want: Float32Array, width: number, input: ParityInput, format: string, tolerance = PARITY_TOLERANCE): ParityResult {
  if (got.length !== want.length) {
    const line = `predictions differ: ${format} gave ${got.length} values, the app ${want.length}`;
    return { checked: true, ok: false, samples: input.count, maxDelta: Infinity, source: input.source, line };
  }
  let maxDelta = 0;
  let first: { sample: number; index: number; exported: number; app: number } | undefined;
  for (let i = 0; i < got.length; i++) {
    const d = Math.abs(got[i]! - want[i]!);
    if (!(d <= tolerance) && !first) first = { sample: Math.floor(i / width), index: i % width, exported: got[i]!, app: want[i]! };
    if (!(d <= maxDelta)) maxDelta = Number.isNaN(d) ? Infinity : d;
  }
  let sameClass: number | undefined;
  if (input.classification) {
    sameClass = 0;
    const arg = (a: ArrayLike<number>, s: number) => {
      if (width === 1) return a[s]! > 0.5 ? 1 : 0;
      let best = 0;
      for (let j = 1; j < width; j++) if (a[s * width + j]! > a[s * width + best]!) best = j;
      return best;
    };
    for (let s = 0; s < input.count; s++) if (arg(got, s) === arg(want, s)) sameClass++;
  }
  const cls = sameClass !== undefined ? `, same class on ${sameClass}/${input.count}` : '';
  const over = `over ${input.count} samples${input.source === 'random inputs' ? ' (random inputs)' : ''}`;
  const line = first
    ? `predictions differ: max |Δ| = ${fmt(maxDelta)} ${over}${cls}; first at sample ${first.sample}, value ${first.index}: ${format} ${first.exported}, app ${first.app} (tolerance ${tolerance})`
    : `predictions match: max |Δ| = ${fmt(maxDelta)} ${over}${cls}`;
  return { checked: true, ok: !first, samples: input.count, maxDelta, ...(sameClass !== undefined ? { sameClass } : {}), ...(first ? { first } : {}), source: input.source, line };
}

/** The parity result as the app's contract carries it (Infinity does not survive JSON). */
export function parityWire(p: ParityResult) {
  return p.checked
    ? { checked: true, ok: p.ok, maxAbsDiff: Number.isFinite(p.maxDelta) ? p.maxDelta : null, samples: p.samples, sameClass: p.sameClass ?? null, source: p.source, ...(p.first ? { first: p.first } : {}), message: p.line }
    : { checked: false, ok: false, maxAbsDiff: null, samples: 0, sameClass: null, message: p.line };
}
