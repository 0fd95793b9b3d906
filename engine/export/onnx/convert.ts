// One converter per layer kind: the TensorFlow.js layer (its config and trained weights) as
// ONNX nodes. Tensors stay in the app's channels-last layout between layers; a convolution or
// pooling transposes to ONNX's channels-first around its own op, so Flatten and Reshape see
// the values in the order TensorFlow.js laid them out and the Dense weights after them fit.
import type * as tfl from '@tensorflow/tfjs-layers';
import type { GraphBuilder } from './graph.js';
import { permute, samePads, tuple } from '../walk.js';

/** Why a layer cannot be exported, naming the node (the layer name is derived from its id). */
export class OnnxExportError extends Error {
  constructor(
    readonly node: string,
    readonly kind: string,
    reason: string,
  ) {
    super(`cannot export node '${node}' (${kind}) to ONNX: ${reason}`);
    this.name = 'OnnxExportError';
  }
}

type Layer = tfl.layers.Layer;
type Config = Record<string, unknown>;

export interface ConvertContext {
  g: GraphBuilder;
  layer: Layer;
  /** The node id the layer was built from (for errors and node names). */
  node: string;
  config: Config;
  /** Shapes of the inputs, batch first (null: unknown). */
  inputShapes: (number | null)[][];
  weight(suffix: string): { shape: number[]; data: Float32Array } | undefined;
  fail(reason: string): never;
}

export type Converter = (ctx: ConvertContext, inputs: string[]) => string;

const NHWC_TO_NCHW = [0, 3, 1, 2];
const NCHW_TO_NHWC = [0, 2, 3, 1];
const NWC_TO_NCW = [0, 2, 1];

/** An activation by its TensorFlow.js name, applied to `x`. */
export function activation(ctx: ConvertContext, x: string, name: unknown, base: string): string {
  const g = ctx.g;
  switch (name ?? 'linear') {
    case 'linear':
      return x;
    case 'relu':
      return g.op('Relu', [x], base);
    case 'sigmoid':
      return g.op('Sigmoid', [x], base);
    case 'tanh':
      return g.op('Tanh', [x], base);
    case 'softmax':
      return g.op('Softmax', [x], base, { axis: -1 });
    case 'elu':
      return g.op('Elu', [x], base, { alpha: { f: 1 } });
    case 'selu':
      return g.op('Selu', [x], base);
    case 'softplus':
      return g.op('Softplus', [x], base);
    case 'softsign':
      return g.op('Softsign', [x], base);
    case 'hardSigmoid':
      // TensorFlow.js: clip(0.2·x + 0.5, 0, 1), ONNX's defaults spelled out.
      return g.op('HardSigmoid', [x], base, { alpha: { f: 0.2 }, beta: { f: 0.5 } });
    case 'relu6':
      return g.op('Clip', [x, g.float(`${base}/zero`, [], [0]), g.float(`${base}/six`, [], [6])], base);
    case 'swish':
      return g.op('Mul', [x, g.op('Sigmoid', [x], `${base}/swish`)], base);
    default:
      return ctx.fail(`activation '${String(name)}' has no ONNX equivalent here`);
  }
}

function need(ctx: ConvertContext, suffix: string) {
  return ctx.weight(suffix) ?? ctx.fail(`weight '${suffix}' is missing`);
}

/** Adds the bias (when used) and the layer's activation. */
function biasAndActivation(ctx: ConvertContext, y: string): string {
  const bias = ctx.config.useBias !== false ? ctx.weight('bias') : undefined;
  const withBias = bias ? ctx.g.op('Add', [y, ctx.g.float(`${ctx.node}/bias`, bias.shape, bias.data)], ctx.node) : y;
  return activation(ctx, withBias, ctx.config.activation, `${ctx.node}/activation`);
}

/** TensorFlow's padding as explicit ONNX pads (begin…, end…): 'same' pads a total of
 *  max((out − 1)·stride + window − in, 0) with out = ceil(in / stride), the odd one at the
 *  end. Explicit because runtimes' SAME_UPPER goes negative when the stride passes the window. */
function padding(ctx: ConvertContext, window: number[], strides: number[], dilations?: number[]): { pads: number[] } {
  const p = ctx.config.padding;
  const rank = window.length;
  if (p === 'valid') return { pads: new Array<number>(2 * rank).fill(0) };
  if (p !== 'same') return ctx.fail(`padding '${String(p)}' has no ONNX equivalent here`);
  const spatial = ctx.inputShapes[0]!.slice(1, 1 + rank);
  const { begin, end } = samePads(spatial, window, strides, dilations, (i) => ctx.fail(`'same' padding needs a known size on axis ${i + 1}`));
  return { pads: [...begin, ...end] };
}

