// A TensorFlow.js layers model (a run's trained model) as a PyTorch folder: model.py (an
// nn.Module with one attribute per node, named after it, and a forward() that follows the
// graph), weights.npz (keys as model.state_dict() names them, arrays already in torch's
// layouts) and metadata.json. The module takes the app's raw channels-last input: the run's
// scaling is its first step (registered buffers), images turn channels-first for the
// convolutions and back to channels-last before anything that reads the values in order
// (Flatten, Dense, Reshape), so the flattened values line up with the Dense weights.
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Preprocessing } from '../../data/types.js';
import type { TrainingConfig } from '../../project/types.js';
import { pyIdentifier } from '../keras.js';
import { inputLayers, outputValues, permute, samePads, scalingConstants, tuple, walkLayers, type Dims, type WalkedLayer, type WeightValue } from '../walk.js';
import type { NpyArray } from '../npy.js';
import * as PY from './python.js';

export class PytorchExportError extends Error {
  constructor(
    readonly node: string,
    readonly kind: string,
    reason: string,
  ) {
    super(`cannot export node '${node}' (${kind}) to PyTorch: ${reason}`);
    this.name = 'PytorchExportError';
  }
}

export interface PytorchExportOptions {
  preprocessing?: Preprocessing;
  classNames?: string[];
  /** tfjs layer name → node id. */
  nodeIdOf?: Map<string, string>;
  /** The project's name and training settings (train's optimizer, loss, batch size). */
  name?: string;
  description?: string;
  training?: TrainingConfig;
  runId?: string;
  /** The flat features' names (a CSV's one-hot columns read `column=category`). */
  featureNames?: string[];
}

export interface PytorchExport {
  modelPy: string;
  weights: Map<string, NpyArray>;
  metadata: Record<string, unknown>;
}

/** A value in forward(): its Python expression, and whether it is channels-first. */
interface Value {
  expr: string;
  cf: boolean;
  rank: number;
}

const RESERVED = new Set(['x', 'self', 'torch', 'nn', 'F', 'np', 'os', 'sys', 'argparse', 'json', 'forward', 'training', 'train', 'eval', 'to', 'cuda', 'cpu', 'float', 'double', 'half', 'type', 'apply', 'parameters', 'buffers', 'modules', 'children', 'state_dict', 'zero_grad', 'input_offset', 'input_divisor', 'predict', 'main', 'Net', 'linear', 'softmax', 'hard_sigmoid']);

/** Channels-last → channels-first axes (and the inverse) for rank 3 and 4 values. */
const TO_CF: Record<number, number[]> = { 3: [0, 2, 1], 4: [0, 3, 1, 2] };
const TO_CL: Record<number, number[]> = { 3: [0, 2, 1], 4: [0, 2, 3, 1] };

const num = (n: number): string => (Number.isInteger(n) ? `${n}.0` : String(n));
const ints = (a: number[]): string => (a.length === 1 ? `${a[0]}` : `(${a.join(', ')})`);

const ACTIVATIONS: Record<string, { fn: string; helper?: string }> = {
  linear: { fn: 'linear', helper: PY.LINEAR },
  relu: { fn: 'torch.relu' },
  sigmoid: { fn: 'torch.sigmoid' },
  tanh: { fn: 'torch.tanh' },
  softmax: { fn: 'softmax', helper: PY.SOFTMAX },
  elu: { fn: 'F.elu' },
  selu: { fn: 'F.selu' },
  softplus: { fn: 'F.softplus' },
  softsign: { fn: 'F.softsign' },
  hardSigmoid: { fn: 'hard_sigmoid', helper: PY.HARD_SIGMOID },
  relu6: { fn: 'F.relu6' },
  swish: { fn: 'F.silu' },
};

class Writer {
  readonly init: string[] = [];
  readonly forward: string[] = [];
  readonly weights = new Map<string, NpyArray>();
  readonly helpers = new Set<string>();
  private readonly used = new Set(RESERVED);

  name(id: string): string {
    const base = pyIdentifier(id);
    let v = RESERVED.has(base) ? `${base}_` : base;
    for (let i = 2; this.used.has(v); i++) v = `${base}_${i}`;
    this.used.add(v);
    return v;
  }

