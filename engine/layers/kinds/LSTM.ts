import { kerasCall, tfjsCall } from '../params.js';
import { recurrentConfig, recurrentCount, recurrentParams, recurrentSample, recurrentShape } from '../recurrent.js';
import type { LayerKind } from '../types.js';
import { KERAS_RNN } from '../keras-config.js';
import { KERAS_ANY } from '../types.js';

export const LSTM: LayerKind = {
  kind: 'LSTM',
  // unit_forget_bias only sets how the bias starts; an import brings its own.
  keras: { neutral: { ...KERAS_RNN, unit_forget_bias: KERAS_ANY } },
  category: 'Recurrent',
  doc: 'Long short-term memory: a recurrent layer whose input, forget and output gates let it keep information over many steps.',
  params: {
    ...recurrentParams({ gated: true }),
    // Keras defaults to true; TensorFlow.js leaves it off unless asked.
    unitForgetBias: { type: 'bool', default: false, kerasDefault: true, doc: 'Start the forget-gate bias at 1 so the cell remembers by default.', advanced: true },
  },
  arity: { min: 1, max: 1 },
  keyParams: ['units', 'returnSequences'],
  inferShape: (inputs, params) => recurrentShape('LSTM', inputs, params),
  countParams: (inputs, params) => recurrentCount(inputs, params, 4),
  build: (params, ctx) =>
    ctx.tfl.layers.lstm({
      ...recurrentConfig(params, ctx, true),
      // Left out when off so the config equals what `tf.layers.lstm` makes without it.
      ...(params.unitForgetBias ? { unitForgetBias: true } : {}),
    }),
  toKeras: (params, name) => kerasCall('LSTM', LSTM.params, params, name, { positional: ['units'] }),
  toTfjs: (params, name) => tfjsCall('lstm', LSTM.params, params, name, ['units']),
  sample(rnd) {
    const s = recurrentSample(rnd, true);
    return { ...s, params: { ...s.params, unitForgetBias: rnd.bool() } };
  },
};