function channelsLast(ctx: ConvertContext) {
  const f = ctx.config.dataFormat;
  if (f !== undefined && f !== 'channelsLast') ctx.fail(`dataFormat '${String(f)}': only channelsLast is exported`);
}

/** A convolution of rank 1 or 2, with the input transposed to channels-first around it. */
function conv(ctx: ConvertContext, x: string, rank: 1 | 2): string {
  channelsLast(ctx);
  const g = ctx.g;
  const k = need(ctx, 'kernel');
  // tfjs kernel [k…, in, out] → ONNX [out, in, k…]
  const w = permute(k.data, k.shape, rank === 2 ? [3, 2, 0, 1] : [2, 1, 0]);
  const toCF = rank === 2 ? NHWC_TO_NCHW : NWC_TO_NCW;
  const toCL = rank === 2 ? NCHW_TO_NHWC : NWC_TO_NCW;
  const xt = g.op('Transpose', [x], `${ctx.node}/to_channels_first`, { perm: toCF });
  const strides = tuple(ctx.config.strides ?? 1, rank);
  const dilations = tuple(ctx.config.dilationRate ?? 1, rank);
  const y = g.op('Conv', [xt, g.float(`${ctx.node}/kernel`, w.shape, w.data)], ctx.node, {
    kernel_shape: w.shape.slice(2),
    strides,
    dilations,
    ...padding(ctx, w.shape.slice(2), strides, dilations),
  });
  return biasAndActivation(ctx, g.op('Transpose', [y], `${ctx.node}/to_channels_last`, { perm: toCL }));
}

function convTranspose(ctx: ConvertContext, x: string): string {
  channelsLast(ctx);
  const g = ctx.g;
  const k = need(ctx, 'kernel');
  const dil = tuple(ctx.config.dilationRate ?? 1, 2);
  if (dil.some((d) => d !== 1)) ctx.fail('a dilated transposed convolution is not exported');
  // tfjs kernel [kh, kw, out, in] → ONNX ConvTranspose [in, out, kh, kw]
  const w = permute(k.data, k.shape, [3, 2, 0, 1]);
  const strides = tuple(ctx.config.strides ?? 1, 2);
  const kernel = w.shape.slice(2);
  // Explicit pads, because ONNX's SAME_* for ConvTranspose split the padding the other way
  // round from TensorFlow (and runtimes have disagreed): TF crops floor(total/2) at the start.
  // TensorFlow's output is in·s + max(k − s, 0) ('valid') or in·s ('same'); ONNX's is
  // (in − 1)·s + k − pads + output_padding, so a window shorter than the stride is made up
  // with output padding (at the end, where TensorFlow's extra zeros are).
  const pads = [0, 0, 0, 0];
  const outputPadding = [0, 0];
  if (ctx.config.padding !== 'same' && ctx.config.padding !== 'valid') ctx.fail(`padding '${String(ctx.config.padding)}' has no ONNX equivalent here`);
  for (let i = 0; i < 2; i++) {
    const total = kernel[i]! - strides[i]!;
    if (total < 0) outputPadding[i] = -total;
    else if (ctx.config.padding === 'same') {
      pads[i] = Math.floor(total / 2);
      pads[i + 2] = total - Math.floor(total / 2);
    }
  }
  const xt = g.op('Transpose', [x], `${ctx.node}/to_channels_first`, { perm: NHWC_TO_NCHW });
  const y = g.op('ConvTranspose', [xt, g.float(`${ctx.node}/kernel`, w.shape, w.data)], ctx.node, {
    kernel_shape: kernel,
    strides,
    pads,
    output_padding: outputPadding,
  });
  return biasAndActivation(ctx, g.op('Transpose', [y], `${ctx.node}/to_channels_last`, { perm: NCHW_TO_NHWC }));
}

