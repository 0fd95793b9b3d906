// Max and average pooling share everything but the reduction, so their kinds are made here;
// each kind still has its own file under kinds/ that names and exports it.
import { KERAS_CHANNELS_LAST } from './keras-config.js';
import { kerasCall, tfjsCall, tuple } from './params.js';
import { convLength, fail, imageHint, ok, PAD_SAME, rankError, sequenceHint, single, unknownError } from './shape.js';
import type { LayerKind, ParamSpecs } from './types.js';

function poolParams(length: number, unit: string): ParamSpecs {
  return {
    poolSize: { type: 'intTuple', length, default: 2, doc: `Window size in ${unit}; 2 halves it.` },
    strides: { type: 'intTuple', length, default: null, nullable: true, doc: 'Step of the window; empty means the window size.', advanced: true },
    padding: { type: 'enum', choices: ['valid', 'same'], default: 'valid', doc: "'valid' drops leftover edges; 'same' pads to keep them." },
  };
}

/** The window over each spatial axis, or an error when it does not fit. */
function windows(kind: string, s: (number | null)[], spatial: number, params: Record<string, unknown>) {
  const pool = tuple((params.poolSize as number | number[]) ?? 2, spatial);
  const strides = params.strides === null || params.strides === undefined ? pool : tuple(params.strides as number | number[], spatial);
  const out = s.slice(0, spatial).map((d, i) => convLength(d, pool[i]!, strides[i]!, params.padding as string));
  if (out.some((d) => d !== null && d < 1))
    return fail({ problem: 'window', expected: { what: 'window', size: pool, param: 'poolSize' }, got: s, fix: PAD_SAME });
  return ok([...out, s[spatial]!]);
}

export function pooling1D(kind: 'MaxPooling1D' | 'AveragePooling1D', fn: 'maxPooling1d' | 'averagePooling1d', what: string): LayerKind {
  const self: LayerKind = {
    kind,
    keras: { neutral: { data_format: KERAS_CHANNELS_LAST } },
    category: 'Pooling',
    doc: `Shortens a sequence by taking the ${what} of each window of time steps.`,
    params: poolParams(1, 'time steps'),
    arity: { min: 1, max: 1 },
    keyParams: ['poolSize', 'strides', 'padding'],
    inferShape(inputs, params) {
      const s = single(inputs);
      if (s.length !== 2) return rankError(3, 'steps, channels', s, sequenceHint(s));
      return windows(kind, s, 1, params);
    },
    countParams: () => ({ trainable: 0, nonTrainable: 0 }),
    build: (params, ctx) =>
      ctx.tfl.layers[fn]({
        name: ctx.name,
        poolSize: params.poolSize as number,
        ...(params.strides === null ? {} : { strides: params.strides as number }),
        padding: params.padding as 'valid' | 'same',
      }),
    toKeras: (params, name) => kerasCall(kind, self.params, params, name),
    toTfjs: (params, name) => tfjsCall(fn, self.params, params, name),
    sample(rnd) {
      const steps = rnd.int(3, 7);
      return {
        inputs: [[steps, rnd.int(1, 3)]],
        params: { poolSize: rnd.int(1, 3), strides: rnd.pick([null, 1, 2]), padding: rnd.pick(['valid', 'same']) },
      };
    },
  };
  return self;
}

export function pooling2D(kind: 'MaxPooling2D' | 'AveragePooling2D', fn: 'maxPooling2d' | 'averagePooling2d', what: string): LayerKind {
  const self: LayerKind = {
    kind,
    keras: { neutral: { data_format: KERAS_CHANNELS_LAST } },
    category: 'Pooling',
    doc: `Shrinks an image by taking the ${what} of each window of pixels, channel by channel.`,
    params: poolParams(2, 'pixels'),
    arity: { min: 1, max: 1 },
    keyParams: ['poolSize', 'strides', 'padding'],
    inferShape(inputs, params) {
      const s = single(inputs);
      if (s.length !== 3) return rankError(4, 'height, width, channels', s, imageHint(s));
      return windows(kind, s, 2, params);
    },
    countParams: () => ({ trainable: 0, nonTrainable: 0 }),
    build: (params, ctx) =>
      ctx.tfl.layers[fn]({
        name: ctx.name,
        poolSize: params.poolSize as number | [number, number],
        ...(params.strides === null ? {} : { strides: params.strides as number | [number, number] }),
        padding: params.padding as 'valid' | 'same',
      }),
    toKeras: (params, name) => kerasCall(kind, self.params, params, name),
    toTfjs: (params, name) => tfjsCall(fn, self.params, params, name),
    sample(rnd) {
      return {
        inputs: [[rnd.int(3, 6), rnd.int(3, 6), rnd.int(1, 3)]],
        params: {
          poolSize: rnd.pick([1, 2, 3, [2, 3]]),
          strides: rnd.pick([null, 1, 2, [1, 2]]),
          padding: rnd.pick(['valid', 'same']),
        },
      };
    },
  };
  return self;
}

export function globalPooling2D(kind: 'GlobalAveragePooling2D' | 'GlobalMaxPooling2D', fn: 'globalAveragePooling2d' | 'globalMaxPooling2d', what: string): LayerKind {
  const self: LayerKind = {
    kind,
    keras: { neutral: { data_format: KERAS_CHANNELS_LAST, keepdims: false } },
    category: 'Pooling',
    doc: `Reduces each channel of an image to one number, its ${what}: [h, w, c] becomes [c].`,
    params: {},
    arity: { min: 1, max: 1 },
    keyParams: [],
    inferShape(inputs) {
      const s = single(inputs);
      if (s.length !== 3) return rankError(4, 'height, width, channels', s, imageHint(s));
      if (s[2] === null) return unknownError('a known channel count', s);
      return ok([s[2]!]);
    },
    countParams: () => ({ trainable: 0, nonTrainable: 0 }),
    build: (_params, ctx) => ctx.tfl.layers[fn]({ name: ctx.name }),
    toKeras: (params, name) => kerasCall(kind, self.params, params, name),
    toTfjs: (params, name) => tfjsCall(fn, self.params, params, name),
    sample: (rnd) => ({ inputs: [[rnd.int(1, 4), rnd.int(1, 4), rnd.int(1, 3)]], params: {} }),
  };
  return self;
}