  param(key: string, w: { shape: number[]; data: Float32Array }): void {
    this.weights.set(key, { shape: w.shape, data: w.data });
  }
}

interface Ctx {
  w: Writer;
  walked: WalkedLayer;
  attr: string;
  config: Record<string, unknown>;
  fail(reason: string): never;
}

function need(ctx: Ctx, suffix: string): WeightValue {
  return ctx.walked.weight(suffix) ?? ctx.fail(`weight '${suffix}' is missing`);
}

function cl(v: Value): string {
  return v.cf ? `${v.expr}.permute(${TO_CL[v.rank]!.join(', ')})` : v.expr;
}
function cf(ctx: Ctx, v: Value): string {
  if (v.cf) return v.expr;
  const p = TO_CF[v.rank] ?? ctx.fail(`a rank-${v.rank} input has no channels-first form`);
  return `${v.expr}.permute(${p.join(', ')})`;
}

/** The activation's function name (its helper written into model.py when needed). */
function actFn(ctx: Ctx, name: unknown): string {
  const a = ACTIVATIONS[String(name ?? 'linear')] ?? ctx.fail(`activation '${String(name)}' has no PyTorch equivalent here`);
  if (a.helper) ctx.w.helpers.add(a.helper);
  return a.fn;
}

/** `expr` through the activation; softmax runs over the channels, wherever they are. */
function activate(ctx: Ctx, expr: string, name: unknown, channelsFirst: boolean): string {
  const n = String(name ?? 'linear');
  if (n === 'linear') return expr;
  if (n === 'softmax') return `torch.softmax(${expr}, dim=${channelsFirst ? 1 : -1})`;
  return `${actFn(ctx, n)}(${expr})`;
}

function channelsLast(ctx: Ctx) {
  const f = ctx.config.dataFormat;
  if (f !== undefined && f !== 'channelsLast') ctx.fail(`dataFormat '${String(f)}': only channelsLast is exported`);
}

/** Padding for a window op: symmetric pads go into the module; uneven 'same' pads (the odd one
 *  at the end, as TensorFlow does) become an F.pad in forward(). */
function pads(ctx: Ctx, window: number[], strides: number[], dilations?: number[]): { module: number[]; explicit?: number[] } {
  const p = ctx.config.padding;
  const rank = window.length;
  if (p === 'valid') return { module: new Array<number>(rank).fill(0) };
  if (p !== 'same') return ctx.fail(`padding '${String(p)}' has no PyTorch equivalent here`);
  const spatial = ctx.walked.inputShapes[0]!.slice(1, 1 + rank);
  const { begin, end } = samePads(spatial, window, strides, dilations, (i) => ctx.fail(`'same' padding needs a known size on axis ${i + 1}`));
  if (begin.every((b, i) => b === end[i])) return { module: begin };
  // F.pad lists the last axis first.
  const explicit: number[] = [];
  for (let i = rank - 1; i >= 0; i--) explicit.push(begin[i]!, end[i]!);
  return { module: new Array<number>(rank).fill(0), explicit };
}

function biasWeight(ctx: Ctx): boolean {
  const bias = ctx.config.useBias !== false ? ctx.walked.weight('bias') : undefined;
  if (bias) ctx.w.param(`${ctx.attr}.bias`, bias);
  return !!bias;
}

function conv(ctx: Ctx, [x]: Value[], rank: 1 | 2): Value {
  channelsLast(ctx);
  const k = need(ctx, 'kernel');
  const kernel = k.shape.slice(0, rank);
  const [cin, cout] = [k.shape[rank]!, k.shape[rank + 1]!];
  const strides = tuple(ctx.config.strides ?? 1, rank);
  const dil = tuple(ctx.config.dilationRate ?? 1, rank);
  const p = pads(ctx, kernel, strides, dil);
  ctx.w.param(`${ctx.attr}.weight`, permute(k.data, k.shape, rank === 2 ? [3, 2, 0, 1] : [2, 1, 0]));
  const bias = biasWeight(ctx);
  const opts = [`kernel_size=${ints(kernel)}`];
  if (strides.some((s) => s !== 1)) opts.push(`stride=${ints(strides)}`);
  if (p.module.some((s) => s !== 0)) opts.push(`padding=${ints(p.module)}`);
  if (dil.some((d) => d !== 1)) opts.push(`dilation=${ints(dil)}`);
  if (!bias) opts.push('bias=False');
  ctx.w.init.push(`self.${ctx.attr} = nn.Conv${rank}d(${cin}, ${cout}, ${opts.join(', ')})`);
  const input = cf(ctx, x!);
  const padded = p.explicit ? `F.pad(${input}, (${p.explicit.join(', ')}))` : input;
  return { expr: activate(ctx, `self.${ctx.attr}(${padded})`, ctx.config.activation, true), cf: true, rank: rank + 2 };
}

