// The parity check: the exported ONNX model run by onnxruntime-node on raw inputs, against
// TensorFlow.js's predictions on the same examples as the app feeds them (scaled). A mismatch
// names the first sample that differs. onnxruntime-node is loaded when asked for, so the
// exporter works without it and says the check did not run.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Preprocessing } from '../../data/types.js';

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
      /** The first sample past the tolerance. */
      first?: { sample: number; index: number; onnx: number; tfjs: number };
      /** Where the inputs came from ('test split' or 'random inputs'). */
      source: string;
      line: string;
    };

type Ort = typeof import('onnxruntime-node');

/** onnxruntime-node, or why it is not there. */
export async function loadOrt(): Promise<Ort | string> {
  try {
    return await import('onnxruntime-node');
  } catch (e) {
    return `onnxruntime-node is not installed (npm install onnxruntime-node) (${(e as Error).message.split('\n')[0]})`;
  }
}

/** Undoes the scaling: the raw examples the scaled ones came from. */
export function unscale(x: Float32Array, p: Preprocessing | undefined): Float32Array {
  if (!p || p.method === 'none') return x;
  const w = p.offset.length;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]! * p.divisor[i % w]! + p.offset[i % w]!;
  return out;
}

export interface ParityInput {
  /** Scaled inputs, as TensorFlow.js trained on them; row-major `count × prod(shape)`. */
  scaled: Float32Array;
  /** The same examples raw, as the ONNX model takes them. */
  raw: Float32Array;
  count: number;
  source: string;
  /** A classifier: with one output value, the class is p > 0.5 (with several, the arg-max). */
  classification?: boolean;
}

function fmt(v: number): string {
  return v === 0 ? '0' : v.toExponential(1);
}

/** Runs both models on `input` (one model input) and compares every output value. */
export async function checkOnnxParity(onnx: Uint8Array, model: tfl.LayersModel, input: ParityInput, tolerance = PARITY_TOLERANCE): Promise<ParityResult> {
  const ort = await loadOrt();
  if (typeof ort === 'string') return { checked: false, reason: ort, line: `not checked: ${ort}` };
  if (model.inputs.length !== 1) return { checked: false, reason: 'the model has several inputs', line: 'not checked: the parity check feeds models of one input' };
  const shape = model.inputs[0]!.shape.slice(1) as number[];
  const session = await ort.InferenceSession.create(onnx);
  try {
    const dims = [input.count, ...shape];
    const result = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', input.raw, dims) });
    const got = result[session.outputNames[0]!]!.data as Float32Array;
    const predicted = tf.tidy(() => {
      const x = tf.tensor(input.scaled, dims, 'float32');
      const out = model.predict(x);
      return (Array.isArray(out) ? out[0]! : out).clone();
    });
    const want = (await predicted.data()) as Float32Array;
    const width = predicted.shape.slice(1).reduce((a, b) => a * (b ?? 1), 1);
    predicted.dispose();
    if (got.length !== want.length) {
      const line = `predictions differ: ONNX gave ${got.length} values, TensorFlow.js ${want.length}`;
      return { checked: true, ok: false, samples: input.count, maxDelta: Infinity, source: input.source, line };
    }
    let maxDelta = 0;
    let first: { sample: number; index: number; onnx: number; tfjs: number } | undefined;
    for (let i = 0; i < got.length; i++) {
      const d = Math.abs(got[i]! - want[i]!);
      if (!(d <= tolerance) && !first) first = { sample: Math.floor(i / width), index: i % width, onnx: got[i]!, tfjs: want[i]! };
      if (!(d <= maxDelta)) maxDelta = Number.isNaN(d) ? Infinity : d;
    }
    let sameClass: number | undefined;
    if (input.classification) {
      sameClass = 0;
      for (let s = 0; s < input.count; s++) {
        const arg = (a: Float32Array) => {
          if (width === 1) return a[s]! > 0.5 ? 1 : 0;
          let best = 0;
          for (let j = 1; j < width; j++) if (a[s * width + j]! > a[s * width + best]!) best = j;
          return best;
        };
        if (arg(got) === arg(want)) sameClass++;
      }
    }
    const cls = sameClass !== undefined ? `, same class on ${sameClass}/${input.count}` : '';
    const over = `over ${input.count} samples${input.source === 'random inputs' ? ' (random inputs)' : ''}`;
    const line = first
      ? `predictions differ: max |Δ| = ${fmt(maxDelta)} ${over}${cls}; first at sample ${first.sample}, value ${first.index}: ONNX ${first.onnx}, TensorFlow.js ${first.tfjs} (tolerance ${tolerance})`
      : `predictions match: max |Δ| = ${fmt(maxDelta)} ${over}${cls}`;
    return { checked: true, ok: !first, samples: input.count, maxDelta, ...(sameClass !== undefined ? { sameClass } : {}), ...(first ? { first } : {}), source: input.source, line };
  } finally {
    await session.release();
  }
}
