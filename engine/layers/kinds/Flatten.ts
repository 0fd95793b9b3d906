import { kerasCall, tfjsCall } from '../params.js';
import { fail, ok, single, size, unknownError } from '../shape.js';
import type { LayerKind } from '../types.js';
import { KERAS_CHANNELS_LAST } from '../keras-config.js';

export const Flatten: LayerKind = {
  kind: 'Flatten',
  keras: { neutral: { data_format: KERAS_CHANNELS_LAST } },
  category: 'Reshaping',
  doc: 'Lays all values of one example out in a single row, e.g. an image [28, 28, 1] becomes [784].',
  params: {},
  arity: { min: 1, max: 1 },
  keyParams: [],
  inferShape(inputs) {
    const s = single(inputs);
    // TensorFlow.js's Flatten rejects inputs that are already flat (its minNDim is 3).
    if (s.length < 2)
      return fail({ problem: 'needs', expected: 'an input with at least 2 dimensions [batch, a, b, …]', got: s, gotNote: ', which is already flat', fix: { kind: 'remove' } });
    const n = size(s);
    if (n === null)
      return unknownError('every dimension known', s);
    return ok([n]);
  },
  countParams: () => ({ trainable: 0, nonTrainable: 0 }),
  build: (_params, ctx) => ctx.tfl.layers.flatten({ name: ctx.name }),
  toKeras: (params, name) => kerasCall('Flatten', Flatten.params, params, name),
  toTfjs: (params, name) => tfjsCall('flatten', Flatten.params, params, name),
  sample: (rnd) => ({
    inputs: [Array.from({ length: rnd.int(2, 3) }, () => rnd.int(1, 4))],
    params: {},
  }),
};
