import { activationParam, kerasCall, tfjsCall } from '../params.js';
import { ok, single } from '../shape.js';
import { sampleActivation } from '../sampling.js';
import type { LayerKind } from '../types.js';

export const Activation: LayerKind = {
  kind: 'Activation',
  category: 'Core',
  doc: 'Applies a function to every value, e.g. relu or softmax; the shape stays the same.',
  params: {
    activation: activationParam('relu', 'Function applied to every value.'),
  },
  arity: { min: 1, max: 1 },
  keyParams: ['activation'],
  inferShape: (inputs) => ok([...single(inputs)]),
  countParams: () => ({ trainable: 0, nonTrainable: 0 }),
  build: (params, ctx) => ctx.tfl.layers.activation({ name: ctx.name, activation: params.activation as never }),
  // Keras requires the activation, so it is always written.
  toKeras: (params, name) => kerasCall('Activation', Activation.params, params, name, { positional: ['activation'] }),
  toTfjs: (params, name) => tfjsCall('activation', Activation.params, params, name, ['activation']),
  sample: (rnd) => ({
    inputs: [Array.from({ length: rnd.int(1, 3) }, () => rnd.int(1, 4))],
    params: { activation: sampleActivation(rnd) },
  }),
};
