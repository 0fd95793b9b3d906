import { MERGE_ARITY } from '../merge.js';
import { kerasCall, tfjsCall } from '../params.js';
import { axisIndex, dimsAgree, fail, formatShape, ok } from '../shape.js';
import type { Dim, LayerKind } from '../types.js';

export const Concatenate: LayerKind = {
  kind: 'Concatenate',
  category: 'Merge',
  doc: 'Joins its inputs side by side along one axis; the other dimensions must agree.',
  params: {
    axis: { type: 'int', default: -1, doc: 'Axis to join along (-1: the last, e.g. features or channels).' },
  },
  arity: MERGE_ARITY,
  keyParams: ['axis'],
  inferShape(inputs, params) {
    const axis = params.axis as number;
    const first = inputs[0];
    if (!first || inputs.length < 2) return fail(`Concatenate needs at least 2 inputs but gets ${inputs.length}`);
    const a = axisIndex(axis, first);
    if (a === null)
      return fail(`Concatenate axis ${axis} does not fit input 1 ${formatShape(first)}: it must name a non-batch axis, 1..${first.length} or -1..-${first.length}`);
    const out: Dim[] = [...first];
    for (let i = 1; i < inputs.length; i++) {
      const s = inputs[i]!;
      if (s.length !== first.length)
        return fail(
          `Concatenate needs inputs of the same rank but input 1 is ${formatShape(first)} and input ${i + 1} is ${formatShape(s)}; insert a Reshape or Flatten before one of them`,
        );
      const bad = s.findIndex((d, j) => j !== a && !dimsAgree(d, out[j]!));
      if (bad >= 0)
        return fail(
          `Concatenate on axis ${axis} needs the other dimensions to agree but input 1 is ${formatShape(first)} and input ${i + 1} is ${formatShape(s)} (they differ on axis ${bad + 1}); make them equal or concatenate on axis ${bad + 1}`,
        );
      s.forEach((d, j) => {
        if (j === a) out[j] = out[j] === null || d === null ? null : (out[j] as number) + d;
        else if (out[j] === null) out[j] = d;
      });
    }
    return ok(out);
  },
  countParams: () => ({ trainable: 0, nonTrainable: 0 }),
  build: (params, ctx) => ctx.tfl.layers.concatenate({ name: ctx.name, axis: params.axis as number }),
  toKeras: (params, name) => kerasCall('Concatenate', Concatenate.params, params, name),
  toTfjs: (params, name) => tfjsCall('concatenate', Concatenate.params, params, name),
  sample(rnd) {
    const base = Array.from({ length: rnd.int(1, 3) }, () => rnd.int(1, 3));
    const axis = rnd.pick([-1, rnd.int(1, base.length)]);
    const a = axisIndex(axis, base)!;
    const inputs = Array.from({ length: rnd.int(2, 3) }, () => base.map((d, j) => (j === a ? rnd.int(1, 3) : d)));
    return { inputs, params: { axis } };
  },
};
