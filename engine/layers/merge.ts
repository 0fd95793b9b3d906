// Elementwise merges (Add, Multiply, Average) differ only in their operation; they are made
// here and named in their own files under kinds/.
import { kerasCall, tfjsCall } from './params.js';
import { dimsAgree, fail, ok } from './shape.js';
import type { LayerKind, SampleRandom, Shape, ShapeResult } from './types.js';

/** Merges take 2 or more inputs, ordered by the edges' targetPort. */
export const MERGE_ARITY = { min: 2, max: Infinity };

function elementwiseShape(kind: string, inputs: Shape[]): ShapeResult {
  const first = inputs[0];
  if (!first || inputs.length < 2) return fail({ problem: 'count', expected: { min: 2 }, got: inputs.length });
  const out = [...first];
  for (let i = 1; i < inputs.length; i++) {
    const s = inputs[i]!;
    if (s.length !== out.length || s.some((d, j) => !dimsAgree(d, out[j]!)))
      return fail({ problem: 'mismatch', input: i, expected: { equal: 'shape' }, got: [first, s] });
    s.forEach((d, j) => {
      if (out[j] === null) out[j] = d;
    });
  }
  return ok(out);
}

export function elementwiseMerge(kind: 'Add' | 'Multiply' | 'Average', fn: 'add' | 'multiply' | 'average', doc: string): LayerKind {
  const self: LayerKind = {
    kind,
    category: 'Merge',
    doc,
    params: {},
    arity: MERGE_ARITY,
    keyParams: [],
    inferShape: (inputs) => elementwiseShape(kind, inputs),
    countParams: () => ({ trainable: 0, nonTrainable: 0 }),
    build: (_params, ctx) => ctx.tfl.layers[fn]({ name: ctx.name }),
    toKeras: (params, name) => kerasCall(kind, self.params, params, name),
    toTfjs: (params, name) => tfjsCall(fn, self.params, params, name),
    sample: (rnd) => sameShapes(rnd),
  };
  return self;
}

function sameShapes(rnd: SampleRandom) {
  const shape = Array.from({ length: rnd.int(1, 3) }, () => rnd.int(1, 4));
  return { inputs: Array.from({ length: rnd.int(2, 3) }, () => [...shape]), params: {} };
}