function convTranspose(ctx: Ctx, [x]: Value[]): Value {
  channelsLast(ctx);
  const k = need(ctx, 'kernel');
  if (tuple(ctx.config.dilationRate ?? 1, 2).some((d) => d !== 1)) ctx.fail('a dilated transposed convolution is not exported');
  const kernel = k.shape.slice(0, 2);
  const [cout, cin] = [k.shape[2]!, k.shape[3]!];
  const strides = tuple(ctx.config.strides ?? 1, 2);
  const padding = ctx.config.padding;
  if (padding !== 'same' && padding !== 'valid') ctx.fail(`padding '${String(padding)}' has no PyTorch equivalent here`);
  // TensorFlow's output is in·s + max(k − s, 0) ('valid') or in·s ('same'), cropping
  // floor(total/2) at the start; torch crops `padding` at both ends and adds output_padding at
  // the end, so an odd total leaves one more row to crop at the end.
  const pad = [0, 0];
  const outPad = [0, 0];
  const cropEnd = [false, false];
  for (let i = 0; i < 2; i++) {
    const total = kernel[i]! - strides[i]!;
    if (total < 0) outPad[i] = -total;
    else if (padding === 'same') {
      pad[i] = Math.floor(total / 2);
      cropEnd[i] = total % 2 === 1;
    }
  }
  // tfjs kernel [kh, kw, out, in] → torch [in, out, kh, kw]
  ctx.w.param(`${ctx.attr}.weight`, permute(k.data, k.shape, [3, 2, 0, 1]));
  const bias = biasWeight(ctx);
  const opts = [`kernel_size=${ints(kernel)}`];
  if (strides.some((s) => s !== 1)) opts.push(`stride=${ints(strides)}`);
  if (pad.some((s) => s !== 0)) opts.push(`padding=${ints(pad)}`);
  if (outPad.some((s) => s !== 0)) opts.push(`output_padding=${ints(outPad)}`);
  if (!bias) opts.push('bias=False');
  ctx.w.init.push(`self.${ctx.attr} = nn.ConvTranspose2d(${cin}, ${cout}, ${opts.join(', ')})`);
  let y = `self.${ctx.attr}(${cf(ctx, x!)})`;
  if (cropEnd.some(Boolean)) y = `${y}[:, :, ${cropEnd[0] ? ':-1' : ':'}, ${cropEnd[1] ? ':-1' : ':'}]`;
  return { expr: activate(ctx, y, ctx.config.activation, true), cf: true, rank: 4 };
}

function pool(ctx: Ctx, [x]: Value[], op: 'Max' | 'Avg', rank: 1 | 2): Value {
  channelsLast(ctx);
  const size = tuple(ctx.config.poolSize ?? 2, rank);
  const strides = tuple(ctx.config.strides ?? ctx.config.poolSize ?? 2, rank);
  const p = pads(ctx, size, strides);
  // torch pads at most half a window inside the module.
  if (p.module.some((m, i) => m > Math.floor(size[i]! / 2))) {
    p.explicit = [];
    for (let i = rank - 1; i >= 0; i--) p.explicit.push(p.module[i]!, p.module[i]!);
    p.module = p.module.map(() => 0);
  }
  const input = cf(ctx, x!);
  const opts = [`kernel_size=${ints(size)}`, `stride=${ints(strides)}`];
  if (p.module.some((s) => s !== 0)) opts.push(`padding=${ints(p.module)}`);
  // TensorFlow averages over the window's real values only.
  if (op === 'Avg' && p.module.some((s) => s !== 0)) opts.push('count_include_pad=False');
  ctx.w.init.push(`self.${ctx.attr} = nn.${op}Pool${rank}d(${opts.join(', ')})`);
  let y: string;
  if (!p.explicit) y = `self.${ctx.attr}(${input})`;
  else if (op === 'Max') y = `self.${ctx.attr}(F.pad(${input}, (${p.explicit.join(', ')}), value=float("-inf")))`;
  // Uneven 'same' average: the padded zeros are left out by dividing by the window's share of real values.
  else y = `self.${ctx.attr}(F.pad(${input}, (${p.explicit.join(', ')}))) / self.${ctx.attr}(F.pad(torch.ones_like(${input}), (${p.explicit.join(', ')})))`;
  return { expr: y, cf: true, rank: rank + 2 };
}

