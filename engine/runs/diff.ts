// The configuration diff of runs: which node parameters, training settings and dataset
// options differ between the projects several runs trained (the app's comparison table),
// and, in words, what changed between a run and the project as it is now (the export
// dialog's "this run trained an older graph: 2 layers changed").
//
// Pure (no Node, no hashing): the renderer imports it. Like ./hash.ts it reads the projects as
// written, so a parameter written out at its default value counts as different from one left
// out; node positions, names and descriptions are not part of a model and never differ here.
import type { Project } from '../project/types.js';

type Config = Pick<Project, 'graph' | 'training' | 'dataset'>;

export interface SettingRow {
  /** Stable key: `node:<id>:<param>`, `node:<id>` (the layer's kind), `wiring`,
   *  `training.<path>` or `dataset.<path>`. */
  key: string;
  group: 'layer' | 'wiring' | 'training' | 'dataset';
  /** What the table shows: `hidden.units`, `learning rate`, … */
  label: string;
  /** One value per project, in order; undefined where that project has no such setting. */
  values: unknown[];
  differs: boolean;
}

/** Deep equality of JSON-like values (object key order does not matter). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameValue(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)].filter((k) => ao[k] !== undefined || bo[k] !== undefined));
  for (const k of keys) if (!sameValue(ao[k], bo[k])) return false;
  return true;
}

/** Words for training settings people know by name; the rest show their path. */
const TRAINING_LABELS: Record<string, string> = {
  'optimizer.kind': 'optimizer',
  'optimizer.learningRate': 'learning rate',
  batchSize: 'batch size',
  validationSplit: 'validation split',
};

/** Leaves of a plain object as dotted paths; arrays and null are leaves. */
function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, value);
    for (const [k, v] of entries) if (v !== undefined) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out.set(prefix, value);
}

function union<T>(lists: T[][]): T[] {
  const seen = new Set<T>();
  const out: T[] = [];
  for (const l of lists) for (const x of l) if (!seen.has(x)) (seen.add(x), out.push(x));
  return out;
}

function wiring(c: Config): string[] {
  return c.graph.edges.map((e) => `${e.source}→${e.target}${e.targetPort ? `:${e.targetPort}` : ''}`).sort();
}

function row(key: string, group: SettingRow['group'], label: string, values: unknown[]): SettingRow {
  return { key, group, label, values, differs: values.some((v) => !sameValue(v, values[0])) };
}

/** Every setting of the projects, one row each (layers in the order they first appear, then
 *  the wiring, training and dataset), each with its value per project and whether they differ. */
export function settingsTable(projects: readonly Config[]): SettingRow[] {
  const rows: SettingRow[] = [];
  const nodeIds = union(projects.map((p) => p.graph.nodes.map((n) => n.id)));
  for (const id of nodeIds) {
    const nodes = projects.map((p) => p.graph.nodes.find((n) => n.id === id));
    rows.push(row(`node:${id}`, 'layer', id, nodes.map((n) => n?.kind)));
    for (const param of union(nodes.map((n) => Object.keys(n?.params ?? {}))))
      rows.push(row(`node:${id}:${param}`, 'layer', `${id}.${param}`, nodes.map((n) => n?.params[param])));
  }
  rows.push(row('wiring', 'wiring', 'wiring', projects.map(wiring)));
  for (const [group, pick] of [
    ['training', (p: Config) => p.training],
    ['dataset', (p: Config) => p.dataset],
  ] as const) {
    const flat = projects.map((p) => {
      const m = new Map<string, unknown>();
      flatten(pick(p), '', m);
      return m;
    });
    for (const path of union(flat.map((m) => [...m.keys()])))
      rows.push(row(`${group}.${path}`, group, group === 'training' ? (TRAINING_LABELS[path] ?? path) : `dataset ${path}`, flat.map((m) => m.get(path))));
  }
  return rows;
}

export interface ConfigChanges {
  /** Layers in both whose kind or parameters differ. */
  layersChanged: string[];
  layersAdded: string[];
  layersRemoved: string[];
  wiringChanged: boolean;
  /** Labels of the training settings that differ. */
  training: string[];
  datasetChanged: boolean;
  /** Nothing that shapes the model differs. */
  same: boolean;
  /** "2 layers changed, learning rate changed" ('' when same). */
  text: string;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** What changed from `from` (a run's project as trained) to `to` (the project now). */
export function describeChanges(from: Config, to: Config): ConfigChanges {
  const rows = settingsTable([from, to]).filter((r) => r.differs);
  const layer = (id: string) => rows.some((r) => r.key === `node:${id}` || r.key.startsWith(`node:${id}:`));
  const fromIds = new Set(from.graph.nodes.map((n) => n.id));
  const toIds = new Set(to.graph.nodes.map((n) => n.id));
  const layersAdded = [...toIds].filter((id) => !fromIds.has(id));
  const layersRemoved = [...fromIds].filter((id) => !toIds.has(id));
  const layersChanged = [...fromIds].filter((id) => toIds.has(id) && layer(id));
  const wiringChanged = rows.some((r) => r.key === 'wiring');
  const training = rows.filter((r) => r.group === 'training').map((r) => r.label);
  const datasetChanged = rows.some((r) => r.group === 'dataset');
  const parts = [
    layersChanged.length ? `${plural(layersChanged.length, 'layer')} changed` : '',
    layersAdded.length ? `${plural(layersAdded.length, 'layer')} added` : '',
    layersRemoved.length ? `${plural(layersRemoved.length, 'layer')} removed` : '',
    wiringChanged && !layersAdded.length && !layersRemoved.length ? 'wiring changed' : '',
    training.length ? `${training.join(', ')} changed` : '',
    datasetChanged ? 'dataset changed' : '',
  ].filter(Boolean);
  return { layersChanged, layersAdded, layersRemoved, wiringChanged, training, datasetChanged, same: parts.length === 0, text: parts.join(', ') };
}
