import { initializer, initializerParam, kerasCall, regularizer, regularizerParam, tfjsCall } from '../params.js';
import { fail, ok, single } from '../shape.js';
import { sampleRegularizer } from '../sampling.js';
import type { LayerKind } from '../types.js';
import { KERAS_ANY } from '../types.js';

export const Embedding: LayerKind = {
  kind: 'Embedding',
  keras: { neutral: { input_length: KERAS_ANY, lora_rank: null, sparse: false } },
  category: 'Embedding',
  doc: 'Turns integer ids (e.g. words) into learned vectors: [timesteps] of ids becomes [timesteps, outputDim].',
  params: {
    inputDim: { type: 'int', default: 1000, min: 1, doc: 'Vocabulary size: ids run from 0 to inputDim − 1.' },
    outputDim: { type: 'int', default: 16, min: 1, doc: 'Length of each learned vector.' },
    // Keras's 'uniform' and TensorFlow.js's randomUniform are the same ±0.05 distribution.
    embeddingsInitializer: initializerParam('randomUniform', 'How the vectors start.'),
    embeddingsRegularizer: regularizerParam('L1/L2 weight decay on the vectors.'),
    maskZero: { type: 'bool', default: false, doc: 'Treat id 0 as padding that later recurrent layers skip.', advanced: true },
  },
  arity: { min: 1, max: 1 },
  keyParams: ['inputDim', 'outputDim'],
  inferShape(inputs, params) {
    const s = single(inputs);
    if (s.length !== 1)
      return fail({
        problem: 'needs',
        verb: 'takes',
        expected: 'integer ids of shape [batch, timesteps]',
        got: s,
        advice: 'feed it from an Input of shape [timesteps] holding ids below inputDim',
      });
    return ok([s[0]!, params.outputDim as number]);
  },
  countParams: (_inputs, params) => ({ trainable: (params.inputDim as number) * (params.outputDim as number), nonTrainable: 0 }),
  build: (params, ctx) =>
    ctx.tfl.layers.embedding({
      name: ctx.name,
      inputDim: params.inputDim as number,
      outputDim: params.outputDim as number,
      embeddingsInitializer: initializer(ctx, params.embeddingsInitializer, 1) as never,
      embeddingsRegularizer: regularizer(ctx, params.embeddingsRegularizer ?? null) as never,
      // Left out when off so the config equals what `tf.layers.embedding` makes without it.
      ...(params.maskZero ? { maskZero: true } : {}),
    }),
  toKeras: (params, name) => kerasCall('Embedding', Embedding.params, params, name, { positional: ['inputDim', 'outputDim'] }),
  toTfjs: (params, name) => tfjsCall('embedding', Embedding.params, params, name, ['inputDim', 'outputDim']),
  sample(rnd) {
    const inputDim = rnd.int(2, 20);
    return {
      inputs: [[rnd.int(1, 5)]],
      params: {
        inputDim,
        outputDim: rnd.int(1, 4),
        embeddingsInitializer: rnd.pick(['randomUniform', 'glorotNormal', 'zeros']),
        embeddingsRegularizer: sampleRegularizer(rnd),
      },
      intInputsBelow: inputDim,
    };
  },
};
