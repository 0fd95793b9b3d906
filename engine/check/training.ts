// Warnings about the pairing of the network with its training configuration and dataset:
// the loss against the last activation and output size, the Input against the examples, the
// output against the classes or targets, and outputs that lead nowhere. They are warnings,
// not errors: the graph itself is sound and compiles; training it this way is what is off.
import { size } from '../layers/shape.js';
import { formatShape, plainShape as plain } from '../layers/shape-text.js';
import type { Params, Shape, ShapeFix } from '../layers/types.js';
import type { Task } from '../data/types.js';
import type { GraphEdge } from '../project/types.js';
import type { WarningCode } from './codes.js';
import { quoteList, type Diagnostics } from './diagnostics.js';
import { label, type CleanGraph, type CleanNode } from './normalize.js';
import type { NodeShape } from './shapes.js';
import type { Structure } from './structure.js';
import { isInputKind } from '../layers/registry.js';

/** What the checker needs to know about the dataset a project trains on. */
export interface DatasetInfo {
  task: Task;
  /** Shape of one example, without the batch dimension. */
  inputShape: number[];
  /** Shape of one target: [] for a class index. */
  targetShape: number[];
  numClasses?: number;
  /** Shown in messages when given (e.g. 'mnist'). */
  id?: string;
}

interface Ctx {
  g: CleanGraph;
  s: Structure;
  params: Map<string, Params>;
  shapes: Map<string, NodeShape>;
  diag: Diagnostics;
}

const CROSSENTROPY = new Set(['categoricalCrossentropy', 'sparseCategoricalCrossentropy', 'binaryCrossentropy']);

/** The activation that produces a node's output, looking through layers that do not change
 *  values (Dropout, Flatten, Reshape, …); undefined when it cannot be told. */
function lastActivation(node: CleanNode, ctx: Ctx): { activation: string; at: CleanNode } | undefined {
  let cur: CleanNode | undefined = node;
  for (let steps = 0; cur && steps < 20; steps++) {
    const layer = cur.layer;
    const p = ctx.params.get(cur.id);
    if (!layer || !p) return undefined;
    if ('activation' in layer.params) return typeof p.activation === 'string' ? { activation: p.activation, at: cur } : undefined;
    const passThrough = (layer.category === 'Regularization' || layer.category === 'Reshaping') && layer.arity.max === 1;
    if (!passThrough) return undefined;
    const into: GraphEdge[] = ctx.s.incoming.get(cur.id) ?? [];
    cur = into.length === 1 ? ctx.g.byId.get(into[0]!.source) : undefined;
  }
  return undefined;
}

function sameShape(graphShape: Shape, dataShape: readonly number[]): boolean {
  return graphShape.length === dataShape.length && graphShape.every((d, i) => d === null || d === dataShape[i]);
}

function checkLoss(out: CleanNode, loss: string, ctx: Ctx, dataset: DatasetInfo | undefined): void {
  const shape = ctx.shapes.get(out.id)?.shape;
  const units = shape && shape.length ? shape[shape.length - 1] : undefined;
  const act = lastActivation(out, ctx);
  const warn = (code: WarningCode, message: string, fix?: ShapeFix) => ctx.diag.warning(code, message, { nodeId: act?.at.id ?? out.id, ...(fix ? { fix } : {}) });
  // The fix the words give, as data: the activation of the node that sets it.
  const setActivation = (activation: string): ShapeFix | undefined => (act ? { kind: 'setParam', node: act.at.id, param: 'activation', value: activation } : undefined);
  const name = act && act.at !== out ? `${label(act.at)}, which feeds the output '${out.id}',` : label(act?.at ?? out);
  if ((loss === 'categoricalCrossentropy' || loss === 'sparseCategoricalCrossentropy') && units === 1) {
    // With the dataset's classes known, the fix is one unit per class (and softmax).
    const k = dataset?.task === 'classification' ? dataset.numClasses : undefined;
    const fix = k !== undefined && k > 1 ? classesFix(out, act, k) : undefined;
    ctx.diag.warning('loss-output', `${label(out)} has 1 unit, but ${loss} needs one unit per class; for two classes use 1 unit with sigmoid and binaryCrossentropy, otherwise set units to the number of classes with softmax`, { nodeId: act?.at.id ?? out.id, blocksTraining: true, ...(fix ? { fix } : {}) });
    return;
  }
  if (!act) return;
  const a = act.activation;
  if ((loss === 'categoricalCrossentropy' || loss === 'sparseCategoricalCrossentropy') && a !== 'softmax')
    warn('loss-activation', `${name} ends with activation '${a}', but ${loss} expects class probabilities; set its activation to softmax`, setActivation('softmax'));
  else if (loss === 'binaryCrossentropy' && a !== 'sigmoid')
    warn('loss-activation', `${name} ends with activation '${a}', but binaryCrossentropy expects a probability between 0 and 1${units === 1 ? ' from its 1 unit' : ''}; set its activation to sigmoid`, setActivation('sigmoid'));
  else if ((loss === 'meanSquaredError' || loss === 'meanAbsoluteError') && a === 'softmax')
    warn('loss-activation', `${name} ends with softmax but the loss is ${loss}; for classification categoricalCrossentropy learns much faster with softmax (hint)`, { kind: 'setLoss', node: act.at.id, loss: 'categoricalCrossentropy' });
  else if (loss === 'hinge' && (a === 'sigmoid' || a === 'softmax'))
    // The loss that fits the activation the network already ends with.
    warn('loss-activation', `${name} ends with ${a}, but hinge expects scores around −1 and +1 (targets −1/+1); use tanh or linear, or ${a === 'sigmoid' ? 'binaryCrossentropy' : 'categoricalCrossentropy'} with ${a}`, { kind: 'setLoss', node: act.at.id, loss: a === 'sigmoid' ? 'binaryCrossentropy' : 'categoricalCrossentropy' });
  else if (dataset?.task === 'regression' && (a === 'softmax' || a === 'sigmoid') && !CROSSENTROPY.has(loss))
    warn('loss-activation', `${name} ends with ${a}, which squeezes outputs into (0, 1), but the dataset is a regression; use a linear activation on the output unless the targets lie in (0, 1)`, setActivation('linear'));
}