/** The normalised axis, which must be the last (the channels). */
function lastAxis(ctx: Ctx, rank: number): number {
  const raw = ctx.config.axis;
  const a = Array.isArray(raw) ? (raw.length === 1 ? Number(raw[0]) : ctx.fail('normalising over several axes is not exported')) : Number(raw ?? -1);
  const axis = a < 0 ? rank + a : a;
  if (axis !== rank - 1) ctx.fail(`only normalisation over the last axis is exported (axis ${a} of a rank-${rank} input)`);
  const dim = ctx.walked.inputShapes[0]![axis];
  if (typeof dim !== 'number') ctx.fail(`axis ${a} has no known size`);
  return dim;
}

function recurrent(ctx: Ctx, [x]: Value[], cls: 'SimpleRNN' | 'LSTM' | 'GRU'): Value {
  const cfg = ctx.config;
  if (cfg.stateful) ctx.fail('a stateful recurrent layer is not exported');
  const kernel = need(ctx, 'kernel');
  const rec = need(ctx, 'recurrent_kernel');
  ctx.w.helpers.add(PY.RECURRENT);
  ctx.w.helpers.add(cls === 'SimpleRNN' ? PY.SIMPLE_RNN : cls === 'LSTM' ? PY.LSTM : PY.GRU);
  // Keras kernels [in, gates·units] → torch [gates·units, in]; the gate order is kept.
  ctx.w.param(`${ctx.attr}.weight_ih`, permute(kernel.data, kernel.shape, [1, 0]));
  ctx.w.param(`${ctx.attr}.weight_hh`, permute(rec.data, rec.shape, [1, 0]));
  const bias = biasWeight(ctx);
  const args = [`${kernel.shape[0]}`, `${cfg.units}`, `activation=${actFn(ctx, cfg.activation)}`];
  if (cls !== 'SimpleRNN') args.push(`recurrent_activation=${actFn(ctx, cfg.recurrentActivation)}`);
  if (cfg.returnSequences) args.push('return_sequences=True');
  if (cfg.goBackwards) args.push('go_backwards=True');
  if (!bias) args.push('bias=False');
  ctx.w.init.push(`self.${ctx.attr} = ${cls}(${args.join(', ')})`);
  return { expr: `self.${ctx.attr}(${cl(x!)})`, cf: false, rank: cfg.returnSequences ? 3 : 2 };
}

/** Merge inputs in one layout: as they are when they agree, else all channels-last. */
function merged(xs: Value[]): { exprs: string[]; cf: boolean; rank: number } {
  const same = xs.every((v) => v.cf === xs[0]!.cf);
  return { exprs: xs.map((v) => (same ? v.expr : cl(v))), cf: same && xs[0]!.cf, rank: xs[0]!.rank };
}

type Converter = (ctx: Ctx, xs: Value[]) => Value;

const elementwise = (ctx: Ctx, x: Value, f: (e: string) => string): Value => ({ ...x, expr: f(x.expr) });

