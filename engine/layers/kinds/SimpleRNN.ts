import { kerasCall, tfjsCall } from '../params.js';
import { recurrentConfig, recurrentCount, recurrentParams, recurrentSample, recurrentShape } from '../recurrent.js';
import type { LayerKind } from '../types.js';
import { KERAS_RNN } from '../keras-config.js';

export const SimpleRNN: LayerKind = {
  kind: 'SimpleRNN',
  keras: { neutral: KERAS_RNN },
  category: 'Recurrent',
  doc: 'Reads a sequence step by step, mixing each input with its previous state: state = activation(W·x + U·state + b).',
  params: recurrentParams({ gated: false }),
  arity: { min: 1, max: 1 },
  keyParams: ['units', 'activation', 'returnSequences'],
  inferShape: (inputs, params) => recurrentShape('SimpleRNN', inputs, params),
  countParams: (inputs, params) => recurrentCount(inputs, params, 1),
  build: (params, ctx) => ctx.tfl.layers.simpleRNN(recurrentConfig(params, ctx, false)),
  toKeras: (params, name) => kerasCall('SimpleRNN', SimpleRNN.params, params, name, { positional: ['units'] }),
  toTfjs: (params, name) => tfjsCall('simpleRNN', SimpleRNN.params, params, name, ['units']),
  sample: (rnd) => recurrentSample(rnd, false),
};
