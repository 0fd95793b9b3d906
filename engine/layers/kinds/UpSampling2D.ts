import { kerasCall, tfjsCall, tuple } from '../params.js';
import { imageHint, ok, rankError, single } from '../shape.js';
import type { LayerKind, Params } from '../types.js';
import { KERAS_CHANNELS_LAST } from '../keras-config.js';

/** TensorFlow.js reads `size` as a pair only, so the emitters and build always pass one. */
function withPair(params: Params): Params {
  return { ...params, size: tuple(params.size ?? 2, 2) };
}

export const UpSampling2D: LayerKind = {
  kind: 'UpSampling2D',
  keras: { neutral: { data_format: KERAS_CHANNELS_LAST } },
  category: 'Reshaping',
  doc: 'Enlarges an image by repeating (or interpolating) its pixels; no learned weights.',
  params: {
    size: { type: 'intTuple', length: 2, default: 2, doc: 'Factor for height and width; 2 doubles both.' },
    interpolation: { type: 'enum', choices: ['nearest', 'bilinear'], default: 'nearest', doc: "'nearest' repeats pixels; 'bilinear' blends neighbours.", advanced: true },
  },
  arity: { min: 1, max: 1 },
  keyParams: ['size'],
  inferShape(inputs, params) {
    const s = single(inputs);
    if (s.length !== 3) return rankError(4, 'height, width, channels', s, imageHint(s));
    const [fh, fw] = tuple(params.size ?? 2, 2) as [number, number];
    const [h, w, c] = s as [number | null, number | null, number | null];
    return ok([h === null ? null : h * fh, w === null ? null : w * fw, c]);
  },
  countParams: () => ({ trainable: 0, nonTrainable: 0 }),
  build: (params, ctx) =>
    ctx.tfl.layers.upSampling2d({
      name: ctx.name,
      size: tuple(params.size ?? 2, 2),
      interpolation: params.interpolation as 'nearest' | 'bilinear',
    }),
  toKeras: (params, name) => kerasCall('UpSampling2D', UpSampling2D.params, params, name),
  toTfjs: (params, name) => tfjsCall('upSampling2d', UpSampling2D.params, withPair(params), name, ['size']),
  sample: (rnd) => ({
    inputs: [[rnd.int(1, 4), rnd.int(1, 4), rnd.int(1, 3)]],
    params: { size: rnd.pick([1, 2, 3, [2, 1]]), interpolation: rnd.pick(['nearest', 'bilinear']) },
  }),
};
