// The Keras emitters against Keras 3's real constructor signatures (keras.io API reference):
// with every parameter set away from its default, each keyword a kind writes must exist on the
// Keras class, and every string value must be a name Keras resolves. TensorFlow cannot be
// installed here, so the signatures are written down instead of introspected.
import { describe, expect, it } from 'vitest';
import { CATALOG } from './registry.js';
import type { LayerKind, ParamSpec, ParamValue, Params } from './types.js';

const WEIGHTS = ['use_bias', 'kernel_initializer', 'bias_initializer', 'kernel_regularizer', 'bias_regularizer', 'activity_regularizer', 'kernel_constraint', 'bias_constraint'];
const CONV = ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'groups', 'activation', ...WEIGHTS];
const POOL = ['pool_size', 'strides', 'padding', 'data_format'];
const RNN = [
  'units', 'activation', 'use_bias', 'kernel_initializer', 'recurrent_initializer', 'bias_initializer', 'kernel_regularizer',
  'recurrent_regularizer', 'bias_regularizer', 'activity_regularizer', 'kernel_constraint', 'recurrent_constraint', 'bias_constraint',
  'dropout', 'recurrent_dropout', 'return_sequences', 'return_state', 'go_backwards', 'stateful', 'unroll', 'seed',
];
const NORM = ['axis', 'epsilon', 'center', 'scale', 'beta_initializer', 'gamma_initializer', 'beta_regularizer', 'gamma_regularizer', 'beta_constraint', 'gamma_constraint'];

const KERAS_KWARGS: Record<string, string[]> = {
  Dense: ['units', 'activation', ...WEIGHTS],
  Activation: ['activation'],
  Dropout: ['rate', 'noise_shape', 'seed'],
  GaussianNoise: ['stddev', 'seed'],
  Flatten: ['data_format'],
  Reshape: ['target_shape'],
  RepeatVector: ['n'],
  UpSampling2D: ['size', 'data_format', 'interpolation'],
  Conv1D: CONV,
  Conv2D: CONV,
  Conv2DTranspose: [...CONV, 'output_padding'],
  MaxPooling1D: POOL,
  AveragePooling1D: POOL,
  MaxPooling2D: POOL,
  AveragePooling2D: POOL,
  GlobalMaxPooling2D: ['data_format', 'keepdims'],
  GlobalAveragePooling2D: ['data_format', 'keepdims'],
  BatchNormalization: [...NORM, 'momentum', 'moving_mean_initializer', 'moving_variance_initializer', 'synchronized'],
  LayerNormalization: [...NORM, 'rms_scaling'],
  SimpleRNN: RNN,
  LSTM: [...RNN, 'recurrent_activation', 'unit_forget_bias', 'use_cudnn'],
  GRU: [...RNN, 'recurrent_activation', 'reset_after', 'use_cudnn'],
  Embedding: ['input_dim', 'output_dim', 'embeddings_initializer', 'embeddings_regularizer', 'embeddings_constraint', 'mask_zero', 'weights', 'lora_rank'],
  Concatenate: ['axis'],
  Add: [],
  Multiply: [],
  Average: [],
};

/** Identifiers Keras resolves for initializers, activations, paddings and interpolations. */
const KERAS_STRINGS = new Set([
  'glorot_uniform', 'glorot_normal', 'he_uniform', 'he_normal', 'lecun_uniform', 'lecun_normal', 'random_uniform', 'random_normal',
  'truncated_normal', 'orthogonal', 'zeros', 'ones',
  'linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'elu', 'selu', 'softplus', 'softsign', 'hard_sigmoid', 'relu6', 'swish',
  'valid', 'same', 'nearest', 'bilinear',
]);

/** A valid value other than the default, so the emitter has to write every parameter. */
function changed(spec: ParamSpec): ParamValue {
  switch (spec.type) {
    case 'int':
      return spec.default === null ? (spec.min ?? 1) : spec.default === -1 ? 1 : spec.default + 1;
    case 'float':
      return spec.default === 0.5 ? 0.25 : spec.max !== undefined && spec.max < 1 ? 0.3 : 0.5;
    case 'bool':
      return !spec.default;
    case 'enum':
      return spec.choices.find((c) => c !== spec.default && c !== spec.kerasDefault) ?? spec.choices[0]!;
    case 'intTuple':
      return Array.from({ length: spec.length }, (_, i) => i + 2);
    case 'shape':
      return [2, 3];
    case 'regularizer':
      return { l2: 0.01 };
  }
}

/** Top-level `key=` arguments and string literals of a call like `layers.X(3, a=1, b=f(c=2))`. */
function parseCall(code: string): { cls: string; kwargs: string[]; positional: number; strings: string[] } {
  const m = /^layers\.(\w+)\((.*)\)$/.exec(code);
  if (!m) throw new Error(`not a layers.X(...) call: ${code}`);
  const body = m[2]!;
  const kwargs: string[] = [];
  let depth = 0;
  let start = 0;
  const parts: string[] = [];
  for (let i = 0; i <= body.length; i++) {
    const c = body[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if ((c === ',' && depth === 0) || i === body.length) {
      parts.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  for (const p of parts) {
    const kw = /^(\w+)=/.exec(p);
    if (kw) kwargs.push(kw[1]!);
  }
  const strings = [...body.matchAll(/"([^"]*)"/g)].map((s) => s[1]!);
  return { cls: m[1]!, kwargs, positional: parts.filter((p) => p && !/^\w+=/.test(p)).length, strings };
}

function allChanged(kind: LayerKind): Params {
  return Object.fromEntries(Object.entries(kind.params).map(([k, spec]) => [k, changed(spec)]));
}

describe('Keras emitters', () => {
  const layerKinds = CATALOG.filter((k) => k.arity.max > 0);

  it('parse keywords at the top level only', () => {
    expect(parseCall('layers.Dense(3, (1, 2), kernel_regularizer=regularizers.L1L2(l1=0, l2=1), name="x")')).toEqual({
      cls: 'Dense',
      kwargs: ['kernel_regularizer', 'name'],
      positional: 2,
      strings: ['x'],
    });
  });

  it('know the Keras signature of every kind', () => {
    expect(Object.keys(KERAS_KWARGS).sort()).toEqual(layerKinds.map((k) => k.kind).sort());
  });

  it.each(layerKinds.map((k) => [k.kind, k] as const))('%s writes only keywords Keras accepts', (_name, kind) => {
    const code = kind.toKeras(allChanged(kind), 'layer_1');
    const { cls, kwargs, positional, strings } = parseCall(code);
    expect(cls).toBe(kind.kind);
    const accepted = new Set([...(KERAS_KWARGS[kind.kind] ?? []), 'name']);
    for (const kw of kwargs) expect(accepted.has(kw), `${code}: Keras ${kind.kind} has no '${kw}'`).toBe(true);
    // Every parameter changed from its default must reach the script (positionally or by keyword).
    // (A value equal to Keras's own default may be left out: it means the same there.)
    const params = allChanged(kind);
    const mustWrite = Object.entries(kind.params).filter(
      ([k, spec]) => !('kerasDefault' in spec) || JSON.stringify(spec.kerasDefault) !== JSON.stringify(params[k]),
    ).length;
    const extra = kind.kind === 'GRU' ? 1 : 0; // reset_after=False, a fixed argument
    expect(kwargs.filter((k) => k !== 'name').length + positional - extra, code).toBe(mustWrite);
    for (const s of strings.filter((x) => x !== 'layer_1')) expect(KERAS_STRINGS.has(s), `${code}: Keras knows no "${s}"`).toBe(true);
  });
});
