import { activationParam, kerasCall, tfjsCall, weightConfig, weightParams } from '../params.js';
import { fail, ok, single, unknownError } from '../shape.js';
import { sampleActivation, sampleWeights } from '../sampling.js';
import type { LayerKind } from '../types.js';

export const Dense: LayerKind = {
  kind: 'Dense',
  category: 'Core',
  doc: 'Fully connected layer: every output is a weighted sum of all inputs plus a bias.',
  params: {
    units: { type: 'int', default: 32, min: 1, doc: 'Number of outputs (neurons).' },
    activation: activationParam('linear'),
    ...weightParams(),
  },
  arity: { min: 1, max: 1 },
  keyParams: ['units', 'activation'],
  inferShape(inputs, params) {
    const s = single(inputs);
    const last = s[s.length - 1];
    if (s.length === 0) return fail({ problem: 'needs', expected: 'an input of at least 1 dimension', got: s });
    if (last === null || last === undefined)
      return unknownError('a known last dimension', s);
    return ok([...s.slice(0, -1), params.units as number]);
  },
  countParams(inputs, params) {
    const s = single(inputs);
    const inDim = (s[s.length - 1] ?? 0) as number;
    const units = params.units as number;
    return { trainable: inDim * units + (params.useBias ? units : 0), nonTrainable: 0 };
  },
  build: (params, ctx) =>
    ctx.tfl.layers.dense({
      name: ctx.name,
      units: params.units as number,
      activation: params.activation as never,
      ...weightConfig(params, ctx),
    }),
  toKeras: (params, name) => kerasCall('Dense', Dense.params, params, name, { positional: ['units'] }),
  toTfjs: (params, name) => tfjsCall('dense', Dense.params, params, name, ['units']),
  sample: (rnd) => ({
    // Dense acts on the last axis, so rank-2 inputs are drawn too.
    inputs: [rnd.bool() ? [rnd.int(1, 6)] : [rnd.int(1, 3), rnd.int(1, 4)]],
    params: { units: rnd.int(1, 6), activation: sampleActivation(rnd), ...sampleWeights(rnd) },
  }),
};
