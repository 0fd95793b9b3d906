// Small pure helpers for shape arithmetic and for messages that show shapes the way the
// canvas does: [batch, 28, 28, 1].
import type { Dim, Shape, ShapeResult } from './types.js';

/** "[batch, 28, 28, 1]"; unknown dimensions print as "?". */
export function formatShape(shape: Shape): string {
  return `[${['batch', ...shape.map((d) => (d === null ? '?' : String(d)))].join(', ')}]`;
}

export function ok(shape: Shape): ShapeResult {
  return { ok: true, shape };
}

export function fail(error: string): ShapeResult {
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

/** Error text when a layer needs a given rank: "needs a 4-D input [batch, height, width, channels] but gets [batch, 784]". */
export function rankError(kind: string, wantRank: number, layout: string, got: Shape, hint?: string): ShapeResult {
  return fail(
    `${kind} needs a ${wantRank}-D input [batch, ${layout}] but gets ${formatShape(got)}${hint ? `; ${hint}` : ''}`,
  );
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
export function imageHint(got: Shape): string {
  if (got.length === 1) {
    const n = got[0];
    const side = n === null || n === undefined ? null : Math.round(Math.sqrt(n));
    if (side !== null && side * side === n) return `insert a Reshape to [${side}, ${side}, 1]`;
  }
  if (got.length === 2) return `insert a Reshape to [${dimText(got[0])}, ${dimText(got[1])}, 1]`;
  return 'insert a Reshape to [height, width, channels]';
}

/** Hint for a layer that needs a sequence [steps, features]. */
export function sequenceHint(got: Shape): string {
  if (got.length === 1) return `insert a Reshape to [${dimText(got[0])}, 1] (one feature per step) or a RepeatVector`;
  if (got.length === 3) {
    const [h, w, c] = got;
    const wc = w === null || c === null || w === undefined || c === undefined ? '?' : String(w * c);
    return `insert a Reshape to [${dimText(h)}, ${wc}] (one row per step)`;
  }
  return 'insert a Reshape to [steps, features]';
}

function dimText(d: Dim | undefined): string {
  return d === null || d === undefined ? '-1' : String(d);
}

/** Keras axis (counting the batch as 0; negative from the end) to an index into a shape
 *  without batch, or null when it names the batch or lies outside. */
export function axisIndex(axis: number, shape: Shape): number | null {
  const rank = shape.length + 1;
  const a = axis < 0 ? rank + axis : axis;
  if (a < 1 || a >= rank) return null;
  return a - 1;
}

/** The message for an axis that does not fit the input. */
export function axisError(kind: string, axis: number, got: Shape): ShapeResult {
  return fail(
    `${kind} axis ${axis} does not fit an input ${formatShape(got)}: it must name a non-batch axis, 1..${got.length} or -1..-${got.length}`,
  );
}

/** Error for a dimension that must be known when the graph is built. */
export function unknownError(kind: string, what: string, got: Shape): ShapeResult {
  return fail(
    `${kind} needs ${what} but gets ${formatShape(got)}; unknown sizes come from an Input with null dimensions or a Reshape with -1 (TensorFlow.js resolves -1 only at run time), so write the size there instead`,
  );
}