const CONVERTERS: Record<string, Converter> = {
  Dense: (ctx, [x]) => {
    const k = need(ctx, 'kernel');
    ctx.w.param(`${ctx.attr}.weight`, permute(k.data, k.shape, [1, 0]));
    const bias = biasWeight(ctx);
    ctx.w.init.push(`self.${ctx.attr} = nn.Linear(${k.shape[0]}, ${k.shape[1]}${bias ? '' : ', bias=False'})`);
    return { expr: activate(ctx, `self.${ctx.attr}(${cl(x!)})`, ctx.config.activation, false), cf: false, rank: x!.rank };
  },
  Activation: (ctx, [x]) => elementwise(ctx, x!, (e) => activate(ctx, e, ctx.config.activation, x!.cf)),
  Dropout: (ctx, [x]) => {
    ctx.w.init.push(`self.${ctx.attr} = nn.Dropout(p=${num(Number(ctx.config.rate ?? 0))})`);
    return elementwise(ctx, x!, (e) => `self.${ctx.attr}(${e})`);
  },
  // Noise is added only while training.
  GaussianNoise: (ctx, [x]) => elementwise(ctx, x!, (e) => `(${e} + ${num(Number(ctx.config.stddev ?? 0))} * torch.randn_like(${e}) if self.training else ${e})`),
  Flatten: (_ctx, [x]) => ({ expr: `torch.flatten(${cl(x!)}, 1)`, cf: false, rank: 2 }),
  Reshape: (ctx, [x]) => {
    // The one inferred dimension (null or -1) worked out here, from the known input size.
    const target = (ctx.config.targetShape as (number | null)[]).map((d) => (d === null || d < 0 ? -1 : Number(d)));
    const size = ctx.walked.inputShapes[0]!.slice(1).reduce<number>((a, b) => a * (b ?? NaN), 1);
    const known = target.filter((d) => d >= 0).reduce((a, b) => a * b, 1);
    const dims = Number.isInteger(size) ? target.map((d) => (d < 0 ? size / known : d)) : target;
    return { expr: `${cl(x!)}.reshape(-1, ${dims.join(', ')})`, cf: false, rank: dims.length + 1 };
  },
  RepeatVector: (ctx, [x]) => ({ expr: `${cl(x!)}.unsqueeze(1).repeat(1, ${Number(ctx.config.n)}, 1)`, cf: false, rank: 3 }),
  Conv1D: (ctx, xs) => conv(ctx, xs, 1),
  Conv2D: (ctx, xs) => conv(ctx, xs, 2),
  Conv2DTranspose: convTranspose,
  MaxPooling1D: (ctx, xs) => pool(ctx, xs, 'Max', 1),
  MaxPooling2D: (ctx, xs) => pool(ctx, xs, 'Max', 2),
  AveragePooling1D: (ctx, xs) => pool(ctx, xs, 'Avg', 1),
  AveragePooling2D: (ctx, xs) => pool(ctx, xs, 'Avg', 2),
  GlobalAveragePooling2D: (ctx, [x]) => (channelsLast(ctx), { expr: `${x!.expr}.mean(dim=${x!.cf ? '(2, 3)' : '(1, 2)'})`, cf: false, rank: 2 }),
  GlobalMaxPooling2D: (ctx, [x]) => (channelsLast(ctx), { expr: `${x!.expr}.amax(dim=${x!.cf ? '(2, 3)' : '(1, 2)'})`, cf: false, rank: 2 }),
  UpSampling2D: (ctx, [x]) => {
    channelsLast(ctx);
    const [sh, sw] = tuple(ctx.config.size ?? 2, 2);
    const mode = ctx.config.interpolation ?? 'nearest';
    if (mode === 'nearest') {
      ctx.w.init.push(`self.${ctx.attr} = nn.Upsample(scale_factor=(${sh}, ${sw}), mode="nearest")`);
      return { expr: `self.${ctx.attr}(${cf(ctx, x!)})`, cf: true, rank: 4 };
    }
    if (mode !== 'bilinear') ctx.fail(`interpolation '${String(mode)}' is not exported`);
    ctx.w.helpers.add(PY.RESIZE_BILINEAR);
    return { expr: `resize_bilinear(${cf(ctx, x!)}, ${sh}, ${sw})`, cf: true, rank: 4 };
  },
  BatchNormalization: (ctx, [x]) => {
    const dim = lastAxis(ctx, x!.rank);
    if (x!.rank > 4) ctx.fail(`a rank-${x!.rank} input is not exported`);
    const scale = ctx.config.scale !== false;
    const center = ctx.config.center !== false;
    ctx.w.param(`${ctx.attr}.running_mean`, need(ctx, 'moving_mean'));
    ctx.w.param(`${ctx.attr}.running_var`, need(ctx, 'moving_variance'));
    const affine = scale || center;
    // torch's affine form has both a scale and a shift: a missing one stays at 1 or 0.
    if (affine) {
      ctx.w.param(`${ctx.attr}.weight`, scale ? need(ctx, 'gamma') : { shape: [dim], data: new Float32Array(dim).fill(1) });
      ctx.w.param(`${ctx.attr}.bias`, center ? need(ctx, 'beta') : { shape: [dim], data: new Float32Array(dim) });
    }
    // Keras keeps momentum·old + (1 − momentum)·new; torch's momentum weighs the new batch.
    const momentum = 1 - Number(ctx.config.momentum ?? 0.99);
    ctx.w.init.push(`self.${ctx.attr} = nn.BatchNorm${x!.rank === 4 ? 2 : 1}d(${dim}, eps=${num(Number(ctx.config.epsilon ?? 1e-3))}, momentum=${Number(momentum.toPrecision(6))}${affine ? '' : ', affine=False'})`);
    const input = x!.rank === 2 ? x!.expr : cf(ctx, x!);
    return { expr: `self.${ctx.attr}(${input})`, cf: x!.rank > 2, rank: x!.rank };
  },
  LayerNormalization: (ctx, [x]) => {
    const dim = lastAxis(ctx, x!.rank);
    const scale = ctx.config.scale !== false;
    const center = ctx.config.center !== false;
    const affine = scale || center;
    if (affine) {
      ctx.w.param(`${ctx.attr}.weight`, scale ? need(ctx, 'gamma') : { shape: [dim], data: new Float32Array(dim).fill(1) });
      ctx.w.param(`${ctx.attr}.bias`, center ? need(ctx, 'beta') : { shape: [dim], data: new Float32Array(dim) });
    }
    ctx.w.init.push(`self.${ctx.attr} = nn.LayerNorm(${dim}, eps=${num(Number(ctx.config.epsilon ?? 1e-3))}${affine ? '' : ', elementwise_affine=False'})`);
    return { expr: `self.${ctx.attr}(${cl(x!)})`, cf: false, rank: x!.rank };
  },
  Embedding: (ctx, [x]) => {
    const e = need(ctx, 'embeddings');
    ctx.w.param(`${ctx.attr}.weight`, e);
    ctx.w.init.push(`self.${ctx.attr} = nn.Embedding(${e.shape[0]}, ${e.shape[1]})`);
    // The app feeds indices as float32; TensorFlow.js truncates them to integers.
    return { expr: `self.${ctx.attr}(${cl(x!)}.long())`, cf: false, rank: x!.rank + 1 };
  },
  SimpleRNN: (ctx, xs) => recurrent(ctx, xs, 'SimpleRNN'),
  LSTM: (ctx, xs) => recurrent(ctx, xs, 'LSTM'),
  GRU: (ctx, xs) => recurrent(ctx, xs, 'GRU'),
  Concatenate: (ctx, xs) => {
    const m = merged(xs);
    const a = Number(ctx.config.axis ?? -1);
    let axis = a < 0 ? m.rank + a : a;
    if (m.cf) axis = TO_CF[m.rank]!.indexOf(axis);
    return { expr: `torch.cat([${m.exprs.join(', ')}], dim=${axis})`, cf: m.cf, rank: m.rank };
  },
  Add: (_ctx, xs) => {
    const m = merged(xs);
    return { expr: m.exprs.join(' + '), cf: m.cf, rank: m.rank };
  },
  Multiply: (_ctx, xs) => {
    const m = merged(xs);
    return { expr: m.exprs.join(' * '), cf: m.cf, rank: m.rank };
  },
  Average: (_ctx, xs) => {
    const m = merged(xs);
    return { expr: `(${m.exprs.join(' + ')}) / ${xs.length}`, cf: m.cf, rank: m.rank };
  },
};

