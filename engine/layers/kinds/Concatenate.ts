import { MERGE_ARITY } from '../merge.js';
import { kerasCall, tfjsCall } from '../params.js';
import { axisIndex, dimsAgree, fail, ok } from '../shape.js';
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
    if (!first || inputs.length < 2) return fail({ problem: 'count', expected: { min: 2 }, got: inputs.length });
    const a = axisIndex(axis, first);
    if (a === null)
      return fail({ problem: 'axis', input: 0, expected: { axis }, got: first });
    const out: Dim[] = [...first];
    for (let i = 1; i < inputs.length; i++) {
      const s = inputs[i]!;
      if (s.length !== first.length)
        return fail({ problem: 'rank-mismatch', input: i, expected: 'same rank', got: [first, s] });
      const bad = s.findIndex((d, j) => j !== a && !dimsAgree(d, out[j]!));
      if (bad >= 0)
        {
        // Concatenating on the one axis they differ on would join them, when it is the only one.
        const differ = s.filter((d, j) => !dimsAgree(d, out[j]!)).length === 1;
        return fail({
          problem: 'mismatch',
          input: i,
          expected: { equal: 'other-axes', axis, differ: bad + 1 },
          got: [first, s],
          ...(differ ? { fix: { kind: 'setParam', param: 'axis', value: bad + 1 } as const } : {}),
        });
      }
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