function checkDataset(out: CleanNode, loss: string | undefined, data: DatasetInfo, ctx: Ctx): void {
  const what = data.id ? `dataset '${data.id}'` : 'the dataset';
  const inputs = ctx.g.nodes.filter((n) => isInputKind(n.layer));
  if (inputs.length > 1)
    ctx.diag.warning('dataset-inputs', `The network has ${inputs.length} Inputs (${quoteList(inputs.map((n) => n.id))}) but ${what} gives one tensor per example; keep one Input`, { nodeId: inputs[1]!.id, nodeIds: inputs.map((n) => n.id) });
  else if (inputs.length === 1) {
    const inp = inputs[0]!;
    const shape = ctx.shapes.get(inp.id)?.shape;
    // The loader reshapes examples to the Input when the number of values agrees
    // (MNIST's 28×28×1 images feed an Input of [784]); only a different count is wrong.
    const n = shape ? size(shape) : null;
    if (shape && !sameShape(shape, data.inputShape) && (n === null || n !== size(data.inputShape)))
      ctx.diag.warning('input-shape', `${label(inp)} has shape ${plain(shape)} but ${what} gives examples of shape ${plain(data.inputShape)}; set its shape to ${plain(data.inputShape)}, or train it on a dataset whose examples have shape ${plain(shape)}`, { nodeId: inp.id, param: 'shape', blocksTraining: true, fix: { kind: 'setInputShape', node: inp.id, shape: [...data.inputShape] } });
  }
  const shape = ctx.shapes.get(out.id)?.shape;
  if (!shape) return;
  if (data.task === 'classification') {
    if (shape.length !== 1) {
      ctx.diag.warning('output-shape', `${label(out)} outputs ${formatShape(shape)}, but a classifier outputs [batch, classes]; insert a Flatten (or a global pooling layer) before the last Dense`, { nodeId: out.id, blocksTraining: true, ...(out.kind === 'Dense' ? { fix: { kind: 'insert', node: out.id, input: 0, layer: 'Flatten', params: {} } as ShapeFix } : {}) });
      return;
    }
    const units = shape[0];
    const k = data.numClasses;
    if (k === undefined || units === null || units === undefined) return;
    if (loss === 'binaryCrossentropy' && k > 2) {
      const fix = classesFix(out, lastActivation(out, ctx), k);
      const all: ShapeFix | undefined = fix ? { kind: 'all', node: out.id, fixes: [...(fix.kind === 'all' ? fix.fixes : [fix]), { kind: 'setLoss', node: out.id, loss: 'categoricalCrossentropy' }] } : undefined;
      ctx.diag.warning('output-classes', `binaryCrossentropy separates 2 classes but ${what} has ${k}; give ${label(out)} ${k} units with softmax and use categoricalCrossentropy`, { nodeId: out.id, ...(units < k ? { blocksTraining: true as const } : {}), ...(all ? { fix: all } : {}) });
    }
    else if (units === 1 && k === 2) return;
    else if (units !== k && !(units === 1 && (loss === 'categoricalCrossentropy' || loss === 'sparseCategoricalCrossentropy')))
      ctx.diag.warning('output-classes', `${label(out)} has ${units} ${units === 1 ? 'unit' : 'units'} but ${what} has ${k} classes; set units to ${k}${k === 2 ? ' (or to 1 with sigmoid and binaryCrossentropy)' : ''}`, { nodeId: out.id, param: 'units', ...(units < k ? { blocksTraining: true as const } : {}), ...(out.layer && 'units' in out.layer.params ? { fix: { kind: 'setParam', node: out.id, param: 'units', value: k } as ShapeFix } : {}) });
    return;
  }
  // Regression and sequences: the output must match one target; [] and [1] are one value.
  const target = data.targetShape.length === 0 ? [1] : data.targetShape;
  if (!sameShape(shape, target)) {
    const last = target[target.length - 1];
    const hint = shape.length === target.length ? `set units to ${last}` : `make the output ${plain(target)} (a Flatten, Reshape or Dense with ${last} units)`;
    // Training flattens both sides: only a different number of values cannot train.
    const blocks = size(shape) !== size(target);
    const fix = targetFix(out, shape, target);
    ctx.diag.warning('output-target', `${label(out)} outputs ${formatShape(shape)} but ${what}'s targets are ${formatShape(target)}; ${hint}`, { nodeId: out.id, ...(blocks ? { blocksTraining: true as const } : {}), ...(fix ? { fix } : {}) });
  }
}