function pool(ctx: ConvertContext, x: string, op: 'MaxPool' | 'AveragePool', rank: 1 | 2): string {
  channelsLast(ctx);
  const g = ctx.g;
  const size = tuple(ctx.config.poolSize ?? 2, rank);
  const strides = tuple(ctx.config.strides ?? ctx.config.poolSize ?? 2, rank);
  const xt = g.op('Transpose', [x], `${ctx.node}/to_channels_first`, { perm: rank === 2 ? NHWC_TO_NCHW : NWC_TO_NCW });
  // count_include_pad 0: TensorFlow averages over the window's real values only.
  const y = g.op(op, [xt], ctx.node, { kernel_shape: size, strides, ...padding(ctx, size, strides), ...(op === 'AveragePool' ? { count_include_pad: 0 } : {}) });
  return g.op('Transpose', [y], `${ctx.node}/to_channels_last`, { perm: rank === 2 ? NCHW_TO_NHWC : NWC_TO_NCW });
}

/** Normalisation constants shaped to broadcast along `axis` of an input of `rank`. */
function alongAxis(ctx: ConvertContext, rank: number): { axis: number; shape: number[] } {
  const raw = ctx.config.axis;
  const a = Array.isArray(raw) ? (raw.length === 1 ? Number(raw[0]) : ctx.fail('normalising over several axes is not exported')) : Number(raw ?? -1);
  const axis = a < 0 ? rank + a : a;
  if (axis <= 0 || axis >= rank) ctx.fail(`axis ${a} is not a feature axis of a rank-${rank} input`);
  const dim = ctx.inputShapes[0]![axis];
  if (typeof dim !== 'number') ctx.fail(`axis ${a} has no known size`);
  return { axis, shape: Array.from({ length: rank - 1 }, (_, i) => (i + 1 === axis ? dim : 1)) };
}

function recurrent(ctx: ConvertContext, x: string, op: 'RNN' | 'LSTM' | 'GRU'): string {
  const g = ctx.g;
  const cfg = ctx.config;
  const units = Number(cfg.units);
  const gates = op === 'LSTM' ? 4 : op === 'GRU' ? 3 : 1;
  const kernel = need(ctx, 'kernel');
  const rec = need(ctx, 'recurrent_kernel');
  const bias = cfg.useBias !== false ? need(ctx, 'bias') : undefined;
  const features = kernel.shape[0]!;
  if (cfg.stateful) ctx.fail('a stateful recurrent layer is not exported');
  // Keras packs the gates along the last axis as [i, f, c, o] (LSTM) and [z, r, h] (GRU);
  // ONNX wants [i, o, f, c] and [z, r, h], each block [units, in] (transposed).
  const order = op === 'LSTM' ? [0, 3, 1, 2] : Array.from({ length: gates }, (_, i) => i);
  const pack = (m: { shape: number[]; data: Float32Array }, rows: number) => {
    const t = permute(m.data, m.shape, [1, 0]); // [gates·units, rows]
    const out = new Float32Array(t.data.length);
    order.forEach((src, dst) => out.set(t.data.subarray(src * units * rows, (src + 1) * units * rows), dst * units * rows));
    return out;
  };
  const W = g.float(`${ctx.node}/W`, [1, gates * units, features], pack(kernel, features));
  const R = g.float(`${ctx.node}/R`, [1, gates * units, units], pack(rec, units));
  const B = new Float32Array(2 * gates * units);
  if (bias) order.forEach((src, dst) => B.set(bias.data.subarray(src * units, (src + 1) * units), dst * units));
  const acts = (name: unknown) => {
    const map: Record<string, string> = { tanh: 'Tanh', sigmoid: 'Sigmoid', relu: 'Relu', hardSigmoid: 'HardSigmoid', softsign: 'Softsign', softplus: 'Softplus', elu: 'Elu', linear: 'Affine' };
    const onnx = map[String(name)];
    if (!onnx) ctx.fail(`activation '${String(name)}' is not one ONNX's ${op} takes`);
    return onnx;
  };
  const activations = op === 'RNN' ? [acts(cfg.activation)] : op === 'GRU' ? [acts(cfg.recurrentActivation), acts(cfg.activation)] : [acts(cfg.recurrentActivation), acts(cfg.activation), acts(cfg.activation)];
  // Parameters spelled out where the activation takes them (HardSigmoid as TensorFlow.js:
  // 0.2, 0.5; Elu α 1; Affine 1·x + 0). The lists hold entries only for the activations that
  // take one, in order: that is how onnxruntime reads them.
  const alpha: number[] = [];
  const beta: number[] = [];
  for (const a of activations) {
    if (a === 'HardSigmoid') alpha.push(0.2), beta.push(0.5);
    else if (a === 'Affine') alpha.push(1), beta.push(0);
    else if (a === 'Elu') alpha.push(1);
  }
  // [batch, time, features] → ONNX's [time, batch, features]; go_backwards reads the
  // sequence reversed (and Keras returns the states in that reversed order too).
  let seq = g.op('Transpose', [x], `${ctx.node}/time_major`, { perm: [1, 0, 2] });
  if (cfg.goBackwards) seq = g.op('Slice', [seq, g.ints(`${ctx.node}/start`, [-1]), g.ints(`${ctx.node}/end`, [-(2 ** 53) + 1]), g.ints(`${ctx.node}/axes`, [0]), g.ints(`${ctx.node}/step`, [-1])], `${ctx.node}/reverse`);
  const [Y, Yh] = g.opMulti(op, [seq, W, R, g.float(`${ctx.node}/B`, [1, 2 * gates * units], B)], ctx.node, 2, {
    hidden_size: units,
    activations: { strings: activations },
    ...(alpha.length ? { activation_alpha: { floats: alpha } } : {}),
    ...(beta.length ? { activation_beta: { floats: beta } } : {}),
    ...(op === 'GRU' ? { linear_before_reset: 0 } : {}),
  });
  if (!cfg.returnSequences) return g.op('Squeeze', [Yh!, g.ints(`${ctx.node}/axis0`, [0])], `${ctx.node}/last_state`);
  const y = g.op('Squeeze', [Y!, g.ints(`${ctx.node}/axis1`, [1])], `${ctx.node}/states`);
  return g.op('Transpose', [y], `${ctx.node}/batch_major`, { perm: [1, 0, 2] });
}

