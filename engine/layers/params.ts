// Parameter specs shared by many kinds, validation against a spec, and the small
// conversions every kind needs (to TensorFlow.js config objects, to Python and JS literals).
import type {
  BuildContext,
  EnumParam,
  ParamSpec,
  ParamSpecs,
  ParamValue,
  Params,
  Regularizer,
  RegularizerParam,
} from './types.js';
import { pythonTuple } from './shape-text.js';

export const ACTIVATIONS = [
  'linear',
  'relu',
  'sigmoid',
  'tanh',
  'softmax',
  'elu',
  'selu',
  'softplus',
  'softsign',
  'hardSigmoid',
  'relu6',
  'swish',
] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const INITIALIZERS = [
  'glorotUniform',
  'glorotNormal',
  'heUniform',
  'heNormal',
  'leCunUniform',
  'leCunNormal',
  'randomUniform',
  'randomNormal',
  'truncatedNormal',
  'orthogonal',
  'zeros',
  'ones',
] as const;

export function activationParam(def: Activation, doc = 'Function applied to the output.'): EnumParam {
  return { type: 'enum', choices: ACTIVATIONS, default: def, doc };
}

export type Initializer = (typeof INITIALIZERS)[number];

export function initializerParam(def: Initializer, doc: string, kerasDefault?: Initializer): EnumParam {
  const spec: EnumParam = { type: 'enum', choices: INITIALIZERS, default: def, doc, advanced: true };
  if (kerasDefault !== undefined && kerasDefault !== def) spec.kerasDefault = kerasDefault;
  return spec;
}

export function regularizerParam(doc: string): RegularizerParam {
  return { type: 'regularizer', default: null, nullable: true, doc, advanced: true };
}

/** The usual weight parameters of Dense/Conv-like layers. */
export function weightParams(kernelName = 'kernel'): ParamSpecs {
  return {
    useBias: { type: 'bool', default: true, doc: 'Add a learned bias to every output.', advanced: true },
    // TensorFlow.js starts kernels with glorotNormal where Keras uses glorot_uniform.
    [`${kernelName}Initializer`]: initializerParam('glorotNormal', `How the ${kernelName} weights start.`, 'glorotUniform'),
    biasInitializer: initializerParam('zeros', 'How the bias starts.'),
    [`${kernelName}Regularizer`]: regularizerParam(`L1/L2 weight decay on the ${kernelName} weights.`),
    biasRegularizer: regularizerParam('L1/L2 weight decay on the bias.'),
  };
}

export interface ParamIssue {
  param: string;
  message: string;
}

function describe(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}

function checkNumber(name: string, spec: { min?: number; max?: number; exclusiveMin?: boolean }, v: number): string | null {
  if (!Number.isFinite(v)) return `'${name}' must be a finite number, got ${describe(v)}`;
  if (spec.min !== undefined && (spec.exclusiveMin ? v <= spec.min : v < spec.min))
    return `'${name}' must be ${spec.exclusiveMin ? '>' : '≥'} ${spec.min}, got ${v}`;
  if (spec.max !== undefined && v > spec.max) return `'${name}' must be ≤ ${spec.max}, got ${v}`;
  return null;
}

