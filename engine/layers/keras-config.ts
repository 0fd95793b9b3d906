// Keras's side of a layer kind, in both directions: the class name a kind is written as
// (`kerasClassName`, used by the Keras script and read back by the importer) and a Keras layer
// config read as the kind's parameters (`paramsFromKeras`). Parameter names map by spelling
// only — camelCase here, snake_case in Keras (`snake`, the emitters' own) — and enum values by
// name (`glorot_uniform` ↔ `glorotUniform`), so the kind's params spec is the one table.
// What a kind has no parameter for, it declares in `keras.neutral` (see KerasSpec).
import { checkParam, INITIALIZERS, snake } from './params.js';
import { KERAS_ANY, type KerasNeutral, type LayerKind, type ParamSpec, type ParamValue, type Regularizer } from './types.js';

export const KERAS_CHANNELS_LAST = 'channels_last';
/** A dilation or stride of 1 on every axis, as a number or a tuple. */
export const KERAS_ONES = (v: unknown): boolean => (Array.isArray(v) ? v.every((x) => x === 1) : v === 1);
/** The Keras recurrent arguments TensorFlow.js's SimpleRNN/LSTM/GRU do without. */
export const KERAS_RNN: Record<string, KerasNeutral> = {
  return_state: false,
  stateful: false,
  time_major: false,
  // How the loop runs, not what it computes.
  unroll: KERAS_ANY,
  use_cudnn: KERAS_ANY,
  implementation: KERAS_ANY,
  zero_output_for_mask: KERAS_ANY,
  seed: KERAS_ANY,
};

/** Arguments every Keras layer may carry that change nothing LayerLab keeps (trainable is
 *  read by the importer itself, shapes by the graph). */
const COMMON: Record<string, KerasNeutral> = {
  name: KERAS_ANY,
  trainable: KERAS_ANY,
  dtype: KERAS_ANY,
  batch_input_shape: KERAS_ANY,
  batch_shape: KERAS_ANY,
  input_shape: KERAS_ANY,
  input_dtype: KERAS_ANY,
  activity_regularizer: null,
  quantization_config: null,
};

export function kerasClassName(kind: LayerKind): string {
  return kind.keras?.className ?? kind.kind;
}

/** Keras's JSON wrappers undone, recursively: `{"class_name": "__tuple__", "items": […]}` and
 *  TensorShape objects become lists. */
export function plainKeras(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plainKeras);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ((o.class_name === '__tuple__' || o.class_name === 'TensorShape') && Array.isArray(o.items)) return o.items.map(plainKeras);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, plainKeras(x)]));
  }
  return v;
}

/** 'glorot_uniform', 'GlorotUniform' and 'glorotUniform' are one name. */
const norm = (s: string): string => s.replace(/_/g, '').toLowerCase();

function describe(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}

/** `{class_name, config}` (Keras 2, TensorFlow.js) or the same with `module`/`registered_name`
 *  (Keras 3), or a bare name. */
function classOf(v: unknown): { name: string; config: Record<string, unknown> } | null {
  if (typeof v === 'string') return { name: v, config: {} };
  if (v && typeof v === 'object' && typeof (v as { class_name?: unknown }).class_name === 'string') {
    const o = v as { class_name: string; config?: unknown };
    return { name: o.class_name, config: o.config && typeof o.config === 'object' ? (o.config as Record<string, unknown>) : {} };
  }
  return null;
}

/** Initializer names: the stock ones by name, and VarianceScaling (what TensorFlow.js writes
 *  for glorot/he/lecun) by its settings. Null when LayerLab has no such initializer. */
function initializerFrom(v: unknown): string | null {
  const c = classOf(v);
  if (!c) return null;
  if (norm(c.name) === 'variancescaling') {
    const { scale, mode, distribution } = c.config as { scale?: number; mode?: string; distribution?: string };
    const dist = distribution === 'uniform' ? 'Uniform' : 'Normal';
    const family = mode === 'fan_avg' && scale === 1 ? 'glorot' : mode === 'fan_in' && scale === 2 ? 'he' : mode === 'fan_in' && scale === 1 ? 'leCun' : null;
    return family ? `${family}${dist}` : null;
  }
  return INITIALIZERS.find((i) => norm(i) === norm(c.name)) ?? null;
}

