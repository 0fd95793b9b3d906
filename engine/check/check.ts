// check(project) → CheckReport: every node's output shape and parameter count, and every
// mistake named on its node with what was expected, what was found and how to fix it. Pure
// and fast enough to run on every canvas edit; it never throws, whatever the graph holds.
import type { Dataset } from '../data/types.js';
import type { Project } from '../project/types.js';
import { renderShapeError } from '../layers/shape-error.js';
import { Diagnostics } from './diagnostics.js';
import { normalize } from './normalize.js';
import { checkNodeParams } from './params.js';
import { inferShapes } from './shapes.js';
import { checkStructure, type Structure } from './structure.js';
import { checkTraining, type DatasetInfo } from './training.js';
import type { BuildPlan, CheckReport, NodeReport } from './types.js';
import { isInputKind } from '../layers/registry.js';

export type { DatasetInfo } from './training.js';

export interface CheckOptions {
  /** The dataset the project trains on: enables the input, class and target warnings. */
  dataset?: DatasetInfo;
}

/** What the checker needs from a loaded dataset. */
export function datasetInfoOf(dataset: Pick<Dataset, 'id' | 'task' | 'inputShape' | 'targetShape' | 'classNames'>): DatasetInfo {
  return {
    id: dataset.id,
    task: dataset.task,
    inputShape: [...dataset.inputShape],
    targetShape: [...dataset.targetShape],
    ...(dataset.classNames ? { numClasses: dataset.classNames.length } : {}),
  };
}

function run(project: Project, opts: CheckOptions | undefined): CheckReport {
  const diag = new Diagnostics();
  const p = (typeof project === 'object' && project !== null ? project : {}) as Partial<Project>;
  const g = normalize(p.graph, diag);
  const params = checkNodeParams(g.nodes, diag);
  const s = checkStructure(g, diag);
  const shapes = inferShapes(g, s, params, diag);

  // Safety net: a node with no shape is behind some reported error; if none is reported
  // anywhere, say so on the node rather than report an ok graph that cannot compile.
  if (diag.errors.length === 0)
    for (const node of g.nodes)
      if (!shapes.has(node.id))
        diag.nodeError(node.id, 'unreachable', `${node.kind} '${node.id}' cannot be reached from an Input; connect it to the network or delete it`);

  const rank = new Map(s.order.map((id, i) => [id, i]));
  const outputs = g.nodes
    .filter((n) => !isInputKind(n.layer) && (s.outgoing.get(n.id) ?? []).length === 0)
    .map((n) => n.id)
    .sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity));
  checkTraining(outputs, p.training, opts?.dataset, { g, s, params, shapes, diag });
  deferToInput(diag, s);

  let totalParams = 0;
  let trainableParams = 0;
  const nodes: NodeReport[] = g.nodes.map((n) => {
    const sh = shapes.get(n.id);
    // A frozen node (trainable: false) keeps all its weights: none of them train.
    const frozen = n.trainable === false;
    const total = (sh?.trainable ?? 0) + (sh?.nonTrainable ?? 0);
    const trainable = frozen ? 0 : (sh?.trainable ?? 0);
    totalParams += total;
    trainableParams += trainable;
    return { id: n.id, kind: n.kind, outputShape: sh ? [null, ...sh.shape] : null, params: total, trainableParams: trainable };
  });
  const ok = diag.errors.length === 0;
  const plan: BuildPlan | undefined = ok
    ? {
        steps: s.order.map((id) => ({
          id,
          kind: g.byId.get(id)!.layer!.kind,
          params: params.get(id)!,
          inputs: (s.incoming.get(id) ?? []).map((e) => e.source),
          ...(g.byId.get(id)!.trainable === false ? { frozen: true } : {}),
        })),
        inputs: s.order.filter((id) => isInputKind(g.byId.get(id)!.layer)),
        outputs,
      }
    : undefined;
  return {
    ok,
    totalParams,
    trainableParams,
    nodes,
    errors: diag.errors,
    warnings: diag.warnings,
    order: s.hasCycle ? [] : s.order,
    inputs: g.nodes.filter((n) => isInputKind(n.layer)).map((n) => n.id),
    outputs,
    ...(plan ? { plan } : {}),
  };
}

/**
 * When the Input does not match the dataset, that is the mistake to fix first: a layer below
 * it that cannot take the Input's shape would otherwise advise a reshape to fit a shape the
 * data does not have (Conv2D: "insert a Reshape to [28, 28, 1]" on XOR's [2] examples) while
 * the Input says "set the shape to [2]". Such errors keep what they expected and found, and
 * take the Input's fix instead of their own.
 */
function deferToInput(diag: Diagnostics, s: Structure): void {
  const mismatch = diag.warnings.find((w) => w.code === 'input-shape' && w.nodeId);
  const fix = mismatch?.fix;
  if (!mismatch || fix?.kind !== 'setInputShape') return;
  const input = mismatch.nodeId!;
  const below = new Set<string>();
  const stack = [input];
  while (stack.length) for (const e of s.outgoing.get(stack.pop()!) ?? []) if (!below.has(e.target)) below.add(e.target), stack.push(e.target);
  for (const e of diag.errors) {
    const placed = diag.shapeErrors.get(e);
    if (e.code !== 'shape' || !placed || !below.has(placed.node)) continue;
    const error = { ...placed.error, fix, advice: undefined };
    e.message = renderShapeError(error, placed);
    e.fix = fix;
  }
}

/** Checks a project; never throws (a bug inside the checker becomes an 'internal' error). */
export function check(project: Project, opts?: CheckOptions): CheckReport {
  try {
    return run(project, opts);
  } catch (err) {
    return {
      ok: false,
      totalParams: 0,
      trainableParams: 0,
      nodes: [],
      errors: [{ severity: 'error', code: 'internal', message: `The checker failed on this graph: ${err instanceof Error ? err.message : String(err)}` }],
      warnings: [],
      order: [],
      inputs: [],
      outputs: [],
    };
  }
}