const str = (s: string): string => JSON.stringify(s);
const docString = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"');

function optimizerCode(t: TrainingConfig | undefined): string[] {
  const o = t?.optimizer ?? { kind: 'adam' as const, learningRate: 0.001 };
  const lr = 'LEARNING_RATE';
  const eps = num(o.epsilon ?? 1e-7);
  const b = `betas=(${num(o.beta1 ?? 0.9)}, ${num(o.beta2 ?? 0.999)})`;
  // TensorFlow.js's defaults spelled out (epsilon 1e-7, Adagrad's accumulator starting at 0.1).
  const expr: Record<string, string> = {
    sgd: `torch.optim.SGD(parameters, lr=${lr}, momentum=${num(o.momentum ?? 0)}, nesterov=${o.nesterov ? 'True' : 'False'})`,
    adagrad: `torch.optim.Adagrad(parameters, lr=${lr}, initial_accumulator_value=0.1, eps=${eps})`,
    adadelta: `torch.optim.Adadelta(parameters, lr=${lr}, rho=${num(o.rho ?? 0.95)}, eps=${eps})`,
    adam: `torch.optim.Adam(parameters, lr=${lr}, ${b}, eps=${eps})`,
    adamax: `torch.optim.Adamax(parameters, lr=${lr}, ${b}, eps=${eps})`,
    rmsprop: `torch.optim.RMSprop(parameters, lr=${lr}, alpha=${num(o.rho ?? 0.9)}, momentum=${num(o.momentum ?? 0)}, eps=${eps})`,
  };
  const s = t?.lrSchedule;
  const sched = !s
    ? ['    return None']
    : s.kind === 'step'
      ? [`    # Step decay per epoch: the rate is multiplied by ${num(s.factor)} every ${s.every} epoch(s).`, `    return torch.optim.lr_scheduler.StepLR(optimizer, step_size=${s.every}, gamma=${num(s.factor)})`]
      : [`    # Exponential decay per batch: lr = LEARNING_RATE * ${num(s.decayRate)} ** (step / ${s.decaySteps})`, `    return torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: ${num(s.decayRate)} ** (step / ${s.decaySteps}))`];
  return [
    'def make_optimizer(parameters):',
    `    """The project's optimizer (${o.kind}) with its settings."""`,
    `    return ${expr[o.kind]}`,
    '',
    '',
    'def make_scheduler(optimizer):',
    ...sched,
    '',
    '',
    `SCHEDULE_PER = ${str(s?.kind === 'exponential' ? 'batch' : 'epoch')}`,
  ];
}

