import { activationParam, kerasCall, tfjsCall, tuple, weightConfig, weightParams } from '../params.js';
import { convLength, fail, formatShape, ok, rankError, single, size } from '../shape.js';
import type { LayerKind } from '../types.js';

export const Conv2D: LayerKind = {
  kind: 'Conv2D',
  category: 'Convolution',
  doc: 'Slides learned filters over an image; each filter makes one output channel (depth).',
  params: {
    filters: { type: 'int', default: 32, min: 1, doc: 'Number of filters = output channels (depth).' },
    kernelSize: { type: 'intTuple', length: 2, default: 3, doc: 'Filter height and width.' },
    strides: { type: 'intTuple', length: 2, default: 1, doc: 'Step of the filter in pixels.' },
    padding: { type: 'enum', choices: ['valid', 'same'], default: 'valid', doc: "'valid' shrinks the image; 'same' pads it to keep its size." },
    dilationRate: { type: 'intTuple', length: 2, default: 1, doc: 'Spacing between kernel taps.', advanced: true },
    activation: activationParam('linear'),
    ...weightParams(),
  },
  arity: { min: 1, max: 1 },
  keyParams: ['filters', 'kernelSize', 'strides', 'padding', 'activation'],
  inferShape(inputs, params) {
    const s = single(inputs);
    if (s.length !== 3) {
      const n = size(s);
      const side = n === null ? null : Math.round(Math.sqrt(n));
      const hint =
        side !== null && side * side === n
          ? `insert a Reshape to [${side}, ${side}, 1]`
          : 'insert a Reshape to [height, width, channels]';
      return rankError('Conv2D', 4, 'height, width, channels', s, hint);
    }
    const [h, w, c] = s;
    if (c === null) return fail(`Conv2D needs a known channel count but gets ${formatShape(s)}`);
    const k = tuple(params.kernelSize ?? 3, 2);
    const st = tuple(params.strides ?? 1, 2);
    const d = tuple(params.dilationRate ?? 1, 2);
    if (d.some((x) => x > 1) && st.some((x) => x > 1))
      return fail('Conv2D cannot combine dilationRate > 1 with strides > 1; set one of them to 1');
    const pad = params.padding as string;
    const oh = convLength(h ?? null, k[0]!, st[0]!, pad, d[0]);
    const ow = convLength(w ?? null, k[1]!, st[1]!, pad, d[1]);
    if ((oh !== null && oh < 1) || (ow !== null && ow < 1))
      return fail(
        `Conv2D kernel ${k[0]}×${k[1]} is larger than its input ${h}×${w} (from ${formatShape(s)}); use a smaller kernelSize or padding 'same'`,
      );
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
      dilationRate: params.dilationRate as number | [number, number],
      activation: params.activation as never,
      ...weightConfig(params, ctx),
    }),
  toKeras: (params, name) => kerasCall('Conv2D', Conv2D.params, params, name, { positional: ['filters', 'kernelSize'] }),
  toTfjs: (params, name) => tfjsCall('conv2d', Conv2D.params, params, name, ['filters', 'kernelSize']),
};