function regularizerFrom(v: unknown): Regularizer | null | undefined {
  if (v === null) return null;
  const c = classOf(v);
  if (!c || !['l1l2', 'l1', 'l2'].includes(norm(c.name))) return undefined;
  const r: Regularizer = {};
  for (const k of ['l1', 'l2'] as const) {
    const x = c.config[k];
    if (typeof x === 'number' && x !== 0) r[k] = x;
  }
  return r;
}

/** One Keras value as the parameter `spec` holds it, or a problem in words. */
function valueFrom(spec: ParamSpec, v: unknown): { value: ParamValue } | { problem: string } | { skip: string } {
  // TensorFlow.js writes an unset argument as null: the default.
  if (v === null) return { value: spec.nullable || spec.default === null ? null : (spec.default as ParamValue) };
  switch (spec.type) {
    case 'int':
      // TensorFlow.js writes LayerNormalization's axis as a list of one.
      return { value: (Array.isArray(v) && v.length === 1 ? v[0] : v) as ParamValue };
    case 'enum': {
      if (spec.choices === INITIALIZERS) {
        const name = initializerFrom(v);
        return name ? { value: name } : { skip: `initializer ${describe(v)} has no LayerLab equivalent; the default is used (it only sets how training starts)` };
      }
      const s = typeof v === 'string' ? v : classOf(v)?.name;
      const found = s === undefined ? undefined : spec.choices.find((c) => norm(c) === norm(s));
      return found ? { value: found } : { problem: `is ${describe(v)}, which LayerLab does not have (it has ${spec.choices.join(', ')})` };
    }
    case 'intTuple': {
      // [3, 3] reads as 3, as a person would write it.
      if (Array.isArray(v) && v.length > 0 && v.every((x) => x === v[0])) return { value: v[0] as number };
      return { value: v as ParamValue };
    }
    case 'regularizer': {
      const r = regularizerFrom(v);
      return r === undefined ? { problem: `is ${describe(v)}; LayerLab has L1/L2 regularizers only` } : { value: r };
    }
    default:
      return { value: v as ParamValue };
  }
}

function isNeutral(n: KerasNeutral, v: unknown): boolean {
  if (n === KERAS_ANY) return true;
  if (typeof n === 'function') return n(v);
  if (typeof n === 'string' && typeof v === 'string') return norm(n) === norm(v);
  return JSON.stringify(n) === JSON.stringify(v);
}

export interface KerasParams {
  /** The parameters that differ from the kind's defaults. */
  params: Record<string, ParamValue>;
  /** What cannot be imported faithfully, each naming the Keras argument. */
  errors: string[];
  /** What was left at LayerLab's default because it only sets how training starts. */
  warnings: string[];
}

/** A Keras layer's config as the kind's parameters. */
export function paramsFromKeras(kind: LayerKind, rawConfig: Record<string, unknown>): KerasParams {
  const config = plainKeras(rawConfig) as Record<string, unknown>;
  const out: KerasParams = { params: {}, errors: [], warnings: [] };
  const bySnake = new Map(Object.keys(kind.params).map((p) => [snake(p), p]));
  const neutral = { ...COMMON, ...kind.keras?.neutral };
  for (const [key, v] of Object.entries(config)) {
    const param = bySnake.get(key);
    if (param) {
      const spec = kind.params[param]!;
      const r = valueFrom(spec, v);
      if ('skip' in r) out.warnings.push(`${key}: ${r.skip}`);
      else if ('problem' in r) out.errors.push(`${key} ${r.problem}`);
      else {
        const bad = checkParam(param, spec, r.value);
        if (bad) out.errors.push(`${key}=${describe(v)}: ${bad}`);
        else if (JSON.stringify(r.value) !== JSON.stringify(spec.default)) out.params[param] = r.value;
      }
      continue;
    }
    if (key in neutral) {
      if (!isNeutral(neutral[key]!, v)) out.errors.push(`${key}=${describe(v)} is not supported (LayerLab's ${kind.kind} has no such setting)`);
      continue;
    }
    // Constraints and other "none" settings: null means absent.
    if (v === null || (key.endsWith('_constraint') && v === null)) continue;
    out.errors.push(`${key}=${describe(v)} has no LayerLab equivalent`);
  }
  return out;
}