const hasUnits = (n: CleanNode) => !!n.layer && 'units' in n.layer.params;

/** One unit per class on the output, with softmax where the output sets its own activation
 *  (one edit, so that no loss-activation warning follows); undefined for a layer without units. */
function classesFix(out: CleanNode, act: { activation: string; at: CleanNode } | undefined, k: number): ShapeFix | undefined {
  if (!hasUnits(out)) return undefined;
  const units: ShapeFix = { kind: 'setParam', node: out.id, param: 'units', value: k };
  if (!act || act.activation === 'softmax') return units;
  return { kind: 'all', node: out.id, fixes: [units, { kind: 'setParam', node: act.at.id, param: 'activation', value: 'softmax' }] };
}

/** A Dense-like output that misses the regression targets only in its units, or also by being
 *  unflattened before a flat target: set the units (after a Flatten before it). */
function targetFix(out: CleanNode, shape: Shape, target: readonly number[]): ShapeFix | undefined {
  if (!hasUnits(out)) return undefined;
  const last = target[target.length - 1]!;
  const units: ShapeFix = { kind: 'setParam', node: out.id, param: 'units', value: last };
  if (shape.length === target.length) return shape.slice(0, -1).every((d, i) => d === null || d === target[i]) ? units : undefined;
  if (target.length !== 1 || shape.length < 2) return undefined;
  const flatten: ShapeFix = { kind: 'insert', node: out.id, input: 0, layer: 'Flatten', params: {} };
  return shape[shape.length - 1] === last ? flatten : { kind: 'all', node: out.id, fixes: [flatten, units] };
}

/** The output training is most likely about: the deepest one with a shape, else the first. */
export function mainOutput(outputs: string[], shapes: Map<string, NodeShape>): string | undefined {
  let best: string | undefined;
  let depth = -1;
  for (const id of outputs) {
    const d = shapes.get(id)?.depth ?? -1;
    if (best === undefined || d > depth) {
      best = id;
      depth = d;
    }
  }
  return best;
}

export function checkTraining(outputs: string[], training: unknown, dataset: DatasetInfo | undefined, ctx: Ctx): void {
  const main = mainOutput(outputs, ctx.shapes);
  if (main === undefined) return;
  for (const id of outputs) {
    if (id === main) continue;
    const node = ctx.g.byId.get(id)!;
    ctx.diag.warning('multiple-outputs', `${label(node)} leads nowhere: nothing takes its output, so it becomes a second output and training fits it to the same targets as '${main}'; connect it onward or delete it`, { nodeId: id, nodeIds: [...outputs], blocksTraining: true });
  }
  const out = ctx.g.byId.get(main)!;
  const raw = typeof training === 'object' && training !== null ? (training as { loss?: unknown }).loss : undefined;
  const loss = typeof raw === 'string' ? raw : undefined;
  const data = dataset && typeof dataset === 'object' && Array.isArray(dataset.inputShape) && Array.isArray(dataset.targetShape) ? dataset : undefined;
  const what = data?.id ? `dataset '${data.id}'` : 'the dataset';
  // binaryCrossentropy stays allowed: with sigmoid it fits targets in [0, 1], e.g. the pixels
  // an autoencoder reconstructs.
  if (data && (loss === 'categoricalCrossentropy' || loss === 'sparseCategoricalCrossentropy') && data.task !== 'classification')
    ctx.diag.warning('loss-task', `The loss ${loss} is for classification, but ${what} is a ${data.task} task; use meanSquaredError or meanAbsoluteError`, { ...(loss === 'sparseCategoricalCrossentropy' ? { blocksTraining: true as const } : {}), fix: { kind: 'setLoss', loss: 'meanSquaredError' } });
  // An output behind an error has its own message already; loss advice would be noise.
  else if (loss !== undefined && ctx.shapes.has(main)) checkLoss(out, loss, ctx, data);
  if (data) checkDataset(out, loss, data, ctx);
}
