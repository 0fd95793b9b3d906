import { kerasCall, tfjsCall } from '../params.js';
import { ok, single } from '../shape.js';
import type { LayerKind } from '../types.js';
import { KERAS_ANY } from '../types.js';

export const GaussianNoise: LayerKind = {
  kind: 'GaussianNoise',
  keras: { neutral: { seed: KERAS_ANY } },
  category: 'Regularization',
  doc: 'While training, adds random normal noise to every value (a regularizer); does nothing when predicting.',
  params: {
    stddev: { type: 'float', default: 0.1, min: 0, exclusiveMin: true, doc: 'Standard deviation of the noise.' },
  },
  arity: { min: 1, max: 1 },
  keyParams: ['stddev'],
  inferShape: (inputs) => ok([...single(inputs)]),
  countParams: () => ({ trainable: 0, nonTrainable: 0 }),
  build: (params, ctx) => {
    const layer = ctx.tfl.layers.gaussianNoise({ name: ctx.name, stddev: params.stddev as number });
    const tf = ctx.tf;
    if (ctx.seed === undefined || !tf) return layer;
    // tfjs' GaussianNoise draws unseeded noise; a seeded training run must repeat, so the noise
    // takes the layer's `seed` (training gives each step its own, as for Dropout).
    const l = layer as unknown as { seed: number; stddev: number; invokeCallHook(i: unknown, k: unknown): void };
    l.seed = ctx.seed;
    const stock = layer.call.bind(layer);
    layer.call = (inputs, kwargs) => {
      const x = Array.isArray(inputs) && inputs.length === 1 ? inputs[0] : inputs;
      if (kwargs?.training !== true || !(x instanceof tf.Tensor)) return stock(inputs, kwargs);
      return tf.tidy(() => {
        l.invokeCallHook(inputs, kwargs);
        return tf.add(tf.randomNormal(x.shape, 0, l.stddev, 'float32', l.seed), x);
      });
    };
    return layer;
  },
  toKeras: (params, name) => kerasCall('GaussianNoise', GaussianNoise.params, params, name, { positional: ['stddev'] }),
  toTfjs: (params, name) => tfjsCall('gaussianNoise', GaussianNoise.params, params, name, ['stddev']),
  sample: (rnd) => ({
    inputs: [Array.from({ length: rnd.int(1, 3) }, () => rnd.int(1, 4))],
    params: { stddev: rnd.pick([0.01, 0.1, 1]) },
  }),
};
