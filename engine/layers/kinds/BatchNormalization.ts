import { initializer, initializerParam, kerasCall, regularizer, regularizerParam, tfjsCall } from '../params.js';
import { axisError, axisIndex, ok, single, unknownError } from '../shape.js';
import { sampleRegularizer } from '../sampling.js';
import type { LayerKind } from '../types.js';

export const BatchNormalization: LayerKind = {
  kind: 'BatchNormalization',
  keras: { neutral: { center: true, scale: true, synchronized: false } },
  category: 'Normalization',
  doc: 'Normalises each feature with the batch mean and variance while training (running averages when predicting), then scales and shifts it.',
  // No center/scale switches: TensorFlow.js 4.22 fails to train with either turned off.
  params: {
    axis: { type: 'int', default: -1, doc: 'The feature axis (-1: the last, e.g. channels).', advanced: true },
    momentum: { type: 'float', default: 0.99, min: 0, max: 1, doc: 'How slowly the running mean and variance follow the batches.' },
    epsilon: { type: 'float', default: 0.001, min: 0, exclusiveMin: true, doc: 'Added to the variance to avoid dividing by zero.', advanced: true },
    betaInitializer: initializerParam('zeros', 'How the shift starts.'),
    gammaInitializer: initializerParam('ones', 'How the scale starts.'),
    movingMeanInitializer: initializerParam('zeros', 'How the running mean starts.'),
    movingVarianceInitializer: initializerParam('ones', 'How the running variance starts.'),
    betaRegularizer: regularizerParam('L1/L2 weight decay on the shift.'),
    gammaRegularizer: regularizerParam('L1/L2 weight decay on the scale.'),
  },
  arity: { min: 1, max: 1 },
  keyParams: ['momentum'],
  inferShape(inputs, params) {
    const s = single(inputs);
    const i = axisIndex(params.axis as number, s);
    if (i === null) return axisError(params.axis as number, s);
    if (s[i] === null) return unknownError(`a known size on axis ${params.axis}`, s);
    return ok([...s]);
  },
  countParams(inputs, params) {
    const s = single(inputs);
    const d = (s[axisIndex(params.axis as number, s) ?? -1] ?? 0) as number;
    // Moving mean and variance are weights too, but not trained: TensorFlow.js counts them apart.
    return { trainable: 2 * d, nonTrainable: 2 * d };
  },
  build: (params, ctx) =>
    ctx.tfl.layers.batchNormalization({
      name: ctx.name,
      axis: params.axis as number,
      momentum: params.momentum as number,
      epsilon: params.epsilon as number,
      betaInitializer: initializer(ctx, params.betaInitializer, 1) as never,
      gammaInitializer: initializer(ctx, params.gammaInitializer, 2) as never,
      movingMeanInitializer: initializer(ctx, params.movingMeanInitializer, 3) as never,
      movingVarianceInitializer: initializer(ctx, params.movingVarianceInitializer, 4) as never,
      betaRegularizer: regularizer(ctx, params.betaRegularizer ?? null) as never,
      gammaRegularizer: regularizer(ctx, params.gammaRegularizer ?? null) as never,
    }),
  toKeras: (params, name) => kerasCall('BatchNormalization', BatchNormalization.params, params, name),
  toTfjs: (params, name) => tfjsCall('batchNormalization', BatchNormalization.params, params, name),
  sample(rnd) {
    const shape = Array.from({ length: rnd.int(1, 3) }, () => rnd.int(1, 4));
    return {
      inputs: [shape],
      params: {
        axis: rnd.pick([-1, shape.length]),
        momentum: rnd.pick([0.9, 0.99]),
        epsilon: rnd.pick([0.001, 0.01]),
        gammaInitializer: rnd.pick(['ones', 'randomNormal']),
        betaRegularizer: sampleRegularizer(rnd),
        gammaRegularizer: sampleRegularizer(rnd),
      },
    };
  },
};