/** Checks one value against its spec; returns an error message or null. */
export function checkParam(name: string, spec: ParamSpec, v: unknown): string | null {
  if (v === null) return spec.nullable || spec.default === null ? null : `'${name}' cannot be empty`;
  switch (spec.type) {
    case 'int':
      if (typeof v !== 'number' || !Number.isInteger(v)) return `'${name}' must be a whole number, got ${describe(v)}`;
      return checkNumber(name, spec, v);
    case 'float':
      if (typeof v !== 'number') return `'${name}' must be a number, got ${describe(v)}`;
      return checkNumber(name, spec, v);
    case 'bool':
      return typeof v === 'boolean' ? null : `'${name}' must be true or false, got ${describe(v)}`;
    case 'enum':
      return typeof v === 'string' && spec.choices.includes(v)
        ? null
        : `'${name}' must be one of ${spec.choices.join(', ')}; got ${describe(v)}`;
    case 'intTuple': {
      const min = spec.min ?? 1;
      const items = typeof v === 'number' ? [v] : Array.isArray(v) ? v : null;
      if (!items || (Array.isArray(v) && v.length !== spec.length))
        return `'${name}' must be a whole number or a list of ${spec.length}, got ${describe(v)}`;
      for (const x of items)
        if (typeof x !== 'number' || !Number.isInteger(x) || x < min)
          return `'${name}' entries must be whole numbers ≥ ${min}, got ${describe(v)}`;
      return null;
    }
    case 'shape': {
      if (!Array.isArray(v) || v.length === 0) return `'${name}' must be a non-empty list of dimensions, got ${describe(v)}`;
      let inferred = 0;
      for (const x of v) {
        if (x === null && spec.allowNull) continue;
        if (x === -1 && spec.allowInfer) {
          inferred++;
          continue;
        }
        if (typeof x !== 'number' || !Number.isInteger(x) || x < 1)
          return `'${name}' dimensions must be whole numbers ≥ 1, got ${describe(v)}`;
      }
      if (inferred > 1) return `'${name}' may contain at most one -1, got ${describe(v)}`;
      return null;
    }
    case 'regularizer': {
      if (typeof v !== 'object' || Array.isArray(v)) return `'${name}' must be {"l1": x, "l2": y} or null, got ${describe(v)}`;
      for (const [k, x] of Object.entries(v as object)) {
        if (k !== 'l1' && k !== 'l2') return `'${name}' has unknown key '${k}' (expected l1, l2)`;
        if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) return `'${name}.${k}' must be a number ≥ 0, got ${describe(x)}`;
      }
      return null;
    }
  }
}

/** Fills defaults and validates; unknown parameters are issues too. */
export function resolveParams(specs: ParamSpecs, given: Record<string, unknown> | undefined): { params: Params; issues: ParamIssue[] } {
  const params: Params = {};
  const issues: ParamIssue[] = [];
  const input = given ?? {};
  for (const key of Object.keys(input)) {
    if (!(key in specs)) {
      const known = Object.keys(specs);
      issues.push({ param: key, message: `unknown parameter '${key}'${known.length ? ` (known: ${known.join(', ')})` : ''}` });
    }
  }
  for (const [name, spec] of Object.entries(specs)) {
    const v = name in input ? input[name] : spec.default;
    const err = checkParam(name, spec, v);
    if (err) {
      issues.push({ param: name, message: err });
      params[name] = spec.default as ParamValue;
    } else {
      params[name] = v as ParamValue;
    }
  }
  return { params, issues };
}

/** Expands kernelSize: 3 to [3, 3]. */
export function tuple(v: ParamValue, length: number): number[] {
  if (typeof v === 'number') return Array.from({ length }, () => v);
  return v as number[];
}

/** Parameters that differ from their defaults, in spec order: what the code emitters write. */
export function nonDefault(specs: ParamSpecs, params: Params): [string, ParamValue][] {
  return Object.entries(specs)
    .filter(([name, spec]) => JSON.stringify(params[name]) !== JSON.stringify(spec.default))
    .map(([name]) => [name, params[name] as ParamValue]);
}

// --- TensorFlow.js config helpers -------------------------------------------------------

const SEEDED_INITIALIZERS = new Set(['glorotUniform', 'glorotNormal', 'heUniform', 'heNormal', 'leCunUniform', 'leCunNormal', 'randomUniform', 'randomNormal', 'truncatedNormal', 'orthogonal']);

/** An initializer object, seeded when the context carries a seed (repeatable runs). */
export function initializer(ctx: BuildContext, name: ParamValue | undefined, salt: number): unknown {
  if (name === undefined || name === null) return undefined;
  const n = String(name);
  if (ctx.seed === undefined || !SEEDED_INITIALIZERS.has(n)) return n;
  const factory = (ctx.tfl.initializers as unknown as Record<string, (a: { seed: number }) => unknown>)[n];
  return factory ? factory({ seed: ctx.seed + salt }) : n;
}

export function regularizer(ctx: BuildContext, v: ParamValue): unknown {
  if (v === null || v === undefined) return undefined;
  const r = v as Regularizer;
  return ctx.tfl.regularizers.l1l2({ l1: r.l1 ?? 0, l2: r.l2 ?? 0 });
}

