import { activationParam, kerasCall, tfjsCall, tuple, weightConfig, weightParams } from '../params.js';
import { convLength, fail, imageHint, ok, PAD_SAME, rankError, single, unknownError } from '../shape.js';
import { sampleActivation, sampleWeights } from '../sampling.js';
import type { LayerKind } from '../types.js';
import { KERAS_CHANNELS_LAST, KERAS_ONES } from '../keras-config.js';

export const Conv2D: LayerKind = {
  kind: 'Conv2D',
  keras: { neutral: { data_format: KERAS_CHANNELS_LAST, dilation_rate: KERAS_ONES, groups: 1 } },
  category: 'Convolution',
  doc: 'Slides learned filters over an image; each filter makes one output channel (depth).',
  // No dilationRate: TensorFlow.js 4.22 cannot train dilated convolutions (no gradient).
  params: {
    filters: { type: 'int', default: 32, min: 1, doc: 'Number of filters = output channels (depth).' },
    kernelSize: { type: 'intTuple', length: 2, default: 3, doc: 'Filter height and width.' },
    strides: { type: 'intTuple', length: 2, default: 1, doc: 'Step of the filter in pixels.' },
    padding: { type: 'enum', choices: ['valid', 'same'], default: 'valid', doc: "'valid' shrinks the image; 'same' pads it to keep its size." },
    activation: activationParam('linear'),
    ...weightParams(),
  },
  arity: { min: 1, max: 1 },
  keyParams: ['filters', 'kernelSize', 'strides', 'padding', 'activation'],
  inferShape(inputs, params) {
    const s = single(inputs);
    if (s.length !== 3) return rankError(4, 'height, width, channels', s, imageHint(s));
    const [h, w, c] = s;
    if (c === null) return unknownError('a known channel count', s);
    const k = tuple(params.kernelSize ?? 3, 2);
    const st = tuple(params.strides ?? 1, 2);
    const pad = params.padding as string;
    const oh = convLength(h ?? null, k[0]!, st[0]!, pad);
    const ow = convLength(w ?? null, k[1]!, st[1]!, pad);
    if ((oh !== null && oh < 1) || (ow !== null && ow < 1))
      return fail({ problem: 'window', expected: { what: 'kernel', size: [k[0]!, k[1]!], param: 'kernelSize' }, got: s, fix: PAD_SAME });
    return ok([oh, ow, params.filters as number]);
  },
  countParams(inputs, params) {
    const c = (single(inputs)[2] ?? 0) as number;
    const k = tuple(params.kernelSize ?? 3, 2);
    const f = params.filters as number;
    return { trainable: k[0]! * k[1]! * c * f + (params.useBias ? f : 0), nonTrainable: 0 };
  },
  build: (params, ctx) =>
    ctx.tfl.layers.conv2d({
      name: ctx.name,
      filters: params.filters as number,
      kernelSize: params.kernelSize as number | number[],
      strides: params.strides as number | number[],
      padding: params.padding as 'valid' | 'same',
      activation: params.activation as never,
      ...weightConfig(params, ctx),
    }),
  toKeras: (params, name) => kerasCall('Conv2D', Conv2D.params, params, name, { positional: ['filters', 'kernelSize'] }),
  toTfjs: (params, name) => tfjsCall('conv2d', Conv2D.params, params, name, ['filters', 'kernelSize']),
  sample(rnd) {
    const k = [rnd.int(1, 3), rnd.int(1, 3)];
    const padding = rnd.pick(['valid', 'same']);
    return {
      inputs: [[rnd.int(4, 7), rnd.int(4, 7), rnd.int(1, 3)]],
      params: {
        filters: rnd.int(1, 4),
        kernelSize: rnd.bool() ? k[0]! : k,
        strides: rnd.pick([1, 2, [1, 2]]),
        padding,
        activation: sampleActivation(rnd),
        ...sampleWeights(rnd),
      },
    };
  },
};
