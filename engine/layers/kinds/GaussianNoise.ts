import { kerasCall, tfjsCall } from '../params.js';
import { ok, single } from '../shape.js';
import type { LayerKind } from '../types.js';

export const GaussianNoise: LayerKind = {
  kind: 'GaussianNoise',
  category: 'Regularization',
  doc: 'While training, adds random normal noise to every value (a regularizer); does nothing when predicting.',
  params: {
    stddev: { type: 'float', default: 0.1, min: 0, exclusiveMin: true, doc: 'Standard deviation of the noise.' },
  },
  arity: { min: 1, max: 1 },
  keyParams: ['stddev'],
  inferShape: (inputs) => ok([...single(inputs)]),
  countParams: () => ({ trainable: 0, nonTrainable: 0 }),
  build: (params, ctx) => ctx.tfl.layers.gaussianNoise({ name: ctx.name, stddev: params.stddev as number }),
  toKeras: (params, name) => kerasCall('GaussianNoise', GaussianNoise.params, params, name, { positional: ['stddev'] }),
  toTfjs: (params, name) => tfjsCall('gaussianNoise', GaussianNoise.params, params, name, ['stddev']),
  sample: (rnd) => ({
    inputs: [Array.from({ length: rnd.int(1, 3) }, () => rnd.int(1, 4))],
    params: { stddev: rnd.pick([0.01, 0.1, 1]) },
  }),
};
