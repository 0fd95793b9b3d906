// Small pure helpers for shape arithmetic and for messages that show shapes the way the
// canvas does: [batch, 28, 28, 1].
import type { Dim, Shape, ShapeError, ShapeFix, ShapeResult } from './types.js';

export { formatShape } from './shape-text.js';

export function ok(shape: Shape): ShapeResult {
  return { ok: true, shape };
}

export function fail(error: ShapeError): ShapeResult {
  return { ok: false, error };
}

/** Product of the dimensions, or null when one is unknown. */
export function size(shape: Shape): number | null {
  let n = 1;
  for (const d of shape) {
    if (d === null) return null;
    n *= d;
  }
  return n;
}

/** Output length of a convolution or pooling window along one axis (Keras conv_output_length). */
export function convLength(input: Dim, kernel: number, stride: number, padding: string, dilation = 1): Dim {
  if (input === null) return null;
  const effective = (kernel - 1) * dilation + 1;
  const len = padding === 'same' ? input : input - effective + 1;
  return Math.floor((len + stride - 1) / stride);
}

/** Output length of a transposed convolution along one axis (Keras deconv_output_length). */
export function deconvLength(input: Dim, kernel: number, stride: number, padding: string): Dim {
  if (input === null) return null;
  return padding === 'same' ? input * stride : input * stride + Math.max(kernel - stride, 0);
}

/** A layer that needs a given rank: "needs a 4-D input [batch, height, width, channels] but gets [batch, 784]". */
export function rankError(wantRank: number, layout: string, got: Shape, hint: Hint = {}): ShapeResult {
  return fail({ problem: 'rank', expected: { rank: wantRank, layout }, got, ...hint });
}

/** How to fix a shape: an edit where one is known, and words after (or instead of) it. */
export interface Hint {
  fix?: ShapeFix;
  advice?: string;
}

/** "insert a Reshape to …" as an edit; a target with two unknowns (-1) is no valid Reshape,
 *  so it stays words for the user to complete. */
function reshapeTo(targetShape: number[], after = ''): Hint {
  if (targetShape.filter((d) => d === -1).length > 1) return { advice: `insert a Reshape to [${targetShape.join(', ')}]${after}` };
  const fix: ShapeFix = { kind: 'insert', layer: 'Reshape', params: { targetShape } };
  return after ? { fix, advice: after } : { fix };
}

/** The one input of a single-input layer (the checker guarantees arity before inferShape). */
export function single(inputs: Shape[]): Shape {
  return inputs[0] ?? [];
}

/** Two dimensions agree when equal or when either is unknown until run time. */
export function dimsAgree(a: Dim, b: Dim): boolean {
  return a === null || b === null || a === b;
}

/** Hint for a layer that needs an image [height, width, channels]. */
export function imageHint(got: Shape): Hint {
  if (got.length === 1) {
    const n = got[0];
    const side = n === null || n === undefined ? null : Math.round(Math.sqrt(n));
    if (side !== null && side * side === n) return reshapeTo([side, side, 1]);
  }
  if (got.length === 2) return reshapeTo([dim(got[0]), dim(got[1]), 1]);
  return { advice: 'insert a Reshape to [height, width, channels]' };
}

/** Hint for a layer that needs a sequence [steps, features]. */
export function sequenceHint(got: Shape): Hint {
  if (got.length === 1) return reshapeTo([dim(got[0]), 1], ' (one feature per step) or a RepeatVector');
  if (got.length === 3) {
    const [h, w, c] = got;
    // An unknown width or channel count leaves the features for TensorFlow.js to infer (-1).
    const wc = w === null || c === null || w === undefined || c === undefined ? -1 : w * c;
    return reshapeTo([dim(h), wc], ' (one row per step)');
  }
  return { advice: 'insert a Reshape to [steps, features]' };
}

/** A dimension as a Reshape target: unknown becomes -1. */
function dim(d: Dim | undefined): number {
  return d === null || d === undefined ? -1 : d;
}

/** Keras axis (counting the batch as 0; negative from the end) to an index into a shape
 *  without batch, or null when it names the batch or lies outside. */
export function axisIndex(axis: number, shape: Shape): number | null {
  const rank = shape.length + 1;
  const a = axis < 0 ? rank + axis : axis;
  if (a < 1 || a >= rank) return null;
  return a - 1;
}

/** An axis that does not fit the input. */
export function axisError(axis: number, got: Shape): ShapeResult {
  return fail({ problem: 'axis', expected: { axis }, got });
}

/** A dimension that must be known when the graph is built. */
export function unknownError(what: string, got: Shape): ShapeResult {
  return fail({ problem: 'unknown', expected: what, got });
}

/** The fix for a kernel or window larger than its input: padding 'same' keeps every size. */
export const PAD_SAME: ShapeFix = Object.freeze({ kind: 'setParam', param: 'padding', value: 'same' });