/** The weight-related part of a Dense/Conv config (initializers seeded, regularizers built). */
export function weightConfig(params: Params, ctx: BuildContext, kernelName = 'kernel'): Record<string, unknown> {
  return {
    useBias: params.useBias,
    [`${kernelName}Initializer`]: initializer(ctx, params[`${kernelName}Initializer`] ?? 'glorotNormal', 1),
    biasInitializer: initializer(ctx, params.biasInitializer ?? 'zeros', 2),
    [`${kernelName}Regularizer`]: regularizer(ctx, params[`${kernelName}Regularizer`] ?? null),
    biasRegularizer: regularizer(ctx, params.biasRegularizer ?? null),
  };
}

// --- Code emitters ------------------------------------------------------------------------

/** camelCase TensorFlow.js name to Keras snake_case. */
export function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

const KERAS_NAMES: Record<string, string> = {
  glorotUniform: 'glorot_uniform',
  glorotNormal: 'glorot_normal',
  heUniform: 'he_uniform',
  heNormal: 'he_normal',
  leCunUniform: 'lecun_uniform',
  leCunNormal: 'lecun_normal',
  randomUniform: 'random_uniform',
  randomNormal: 'random_normal',
  truncatedNormal: 'truncated_normal',
  hardSigmoid: 'hard_sigmoid',
  channelsLast: 'channels_last',
  channelsFirst: 'channels_first',
};

/** A Python literal for a parameter value, translating tfjs enum names to Keras ones. */
export function py(v: ParamValue): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(KERAS_NAMES[v] ?? v);
  if (Array.isArray(v)) return pythonTuple(v);
  const r = v as Regularizer;
  return `regularizers.L1L2(l1=${r.l1 ?? 0}, l2=${r.l2 ?? 0})`;
}

/** A JavaScript literal for a parameter value (regularizers as tf.regularizers calls). */
export function js(v: ParamValue): string {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const r = v as Regularizer;
    return `tf.regularizers.l1l2({l1: ${r.l1 ?? 0}, l2: ${r.l2 ?? 0}})`;
  }
  return JSON.stringify(v);
}

/** Emits `layers.Cls(a=1, b=2, name="n")` from the params that differ from Keras's default
 *  (a spec's `kerasDefault`, else its own). `positional` names parameters Keras takes first
 *  without a keyword (Dense(units)); `extra` adds fixed arguments. */
export function kerasCall(
  cls: string,
  specs: ParamSpecs,
  params: Params,
  name: string,
  opts: { positional?: string[]; rename?: Record<string, string>; skip?: string[]; extra?: string[] } = {},
): string {
  const args: string[] = [];
  const positional = opts.positional ?? [];
  for (const p of positional) args.push(py(params[p] as ParamValue));
  for (const [k, spec] of Object.entries(specs)) {
    if (positional.includes(k) || opts.skip?.includes(k)) continue;
    const v = params[k] as ParamValue;
    // Compared with Keras's default, not ours: an omitted argument must mean the same thing there.
    const kerasDefault = 'kerasDefault' in spec ? spec.kerasDefault : spec.default;
    if (JSON.stringify(v) === JSON.stringify(kerasDefault)) continue;
    args.push(`${opts.rename?.[k] ?? snake(k)}=${py(v)}`);
  }
  // Arguments Keras needs to match TensorFlow.js behaviour that has no parameter here (GRU reset_after).
  args.push(...(opts.extra ?? []));
  args.push(`name=${JSON.stringify(name)}`);
  return `layers.${cls}(${args.join(', ')})`;
}

/** Emits `tf.layers.fn({a: 1, name: 'n'})` from the non-default params plus `always`. */
export function tfjsCall(fn: string, specs: ParamSpecs, params: Params, name: string, always: string[] = []): string {
  const entries: string[] = [];
  const seen = new Set<string>();
  for (const k of always) {
    entries.push(`${k}: ${js(params[k] as ParamValue)}`);
    seen.add(k);
  }
  for (const [k, v] of nonDefault(specs, params)) if (!seen.has(k)) entries.push(`${k}: ${js(v)}`);
  entries.push(`name: ${JSON.stringify(name)}`);
  return `tf.layers.${fn}({${entries.join(', ')}})`;
}