function chain(ctx: ConvertContext, op: string, inputs: string[]): string {
  let acc = inputs[0]!;
  for (const x of inputs.slice(1)) acc = ctx.g.op(op, [acc, x], ctx.node);
  return acc;
}

/** Converters by TensorFlow.js class name (the catalog's kind names). */
export const CONVERTERS: Record<string, Converter> = {
  Dense: (ctx, [x]) => {
    const k = need(ctx, 'kernel');
    return biasAndActivation(ctx, ctx.g.op('MatMul', [x!, ctx.g.float(`${ctx.node}/kernel`, k.shape, k.data)], ctx.node));
  },
  Activation: (ctx, [x]) => {
    const y = activation(ctx, x!, ctx.config.activation, ctx.node);
    return y === x ? ctx.g.op('Identity', [x!], ctx.node) : y;
  },
  Dropout: (ctx, [x]) => ctx.g.op('Identity', [x!], ctx.node),
  // Noise is added only while training.
  GaussianNoise: (ctx, [x]) => ctx.g.op('Identity', [x!], ctx.node),
  Flatten: (ctx, [x]) => ctx.g.op('Flatten', [x!], ctx.node, { axis: 1 }),
  Reshape: (ctx, [x]) => {
    // TensorFlow.js keeps the inferred dimension as null; ONNX spells it -1, and 0 copies the batch.
    const target = (ctx.config.targetShape as (number | null)[]).map((d) => (d === null || d < 0 ? -1 : Number(d)));
    return ctx.g.op('Reshape', [x!, ctx.g.ints(`${ctx.node}/shape`, [0, ...target])], ctx.node);
  },
  RepeatVector: (ctx, [x]) => {
    const n = Number(ctx.config.n);
    const u = ctx.g.op('Unsqueeze', [x!, ctx.g.ints(`${ctx.node}/axis`, [1])], `${ctx.node}/unsqueeze`);
    return ctx.g.op('Tile', [u, ctx.g.ints(`${ctx.node}/repeats`, [1, n, 1])], ctx.node);
  },
  Conv1D: (ctx, [x]) => conv(ctx, x!, 1),
  Conv2D: (ctx, [x]) => conv(ctx, x!, 2),
  Conv2DTranspose: (ctx, [x]) => convTranspose(ctx, x!),
  MaxPooling1D: (ctx, [x]) => pool(ctx, x!, 'MaxPool', 1),
  MaxPooling2D: (ctx, [x]) => pool(ctx, x!, 'MaxPool', 2),
  AveragePooling1D: (ctx, [x]) => pool(ctx, x!, 'AveragePool', 1),
  AveragePooling2D: (ctx, [x]) => pool(ctx, x!, 'AveragePool', 2),
  GlobalAveragePooling2D: (ctx, [x]) => (channelsLast(ctx), ctx.g.op('ReduceMean', [x!], ctx.node, { axes: [1, 2], keepdims: 0 })),
  GlobalMaxPooling2D: (ctx, [x]) => (channelsLast(ctx), ctx.g.op('ReduceMax', [x!], ctx.node, { axes: [1, 2], keepdims: 0 })),
  UpSampling2D: (ctx, [x]) => {
    channelsLast(ctx);
    const [sh, sw] = tuple(ctx.config.size ?? 2, 2);
    const mode = ctx.config.interpolation ?? 'nearest';
    if (mode !== 'nearest' && mode !== 'bilinear') ctx.fail(`interpolation '${String(mode)}' is not exported`);
    const g = ctx.g;
    const xt = g.op('Transpose', [x!], `${ctx.node}/to_channels_first`, { perm: NHWC_TO_NCHW });
    // TensorFlow.js resizes with asymmetric coordinates (no align-corners, no half-pixel).
    const y = g.op('Resize', [xt, '', g.float(`${ctx.node}/scales`, [4], [1, 1, sh!, sw!])], ctx.node, {
      mode: mode === 'nearest' ? 'nearest' : 'linear',
      coordinate_transformation_mode: 'asymmetric',
      ...(mode === 'nearest' ? { nearest_mode: 'floor' } : {}),
    });
    return g.op('Transpose', [y], `${ctx.node}/to_channels_last`, { perm: NCHW_TO_NHWC });
  },
  BatchNormalization: (ctx, [x]) => {
    // Inference form: y = x·scale + shift with the moving statistics folded in.
    const rank = ctx.inputShapes[0]!.length;
    const { shape } = alongAxis(ctx, rank);
    const mean = need(ctx, 'moving_mean').data;
    const variance = need(ctx, 'moving_variance').data;
    const gamma = ctx.config.scale !== false ? need(ctx, 'gamma').data : undefined;
    const beta = ctx.config.center !== false ? need(ctx, 'beta').data : undefined;
    const eps = Number(ctx.config.epsilon ?? 1e-3);
    const scale = new Float32Array(mean.length);
    const shift = new Float32Array(mean.length);
    for (let i = 0; i < mean.length; i++) {
      scale[i] = (gamma ? gamma[i]! : 1) / Math.sqrt(variance[i]! + eps);
      shift[i] = (beta ? beta[i]! : 0) - mean[i]! * scale[i]!;
    }
    const y = ctx.g.op('Mul', [x!, ctx.g.float(`${ctx.node}/scale`, shape, scale)], `${ctx.node}/scale`);
    return ctx.g.op('Add', [y, ctx.g.float(`${ctx.node}/shift`, shape, shift)], ctx.node);
  },
  LayerNormalization: (ctx, [x]) => {
    const rank = ctx.inputShapes[0]!.length;
    const { axis } = alongAxis(ctx, rank);
    if (axis !== rank - 1) ctx.fail('only normalisation over the last axis is exported');
    const dim = ctx.inputShapes[0]![axis] as number;
    const gamma = ctx.config.scale !== false ? need(ctx, 'gamma').data : new Float32Array(dim).fill(1);
    const beta = ctx.config.center !== false ? need(ctx, 'beta').data : new Float32Array(dim);
    return ctx.g.op('LayerNormalization', [x!, ctx.g.float(`${ctx.node}/gamma`, [dim], gamma), ctx.g.float(`${ctx.node}/beta`, [dim], beta)], ctx.node, {
      axis: -1,
      epsilon: { f: Number(ctx.config.epsilon ?? 1e-3) },
    });
  },
  Embedding: (ctx, [x]) => {
    const e = need(ctx, 'embeddings');
    // The app feeds indices as float32; TensorFlow.js casts them to int32 (truncating).
    const idx = ctx.g.op('Cast', [x!], `${ctx.node}/indices`, { to: 7 });
    return ctx.g.op('Gather', [ctx.g.float(`${ctx.node}/embeddings`, e.shape, e.data), idx], ctx.node, { axis: 0 });
  },
  SimpleRNN: (ctx, [x]) => recurrent(ctx, x!, 'RNN'),
  LSTM: (ctx, [x]) => recurrent(ctx, x!, 'LSTM'),
  GRU: (ctx, [x]) => recurrent(ctx, x!, 'GRU'),
  Concatenate: (ctx, inputs) => ctx.g.op('Concat', inputs, ctx.node, { axis: Number(ctx.config.axis ?? -1) }),
  Add: (ctx, inputs) => chain(ctx, 'Add', inputs),
  Multiply: (ctx, inputs) => chain(ctx, 'Mul', inputs),
  Average: (ctx, inputs) => ctx.g.op('Mean', inputs, ctx.node),
};
