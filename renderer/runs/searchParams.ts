// What the search panel offers to search, and "apply the best" as editor edits. Paths are the
// engine's (engine/runs/search.ts): `<nodeId>.<param>` or `training.<setting>`.
import { getKind, isInputKind } from '../../engine/layers/registry.js';
import { OPTIMIZERS, type Project, type TrainingConfig } from '../../engine/project/types.js';
import { getParam, resolvePath, setParam, type TrialParams } from '../../engine/runs/search.js';
import type { Edit } from '../state/edits.js';

export interface SearchableParam {
  path: string;
  /** In the select: "hidden · units", "Learning rate". */
  label: string;
  group: string;
  type: 'int' | 'float' | 'enum' | 'bool';
  /** Searched on a log scale by default (learning rates). */
  log: boolean;
  min?: number;
  max?: number;
  choices?: readonly string[];
  current: unknown;
}

const TRAINING: Omit<SearchableParam, 'current'>[] = [
  { path: 'training.optimizer.learningRate', label: 'Learning rate', group: 'Training', type: 'float', log: true, min: 0 },
  { path: 'training.batchSize', label: 'Batch size', group: 'Training', type: 'int', log: false, min: 1 },
  { path: 'training.epochs', label: 'Epochs', group: 'Training', type: 'int', log: false, min: 1 },
  { path: 'training.validationSplit', label: 'Validation split', group: 'Training', type: 'float', log: false, min: 0, max: 0.9 },
  { path: 'training.optimizer.kind', label: 'Optimizer', group: 'Training', type: 'enum', log: false, choices: OPTIMIZERS },
];

/** The training settings, then every node's number, choice and yes/no parameters (from the
 *  catalog's parameter schema), Inputs aside (their shape is the data's). */
export function searchableParams(project: Project): SearchableParam[] {
  const out: SearchableParam[] = TRAINING.map((t) => ({ ...t, current: getParam(project, t.path) }));
  for (const node of project.graph.nodes) {
    if (isInputKind(node.kind)) continue;
    const kind = getKind(node.kind);
    if (!kind) continue;
    for (const [name, spec] of Object.entries(kind.params)) {
      if (spec.type !== 'int' && spec.type !== 'float' && spec.type !== 'enum' && spec.type !== 'bool') continue;
      out.push({
        path: `${node.id}.${name}`,
        label: `${node.id} · ${name}`,
        group: `${node.kind} ${node.id}`,
        type: spec.type,
        log: /learningrate/i.test(name),
        ...(spec.type === 'int' || spec.type === 'float' ? { ...(spec.min !== undefined ? { min: spec.min } : {}), ...(spec.max !== undefined ? { max: spec.max } : {}) } : {}),
        ...(spec.type === 'enum' ? { choices: spec.choices } : {}),
        current: Object.hasOwn(node.params, name) ? node.params[name] : spec.default,
      });
    }
  }
  return out;
}

const round = (v: number) => Number(v.toPrecision(4));

/** A first set of values to try, around the current one. */
export function suggestValues(p: SearchableParam): string {
  const c = p.current;
  if (p.type === 'enum') return (p.choices ?? []).slice(0, 3).join(', ');
  if (p.type === 'bool') return 'true, false';
  if (typeof c !== 'number') return '';
  if (p.log) return [round(c / 10), c].join(', ');
  if (p.type === 'int') return [...new Set([Math.max(p.min ?? 1, Math.floor(c / 2)), c, c * 2])].join(', ');
  if (p.max !== undefined && p.max <= 1) return [...new Set([round(Math.max(p.min ?? 0, c / 2)), c, round(Math.min(p.max, c * 1.5 || 0.5))])].join(', ');
  return String(c);
}

/** A first range to draw from: [min, max]. */
export function suggestRange(p: SearchableParam): [number, number] {
  const c = typeof p.current === 'number' ? p.current : 1;
  if (p.log) return [round(c / 100 || 1e-4), c || 0.1];
  if (p.type === 'int') return [Math.max(p.min ?? 1, Math.floor(c / 2)), Math.max(c * 2, (p.min ?? 1) + 1)];
  if (p.max !== undefined && p.max <= 1) return [p.min ?? 0, p.max];
  return [round(c / 2), round(c * 2 || 1)];
}

/**
 * The edits that write a trial's values into the project: one setParam per node parameter
 * and one setTraining for the settings. Dispatched together they are ONE undo step. Throws
 * naming a path the project no longer has (a node deleted since the search).
 */
export function applyBestEdits(project: Project, params: TrialParams): Edit[] {
  const edits: Edit[] = [];
  let training = project;
  const keys = new Set<keyof TrainingConfig>();
  for (const [path, value] of Object.entries(params)) {
    const t = resolvePath(project, path);
    if (!t.ok) throw new Error(`cannot apply ${path}: ${t.error}`);
    if (t.kind === 'node') edits.push({ type: 'setParam', nodeId: t.nodeId, param: t.param, value });
    else {
      training = setParam(training, path, value);
      keys.add(t.keys[0] as keyof TrainingConfig);
    }
  }
  if (keys.size) {
    const patch: Partial<TrainingConfig> = {};
    for (const k of keys) (patch as Record<string, unknown>)[k] = training.training[k];
    edits.push({ type: 'setTraining', patch });
  }
  return edits;
}
