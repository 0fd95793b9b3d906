import { kerasCall, tfjsCall } from '../params.js';
import { ok, single } from '../shape.js';
import type { LayerKind } from '../types.js';
import { KERAS_ANY } from '../types.js';

/** Zeroes a random fraction of values while training (and rescales the rest); a no-op when predicting. */
export const Dropout: LayerKind = {
  kind: 'Dropout',
  keras: { neutral: { noise_shape: null, seed: KERAS_ANY } },
  category: 'Regularization',
  doc: 'While training, drops a random fraction of values to fight overfitting; does nothing when predicting.',
  params: {
    rate: { type: 'float', default: 0.5, min: 0, max: 0.99, doc: 'Fraction of values dropped, e.g. 0.2.' },
  },
  arity: { min: 1, max: 1 },
  keyParams: ['rate'],
  inferShape: (inputs) => ok([...single(inputs)]),
  countParams: () => ({ trainable: 0, nonTrainable: 0 }),
  build: (params, ctx) =>
    ctx.tfl.layers.dropout({ name: ctx.name, rate: params.rate as number, ...(ctx.seed === undefined ? {} : { seed: ctx.seed }) }),
  toKeras: (params, name) => kerasCall('Dropout', Dropout.params, params, name, { positional: ['rate'] }),
  toTfjs: (params, name) => tfjsCall('dropout', Dropout.params, params, name, ['rate']),
  sample: (rnd) => ({
    inputs: [Array.from({ length: rnd.int(1, 3) }, () => rnd.int(1, 4))],
    params: { rate: rnd.pick([0, 0.1, 0.2, 0.5, 0.9]) },
  }),
};
