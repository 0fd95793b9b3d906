import { activationParam, kerasCall, tfjsCall, tuple, weightConfig, weightParams } from '../params.js';
import { convLength, fail, ok, PAD_SAME, rankError, sequenceHint, single, unknownError } from '../shape.js';
import { sampleActivation, sampleWeights } from '../sampling.js';
import type { LayerKind } from '../types.js';
import { KERAS_CHANNELS_LAST, KERAS_ONES } from '../keras-config.js';

export const Conv1D: LayerKind = {
  kind: 'Conv1D',
  keras: { neutral: { data_format: KERAS_CHANNELS_LAST, dilation_rate: KERAS_ONES, groups: 1 } },
  category: 'Convolution',
  doc: 'Slides learned filters along a sequence (time steps × features); each filter makes one output channel.',
  // No dilationRate: TensorFlow.js 4.22 cannot train dilated convolutions (no gradient).
  params: {
    filters: { type: 'int', default: 32, min: 1, doc: 'Number of filters = output channels.' },
    kernelSize: { type: 'intTuple', length: 1, default: 3, doc: 'Filter length in time steps.' },
    strides: { type: 'intTuple', length: 1, default: 1, doc: 'Step of the filter in time steps.' },
    // TensorFlow.js 4.22 has no 'causal' padding for Conv1D.
    padding: { type: 'enum', choices: ['valid', 'same'], default: 'valid', doc: "'valid' shortens the sequence; 'same' pads it to keep its length." },
    activation: activationParam('linear'),
    ...weightParams(),
  },
  arity: { min: 1, max: 1 },
  keyParams: ['filters', 'kernelSize', 'strides', 'padding', 'activation'],
  inferShape(inputs, params) {
    const s = single(inputs);
    if (s.length !== 2) return rankError(3, 'steps, channels', s, sequenceHint(s));
    const [steps, c] = s;
    if (c === null) return unknownError('a known channel count', s);
    const k = tuple(params.kernelSize ?? 3, 1)[0]!;
    const st = tuple(params.strides ?? 1, 1)[0]!;
    const out = convLength(steps ?? null, k, st, params.padding as string);
    if (out !== null && out < 1)
      return fail({ problem: 'window', expected: { what: 'kernel', size: [k], param: 'kernelSize', unit: 'steps' }, got: s, fix: PAD_SAME });
    return ok([out, params.filters as number]);
  },
  countParams(inputs, params) {
    const c = (single(inputs)[1] ?? 0) as number;
    const k = tuple(params.kernelSize ?? 3, 1)[0]!;
    const f = params.filters as number;
    return { trainable: k * c * f + (params.useBias ? f : 0), nonTrainable: 0 };
  },
  build: (params, ctx) =>
    ctx.tfl.layers.conv1d({
      name: ctx.name,
      filters: params.filters as number,
      kernelSize: params.kernelSize as number | number[],
      strides: params.strides as number | number[],
      padding: params.padding as 'valid' | 'same',
      activation: params.activation as never,
      ...weightConfig(params, ctx),
    }),
  toKeras: (params, name) => kerasCall('Conv1D', Conv1D.params, params, name, { positional: ['filters', 'kernelSize'] }),
  toTfjs: (params, name) => tfjsCall('conv1d', Conv1D.params, params, name, ['filters', 'kernelSize']),
  sample(rnd) {
    return {
      inputs: [[rnd.int(5, 8), rnd.int(1, 3)]],
      params: {
        filters: rnd.int(1, 4),
        kernelSize: rnd.pick([1, 2, 3, [2]]),
        strides: rnd.pick([1, 2]),
        padding: rnd.pick(['valid', 'same']),
        activation: sampleActivation(rnd),
        ...sampleWeights(rnd),
      },
    };
  },
};