/** The folder's contents; throws PytorchExportError naming the node on a layer torch lacks. */
export function toPytorch(model: tfl.LayersModel, opts: PytorchExportOptions = {}): PytorchExport {
  const w = new Writer();
  const nodeOf = (layer: tfl.layers.Layer) => opts.nodeIdOf?.get(layer.name) ?? layer.name;
  const fail = (node: string, kind: string, reason: string): never => {
    throw new PytorchExportError(node, kind, reason);
  };
  const values = new Map<string, Value>();
  const inputs = inputLayers(model, nodeOf);
  const args: string[] = [];
  const inputShape = inputs[0]!.shape.slice(1);
  const prep = opts.preprocessing;
  const c = prep ? scalingConstants(inputs[0]!.shape, prep, (reason) => fail(inputs[0]!.node, 'Input', `the input scaling: ${reason}`)) : undefined;
  if (c) {
    w.init.push(`# The input scaling the run trained with ('${prep!.method}', ${prep!.from}): x' = (x - offset) / divisor.`);
    const literal = (v: number[]) => (c.shape.length === 0 ? `torch.tensor(${num(v[0]!)})` : `torch.zeros(${c.shape.join(', ')})  # values in weights.npz`);
    w.init.push(`self.register_buffer("input_offset", ${literal(c.offset)})`, `self.register_buffer("input_divisor", ${literal(c.divisor)})`);
    w.param('input_offset', { shape: c.shape, data: Float32Array.from(c.offset) });
    w.param('input_divisor', { shape: c.shape, data: Float32Array.from(c.divisor) });
  }
  for (const input of inputs) {
    const v = w.name(input.node);
    args.push(v);
    if (c) w.forward.push(`${v} = (${v} - self.input_offset) / self.input_divisor`);
    values.set(input.key, { expr: v, cf: false, rank: input.shape.length });
  }
  for (const walked of walkLayers(model, nodeOf, fail)) {
    const { node, kind } = walked;
    const xs = walked.inputs.map((k, i) => values.get(k) ?? fail(node, kind, `its input from '${walked.inputNodes[i]}' was not converted first`));
    const convert = CONVERTERS[kind] ?? fail(node, kind, `PyTorch export has no converter for ${kind}`);
    const attr = w.name(node);
    const before = w.init.length;
    const v = convert({ w, walked, attr, config: walked.config, fail: (reason) => fail(node, kind, reason) }, xs);
    if (w.init.length === before) w.init.push(`# ${node}: ${kind} (no weights; in forward)`);
    if (xs.some((x) => x.cf) && !v.cf && /permute/.test(v.expr)) w.forward.push(`# back to channels-last (TensorFlow's order) for ${node}`);
    w.forward.push(`${attr} = ${v.expr}`);
    values.set(`${walked.layer.name}:0`, { expr: attr, cf: v.cf, rank: v.rank });
  }
  const outs = outputValues(model, nodeOf).map((o) => cl(values.get(o.key) ?? fail(o.node, o.kind, 'its output was not converted')));
  w.forward.push(`return ${outs.length === 1 ? outs[0] : `(${outs.join(', ')})`}`);

  const t = opts.training;
  const name = opts.name ?? model.name;
  const lines = [
    '#!/usr/bin/env python3',
    `"""${docString(name)}`,
    ...(opts.description ? ['', docString(opts.description)] : []),
    '',
    `Exported by LayerLab${opts.runId ? ` from run ${opts.runId}` : ''}: the network as a PyTorch nn.Module, its weights in`,
    "weights.npz (beside this file), the input scaling and class names in metadata.json. It takes",
    'raw inputs [n, ' + inputShape.join(', ') + '] exactly as `layerlab predict --input IN.npy` does.',
    '',
    '    python3 model.py predict IN.npy OUT.npy',
    '    python3 model.py train --x X.npy --y Y.npy [--epochs N]',
    '    torchrun --nproc_per_node 4 model.py train --x X.npy --y Y.npy',
    '',
    'Needs PyTorch and NumPy.',
    '"""',
    'import argparse',
    'import os',
    '',
    'import numpy as np',
    'import torch',
    'import torch.nn.functional as F',
    'from torch import nn',
    '',
    'HERE = os.path.dirname(os.path.abspath(__file__))',
    'WEIGHTS = os.path.join(HERE, "weights.npz")',
    `INPUT_SHAPE = (${inputShape.join(', ')}${inputShape.length === 1 ? ',' : ''})`,
    `CLASS_NAMES = ${opts.classNames ? `[${opts.classNames.map(str).join(', ')}]` : 'None'}`,
    `SEED = ${t?.seed ?? 0}`,
    `EPOCHS = ${t?.epochs ?? 1}`,
    `BATCH_SIZE = ${t?.batchSize ?? 32}`,
    `LEARNING_RATE = ${num(t?.optimizer.learningRate ?? 0.001)}`,
    `LOSS = ${str(t?.loss ?? 'meanSquaredError')}`,
  ];
  const helpers = [...w.helpers];
  // The base class before its subclasses.
  helpers.sort((a, b) => (a === PY.RECURRENT ? -1 : b === PY.RECURRENT ? 1 : 0));
  const net = [
    'class Net(nn.Module):',
    `    """${docString(name)}: one attribute per LayerLab node, named after it."""`,
    '',
    '    def __init__(self):',
    '        super().__init__()',
    ...w.init.map((l) => `        ${l}`),
    '',
    `    def forward(self, ${args.join(', ')}):`,
    ...w.forward.map((l) => `        ${l}`),
  ];
  const sections = [lines.join('\n'), ...helpers, net.join('\n'), optimizerCode(t).join('\n'), PY.WEIGHTS_IO, PY.TRAIN];
  const modelPy = `${sections.join('\n\n\n')}\n`;
  const metadata: Record<string, unknown> = {
    format: 'layerlab-pytorch',
    ...(opts.runId ? { runId: opts.runId } : {}),
    name,
    inputShape,
    outputShape: (model.outputs[0]!.shape.slice(1) as number[]),
    ...(opts.classNames ? { classNames: opts.classNames } : {}),
    ...(prep ? { preprocessing: prep } : {}),
    ...(opts.featureNames ? { featureNames: opts.featureNames } : {}),
  };
  return { modelPy, weights: w.weights, metadata };
}
