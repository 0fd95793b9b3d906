// Hyper-parameter search, the pure parts (no files, no processes), shared by the CLI's
// `layerlab search` and the app:
//
//   parseGridArg('d1.units=16,64')                  → {path, values}
//   parseRangeArg('training.optimizer.learningRate=1e-4:1e-1:log') → {path, min, max, scale}
//   resolvePath(project, path)                      → what a path names, or an error naming it
//   expandGrid(axes)                                → the cartesian product, last axis fastest
//   sampleRandom(space, n, seed)                    → n seeded points (ranges drawn, grid values picked)
//   getParam / setParam(project, path, value)       → read / write one value (setParam is pure)
//   applyParams(project, params)                    → the project with a trial's values ("apply best")
//   metricOf(run, metric), metricDirection, rankTrials
//   halvingSchedule(n, epochs), rankHalving                 successive halving's rungs and order
//
// A path is `<nodeId>.<param>` (a node parameter, e.g. `d1.units`, `drop.rate`) or
// `training.<key>[.<key>…]` (e.g. `training.optimizer.learningRate`, `training.batchSize`).
import { getKind } from '../layers/registry.js';
import type { ParamSpec } from '../layers/types.js';
import { makeRng } from '../data/random.js';
import { trainingSchema } from '../project/schema.js';
import type { Project } from '../project/types.js';
import type { RunDoc } from './schema.js';

export type ParamValue = number | string | boolean | null | number[];
export type TrialParams = Record<string, ParamValue>;

export interface GridAxis {
  path: string;
  values: ParamValue[];
}

export interface RangeAxis {
  path: string;
  min: number;
  max: number;
  /** log draws uniformly in log space (learning rates); needs min > 0. */
  scale: 'linear' | 'log';
  /** Whole numbers only (set from an int parameter, or `:int`). */
  integer?: boolean;
}

export interface SearchSpace {
  grid: GridAxis[];
  ranges: RangeAxis[];
}

/** '16' → 16, 'true' → true, 'null' → null, '[3,3]' → [3, 3], anything else the text itself. */
export function parseValue(text: string): ParamValue {
  const t = text.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t === 'null') return null;
  if (t !== '' && Number.isFinite(Number(t))) return Number(t);
  if (t.startsWith('[')) {
    try {
      const v = JSON.parse(t) as unknown;
      if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return v as number[];
    } catch {
      /* not JSON: keep the text */
    }
  }
  return t;
}

