import { kerasCall, tfjsCall } from '../params.js';
import { ok, rankError, single } from '../shape.js';
import type { LayerKind } from '../types.js';

export const RepeatVector: LayerKind = {
  kind: 'RepeatVector',
  category: 'Reshaping',
  doc: 'Repeats a vector n times to make a sequence, e.g. to feed an encoding into a recurrent decoder.',
  params: {
    n: { type: 'int', default: 2, min: 1, doc: 'How many times (time steps) to repeat the input.' },
  },
  arity: { min: 1, max: 1 },
  keyParams: ['n'],
  inferShape(inputs, params) {
    const s = single(inputs);
    if (s.length !== 1) return rankError(2, 'features', s, { fix: { kind: 'insert', layer: 'Flatten', params: {} }, advice: ', or use a recurrent layer without returnSequences' });
    return ok([params.n as number, s[0]!]);
  },
  countParams: () => ({ trainable: 0, nonTrainable: 0 }),
  build: (params, ctx) => ctx.tfl.layers.repeatVector({ name: ctx.name, n: params.n as number }),
  toKeras: (params, name) => kerasCall('RepeatVector', RepeatVector.params, params, name, { positional: ['n'] }),
  toTfjs: (params, name) => tfjsCall('repeatVector', RepeatVector.params, params, name, ['n']),
  sample: (rnd) => ({ inputs: [[rnd.int(1, 5)]], params: { n: rnd.int(1, 4) } }),
};
