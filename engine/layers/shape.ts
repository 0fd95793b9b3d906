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
