import { initializer, initializerParam, kerasCall, regularizer, regularizerParam, tfjsCall } from '../params.js';
import { axisError, axisIndex, ok, single, unknownError } from '../shape.js';
import { sampleRegularizer } from '../sampling.js';
import type { LayerKind } from '../types.js';

export const LayerNormalization: LayerKind = {
  kind: 'LayerNormalization',
  keras: { neutral: { center: true, scale: true, rms_scaling: false } },
  category: 'Normalization',
  doc: 'Normalises each example on its own across the feature axis (no batch statistics), then scales and shifts it.',
  // No center/scale switches: TensorFlow.js 4.22 fails to train with either turned off.
  params: {
    axis: { type: 'int', default: -1, doc: 'The axis normalised over (-1: the last).', advanced: true },
    epsilon: { type: 'float', default: 0.001, min: 0, exclusiveMin: true, doc: 'Added to the variance to avoid dividing by zero.', advanced: true },
    betaInitializer: initializerParam('zeros', 'How the shift starts.'),
    gammaInitializer: initializerParam('ones', 'How the scale starts.'),
    betaRegularizer: regularizerParam('L1/L2 weight decay on the shift.'),
    gammaRegularizer: regularizerParam('L1/L2 weight decay on the scale.'),
  },
  arity: { min: 1, max: 1 },
  keyParams: [],
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
    return { trainable: 2 * d, nonTrainable: 0 };
  },
  build: (params, ctx) =>
    ctx.tfl.layers.layerNormalization({
      name: ctx.name,
      axis: params.axis as number,
      epsilon: params.epsilon as number,
      betaInitializer: initializer(ctx, params.betaInitializer, 1) as never,
      gammaInitializer: initializer(ctx, params.gammaInitializer, 2) as never,
      betaRegularizer: regularizer(ctx, params.betaRegularizer ?? null) as never,
      gammaRegularizer: regularizer(ctx, params.gammaRegularizer ?? null) as never,
    }),
  toKeras: (params, name) => kerasCall('LayerNormalization', LayerNormalization.params, params, name),
  toTfjs: (params, name) => tfjsCall('layerNormalization', LayerNormalization.params, params, name),
  sample(rnd) {
    const shape = Array.from({ length: rnd.int(1, 3) }, () => rnd.int(2, 4));
    return {
      inputs: [shape],
      params: {
        axis: rnd.pick([-1, shape.length]),
        epsilon: rnd.pick([0.001, 0.01]),
        betaRegularizer: sampleRegularizer(rnd),
        gammaRegularizer: sampleRegularizer(rnd),
      },
    };
  },
};
