// The one printer of shapes and dimension tuples, in each spelling LayerLab shows: the
// canvas's "[batch, 28, 28, 1]", a parameter's or file's "[28, 28, 1]", Python's
// "(None, 28, 28, 1)" and the compact "28×28×1". A leaf module (no imports), so the data
// loaders, the CLI and the renderer use it without pulling in the layer catalog.

/** Dimensions; null is one not known until run time (the batch, a free axis). */
export type Dims = readonly (number | null)[];

function dims(shape: Dims, unknown: string): string[] {
  return shape.map((d) => (d === null ? unknown : String(d)));
}

/** "[batch, 28, 28, 1]": a layer's shape (no batch dimension in it) as the canvas shows it; unknown dimensions print as "?". */
export function formatShape(shape: Dims): string {
  return `[${['batch', ...dims(shape, '?')].join(', ')}]`;
}

/** "[28, 28, 1]": a shape as written in a parameter or a file, unknown dimensions as "?". */
export function plainShape(shape: Dims): string {
  return `[${dims(shape, '?').join(', ')}]`;
}

/** "[batch, 28, ?]": a shape whose first entry is the batch (null there is "batch"); "?" when there is none. */
export function batchShape(shape: Dims | null | undefined): string {
  if (!shape) return '?';
  return `[${shape.map((d, i) => (i === 0 && d === null ? 'batch' : d === null ? '?' : String(d))).join(', ')}]`;
}

/** "(None, 28, 28, 1)", "(4,)": a Python tuple, as Keras prints shapes and takes them. */
export function pythonTuple(shape: Dims): string {
  const parts = dims(shape, 'None');
  return `(${parts.join(', ')}${parts.length === 1 ? ',' : ''})`;
}

/** "28×28×1": a shape where room is short (a button). */
export function compactShape(shape: Dims): string {
  return dims(shape, '?').join('×');
}