/** Splits on commas outside brackets, so '[3,3],[5,5]' is two values. */
function splitValues(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function splitAssignment(arg: string, what: string, example: string): [string, string] {
  const eq = arg.indexOf('=');
  if (eq <= 0 || eq === arg.length - 1) throw new Error(`${what} '${arg}' must be PATH=VALUES, e.g. '${example}'`);
  return [arg.slice(0, eq).trim(), arg.slice(eq + 1)];
}

/** `d1.units=16,64` → {path: 'd1.units', values: [16, 64]}. */
export function parseGridArg(arg: string): GridAxis {
  const [path, rest] = splitAssignment(arg, '--grid', 'd1.units=16,64');
  const values = splitValues(rest).map((v) => v.trim());
  if (values.some((v) => v === '')) throw new Error(`--grid '${arg}': a value is empty (values are separated by commas)`);
  return { path, values: values.map(parseValue) };
}

/** `drop.rate=0:0.5`, `training.optimizer.learningRate=1e-4:1e-1:log`, `d1.units=8:128:int`. */
export function parseRangeArg(arg: string): RangeAxis {
  const [path, rest] = splitAssignment(arg, '--range', 'drop.rate=0:0.5');
  const parts = rest.split(':').map((p) => p.trim());
  const flags = parts.slice(2);
  const min = Number(parts[0]);
  const max = Number(parts[1]);
  if (parts.length < 2 || parts[0] === '' || parts[1] === '' || !Number.isFinite(min) || !Number.isFinite(max))
    throw new Error(`--range '${arg}' must be PATH=MIN:MAX[:log][:int] with numbers, e.g. 'drop.rate=0:0.5'`);
  for (const f of flags) if (f !== 'log' && f !== 'int') throw new Error(`--range '${arg}': unknown flag ':${f}' (known: :log, :int)`);
  if (!(min < max)) throw new Error(`--range '${arg}': MIN must be below MAX`);
  const scale = flags.includes('log') ? 'log' : 'linear';
  if (scale === 'log' && !(min > 0)) throw new Error(`--range '${arg}': a log range needs MIN > 0`);
  return { path, min, max, scale, ...(flags.includes('int') ? { integer: true } : {}) };
}

export type PathTarget =
  | { ok: true; kind: 'node'; nodeId: string; param: string; spec: ParamSpec }
  | { ok: true; kind: 'training'; keys: string[] }
  | { ok: false; error: string };

/** What a path names in this project; an unknown node, parameter or setting is an error that
 *  names it and lists what exists. */
export function resolvePath(project: Project, path: string): PathTarget {
  const parts = path.split('.');
  if (parts.length < 2 || parts.some((p) => p === ''))
    return { ok: false, error: `'${path}' is not a parameter path (write <nodeId>.<param>, e.g. d1.units, or training.<setting>, e.g. training.optimizer.learningRate)` };
  if (parts[0] === 'training') {
    const keys = parts.slice(1);
    // The training schema is strict: setting an unknown key and parsing names it.
    const probe = setIn(project.training as unknown as Record<string, unknown>, keys, getIn(project.training, keys) ?? 1);
    const r = trainingSchema.safeParse(probe);
    const bad = r.success ? undefined : r.error.issues.find((i) => i.code === 'unrecognized_keys');
    if (bad) {
      const where = ['training', ...bad.path.map(String)].join('.');
      return { ok: false, error: `'${path}': ${where} has no setting ${(bad as { keys: string[] }).keys.map((k) => `'${k}'`).join(', ')}` };
    }
    return { ok: true, kind: 'training', keys };
  }
  const [nodeId, param, ...more] = parts as [string, string, ...string[]];
  const node = project.graph.nodes.find((n) => n.id === nodeId);
  if (!node) return { ok: false, error: `'${path}': no node '${nodeId}' in the graph (nodes: ${project.graph.nodes.map((n) => n.id).join(', ')}; training settings start with 'training.')` };
  const kind = getKind(node.kind);
  if (!kind) return { ok: false, error: `'${path}': node '${nodeId}' has the unknown kind '${node.kind}'` };
  const spec = kind.params[param];
  if (!spec || more.length) {
    const names = Object.keys(kind.params);
    return { ok: false, error: `'${path}': ${node.kind} '${nodeId}' has no parameter '${[param, ...more].join('.')}' (its parameters: ${names.join(', ') || 'none'})` };
  }
  return { ok: true, kind: 'node', nodeId, param, spec };
}

function getIn(o: unknown, keys: string[]): unknown {
  let v = o;
  for (const k of keys) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function setIn(o: Record<string, unknown>, keys: string[], value: unknown): Record<string, unknown> {
  const [k, ...rest] = keys as [string, ...string[]];
  if (!rest.length) return { ...o, [k]: value };
  const child = o[k];
  return { ...o, [k]: setIn(child && typeof child === 'object' && !Array.isArray(child) ? (child as Record<string, unknown>) : {}, rest, value) };
}

function targetOrThrow(project: Project, path: string): Exclude<PathTarget, { ok: false }> {
  const t = resolvePath(project, path);
  if (!t.ok) throw new Error(t.error);
  return t;
}

/** The value at a path: the node parameter as written (or its kind's default), or the setting. */
export function getParam(project: Project, path: string): unknown {
  const t = targetOrThrow(project, path);
  if (t.kind === 'training') return getIn(project.training, t.keys);
  const node = project.graph.nodes.find((n) => n.id === t.nodeId)!;
  return Object.hasOwn(node.params, t.param) ? node.params[t.param] : t.spec.default;
}

/** A new project with one value changed; the input is left as it is. */
export function setParam(project: Project, path: string, value: unknown): Project {
  const t = targetOrThrow(project, path);
  if (t.kind === 'training') return { ...project, training: setIn(project.training as unknown as Record<string, unknown>, t.keys, value) as unknown as Project['training'] };
  return {
    ...project,
    graph: { ...project.graph, nodes: project.graph.nodes.map((n) => (n.id === t.nodeId ? { ...n, params: { ...n.params, [t.param]: value } } : n)) },
  };
}

/** The project with every value of a trial set: what "apply the best" writes (one change). */
export function applyParams(project: Project, params: TrialParams): Project {
  return Object.entries(params).reduce((p, [path, v]) => setParam(p, path, v), project);
}

/** Every combination of the axes' values, last axis fastest; no axes give one empty trial. */
export function expandGrid(axes: readonly GridAxis[]): TrialParams[] {
  let out: TrialParams[] = [{}];
  for (const a of axes) {
    if (!a.values.length) throw new Error(`--grid ${a.path}: needs at least one value`);
    out = out.flatMap((t) => a.values.map((v) => ({ ...t, [a.path]: v })));
  }
  return out;
}

/** One range draw: uniform, or uniform in log space; rounded for whole-number axes. */
function draw(r: RangeAxis, u: number): number {
  const v = r.scale === 'log' ? Math.exp(Math.log(r.min) + u * (Math.log(r.max) - Math.log(r.min))) : r.min + u * (r.max - r.min);
  if (r.integer) return Math.min(Math.floor(r.max), Math.max(Math.ceil(r.min), Math.round(v)));
  // Six significant digits: a table and a project file should not show 0.0012345678901.
  return Number(v.toPrecision(6));
}

/** `n` points drawn with a seeded generator: each range axis drawn, each grid axis picked
 *  uniformly from its values. The same space, n and seed give the same points. */
export function sampleRandom(space: SearchSpace, n: number, seed: number): TrialParams[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`--random needs a whole number of trials ≥ 1, got ${n}`);
  const rng = makeRng(seed);
  const out: TrialParams[] = [];
  for (let i = 0; i < n; i++) {
    const t: TrialParams = {};
    for (const g of space.grid) t[g.path] = g.values[Math.min(g.values.length - 1, Math.floor(rng() * g.values.length))]!;
    for (const r of space.ranges) t[r.path] = draw(r, rng());
    out.push(t);
  }
  return out;
}

/** Checks every axis path against the project (and marks int parameters' ranges as whole
 *  numbers); returns the space with that applied, or throws naming the first bad path. */
export function resolveSpace(project: Project, space: SearchSpace): SearchSpace {
  const seen = new Set<string>();
  for (const a of [...space.grid, ...space.ranges]) {
    if (seen.has(a.path)) throw new Error(`'${a.path}' is searched twice; give each path once`);
    seen.add(a.path);
    targetOrThrow(project, a.path);
  }
  const ranges = space.ranges.map((r) => {
    const t = targetOrThrow(project, r.path);
    const whole = t.kind === 'node' ? t.spec.type === 'int' : ['batchSize', 'epochs', 'seed', 'patience', 'every', 'decaySteps'].includes(t.keys.at(-1)!);
    return whole ? { ...r, integer: true } : r;
  });
  return { grid: space.grid, ranges };
}

/** Higher is better for accuracy, precision and recall; lower for losses and errors. */
export function metricDirection(metric: string): 'max' | 'min' {
  return /(accuracy|precision|recall)$/.test(metric) ? 'max' : 'min';
}

/** A run's value of a metric: `test_loss`/`test_accuracy` from the test evaluation, anything
 *  else (loss, val_loss, accuracy, val_accuracy, mae, …) from its last finished epoch. */
export function metricOf(run: Pick<RunDoc, 'epochs' | 'test'>, metric: string): number | undefined {
  if (metric.startsWith('test_')) {
    const v = (run.test as Record<string, unknown> | undefined)?.[metric.slice(5)];
    return typeof v === 'number' ? v : undefined;
  }
  const v = run.epochs.at(-1)?.metrics[metric];
  return typeof v === 'number' ? v : undefined;
}

export interface Trial {
  runId: string | null;
  params: TrialParams;
  metric: number | null;
  /** Why the trial has no metric (skipped, failed). */
  error?: string;
  /** Successive halving: the last rung the trial reached (0 = the first) and its epochs there. */
  rung?: number;
  epochs?: number;
}

export interface Rung {
  /** How many trials train in this rung (the best of the previous one). */
  trials: number;
  epochs: number;
}

/** Successive halving: every trial trains a short budget, the better half goes on with twice
 *  the epochs, and so on until one trial trains the full `epochs`. Rung k keeps
 *  ceil(n / 2^k) trials for max(1, floor(epochs / 2^(R-k))) epochs, R = ceil(log2 n). */
export function halvingSchedule(n: number, epochs: number): Rung[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`successive halving needs trials, got ${n}`);
  const R = Math.ceil(Math.log2(n));
  return Array.from({ length: R + 1 }, (_, k) => ({ trials: Math.ceil(n / 2 ** k), epochs: Math.max(1, Math.floor(epochs / 2 ** (R - k))) }));
}

/** Halving's final order: trials with a metric first, the furthest rung first among them,
 *  then by the metric within a rung; trials without a metric last. */
export function rankHalving<T extends Pick<Trial, 'metric' | 'rung'>>(trials: readonly T[], metric: string): T[] {
  const ranked = rankTrials(trials, metric);
  const key = (t: T) => (t.metric === null ? -1 : (t.rung ?? 0));
  return ranked.map((t, i) => ({ t, i })).sort((a, b) => key(b.t) - key(a.t) || a.i - b.i).map((x) => x.t);
}

/** Best first; trials without a metric last, in their order. */
export function rankTrials<T extends Pick<Trial, 'metric'>>(trials: readonly T[], metric: string): T[] {
  const sign = metricDirection(metric) === 'max' ? -1 : 1;
  return [...trials].sort((a, b) => {
    if (a.metric === null || b.metric === null) return (a.metric === null ? 1 : 0) - (b.metric === null ? 1 : 0);
    return sign * (a.metric - b.metric);
  });
}
