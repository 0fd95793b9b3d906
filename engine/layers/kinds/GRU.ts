import { kerasCall, tfjsCall } from '../params.js';
import { recurrentConfig, recurrentCount, recurrentParams, recurrentSample, recurrentShape } from '../recurrent.js';
import type { LayerKind } from '../types.js';
import { KERAS_RNN } from '../keras-config.js';

export const GRU: LayerKind = {
  kind: 'GRU',
  // TensorFlow.js has only reset_after=False (see toKeras).
  keras: { neutral: { ...KERAS_RNN, reset_after: false } },
  category: 'Recurrent',
  doc: 'Gated recurrent unit: a lighter LSTM with update and reset gates.',
  params: recurrentParams({ gated: true }),
  arity: { min: 1, max: 1 },
  keyParams: ['units', 'returnSequences'],
  inferShape: (inputs, params) => recurrentShape('GRU', inputs, params),
  countParams: (inputs, params) => recurrentCount(inputs, params, 3),
  build: (params, ctx) => ctx.tfl.layers.gru(recurrentConfig(params, ctx, true)),
  // TensorFlow.js implements the original GRU (reset gate before the matrix product, one bias);
  // Keras defaults to reset_after=True, which has twice the biases.
  toKeras: (params, name) => kerasCall('GRU', GRU.params, params, name, { positional: ['units'], extra: ['reset_after=False'] }),
  toTfjs: (params, name) => tfjsCall('gru', GRU.params, params, name, ['units']),
  sample: (rnd) => recurrentSample(rnd, true),
};
