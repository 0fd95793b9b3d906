import { activationParam, kerasCall, tfjsCall, tuple, weightConfig, weightParams } from '../params.js';
import { deconvLength, imageHint, ok, rankError, single, unknownError } from '../shape.js';
import { sampleActivation, sampleWeights } from '../sampling.js';
import type { LayerKind } from '../types.js';
import { KERAS_CHANNELS_LAST, KERAS_ONES } from '../keras-config.js';

/** The transpose of Conv2D: grows an image (strides > 1 upsample), as in decoders and autoencoders. */
export const Conv2DTranspose: LayerKind = {
  kind: 'Conv2DTranspose',
  keras: { neutral: { data_format: KERAS_CHANNELS_LAST, dilation_rate: KERAS_ONES, groups: 1, output_padding: null } },
  category: 'Convolution',
  doc: 'Transposed convolution: spreads each pixel over a learned filter, enlarging the image (used in decoders).',
  params: {
    filters: { type: 'int', default: 32, min: 1, doc: 'Number of filters = output channels.' },
    kernelSize: { type: 'intTuple', length: 2, default: 3, doc: 'Filter height and width.' },
    strides: { type: 'intTuple', length: 2, default: 1, doc: 'Upsampling factor: 2 doubles height and width.' },
    padding: { type: 'enum', choices: ['valid', 'same'], default: 'valid', doc: "'same' makes the output exactly input × strides; 'valid' adds the kernel overhang." },
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
    return ok([deconvLength(h ?? null, k[0]!, st[0]!, pad), deconvLength(w ?? null, k[1]!, st[1]!, pad), params.filters as number]);
  },
  countParams(inputs, params) {
    const c = (single(inputs)[2] ?? 0) as number;
    const k = tuple(params.kernelSize ?? 3, 2);
    const f = params.filters as number;
    return { trainable: k[0]! * k[1]! * c * f + (params.useBias ? f : 0), nonTrainable: 0 };
  },
  build: (params, ctx) =>
    ctx.tfl.layers.conv2dTranspose({
      name: ctx.name,
      filters: params.filters as number,
      kernelSize: params.kernelSize as number | number[],
      strides: params.strides as number | number[],
      padding: params.padding as 'valid' | 'same',
      activation: params.activation as never,
      ...weightConfig(params, ctx),
    }),
  toKeras: (params, name) => kerasCall('Conv2DTranspose', Conv2DTranspose.params, params, name, { positional: ['filters', 'kernelSize'] }),
  toTfjs: (params, name) => tfjsCall('conv2dTranspose', Conv2DTranspose.params, params, name, ['filters', 'kernelSize']),
  sample(rnd) {
    const k = [rnd.int(1, 3), rnd.int(1, 3)];
    return {
      inputs: [[rnd.int(2, 4), rnd.int(2, 4), rnd.int(1, 3)]],
      params: {
        filters: rnd.int(1, 3),
        kernelSize: rnd.bool() ? k[0]! : k,
        strides: rnd.pick([1, 2, [2, 1]]),
        padding: rnd.pick(['valid', 'same']),
        activation: sampleActivation(rnd),
        ...sampleWeights(rnd),
      },
    };
  },
};
