// The latent space of an autoencoder (see ./latent.schema.ts): a probe model from the input to
// the bottleneck gives each test sample's code; codes wider than 2 are drawn by their first two
// principal components (../pca.ts).
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Dataset } from '../../data/types.js';
import { pca } from '../pca.js';
import { rawExample } from './samples.js';
import type { InspectParams, InspectReply } from './schemas.js';
import type { InspectCompute, InspectContext } from './types.js';

const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const round = (v: number, digits: number) => (Number.isInteger(v) ? v : Number(v.toPrecision(digits)));

/** A layer a code can be read from: not the input, not the output, one fixed-size output. */
interface Choice {
  id: string;
  kind: string;
  width: number;
  shape: number[];
  layer: tfl.layers.Layer;
}

/** The nodes between input and output in model order, each by its last layer (a node that
 *  compiles to several layers outputs what its last one does). */
export function codeChoices(ctx: InspectContext): Choice[] {
  const { model } = ctx;
  const outputs = new Set(model.outputLayers);
  const kindOf = new Map(ctx.project.graph.nodes.map((n) => [n.id, n.kind]));
  const byNode = new Map<string, Choice>();
  for (const l of model.layers) {
    if (outputs.has(l) || l.getClassName() === 'InputLayer') continue;
    const raw = l.outputShape;
    if (Array.isArray(raw[0])) continue; // several outputs
    const shape = (raw as (number | null)[]).slice(1);
    if (shape.some((d) => d === null)) continue;
    const id = ctx.nodeIdOf.get(l.name) ?? l.name;
    byNode.delete(id);
    byNode.set(id, { id, kind: kindOf.get(id) ?? l.getClassName(), width: prod(shape as number[]), shape: shape as number[], layer: l });
  }
  return [...byNode.values()];
}

/** Whether the run's targets are its inputs (the loader's target: 'input' copies x into y). */
function rebuildsInput(ds: Dataset): boolean {
  const w = prod(ds.inputShape);
  if (ds.task === 'classification' || prod(ds.targetShape) !== w) return false;
  const s = ds.train.count > 0 ? ds.train : ds.test;
  if (s.count === 0) return false;
  const n = Math.min(s.x.length, s.y.length, 200_000);
  for (let i = 0; i < n; i++) if (s.y[i] !== s.x[i]) return false;
  return true;
}

function whyNot(ctx: InspectContext): string | null {
  const { model, dataset: ds } = ctx;
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return `an autoencoder here has one input and one output; this model has ${model.inputs.length} and ${model.outputs.length}`;
  if (!rebuildsInput(ds)) {
    const what = ds.task === 'classification' ? 'class labels' : `${ds.task} targets`;
    return `this is not an autoencoder: its targets are ${what}, not its inputs (an autoencoder's dataset sets the option target to "input", as the autoencoder template does)`;
  }
  const outShape = model.outputs[0]!.shape.slice(1);
  const w = prod(ds.inputShape);
  if (outShape.some((d) => d === null) || prod(outShape as number[]) !== w) return `its output has ${outShape.join('×')} values per example and its input ${w}, so it cannot rebuild the input`;
  if (codeChoices(ctx).length === 0) return 'there is no layer between its input and its output to take a code from';
  return null;
}

/** The model's output for rows `rows` of the test split, flat per row. */
async function predictRows(model: tfl.LayersModel, ds: Dataset, rows: number[], width: number): Promise<Float32Array> {
  const w = prod(ds.inputShape);
  const x = new Float32Array(rows.length * w);
  rows.forEach((r, k) => x.set(ds.test.x.subarray(r * w, (r + 1) * w), k * w));
  const shape = model.inputs[0]!.shape.slice(1) as number[];
  const out = tf.tidy(() => {
    const y = model.predict(tf.tensor(x, [rows.length, ...shape]), { batchSize: 256 }) as tf.Tensor;
    return y.reshape([rows.length, width]);
  });
  try {
    return (await out.data()) as Float32Array;
  } finally {
    out.dispose();
  }
}

/** Scaled values back to the data's own units (the loader's feature scaling undone). */
function unscale(ds: Dataset, flat: Float32Array): Float32Array {
  const p = ds.preprocessing;
  if (!p) return flat;
  const out = new Float32Array(flat.length);
  for (let i = 0; i < flat.length; i++) {
    const k = p.offset.length === 1 ? 0 : i;
    out[i] = flat[i]! * (p.divisor[k] ?? 1) + (p.offset[k] ?? 0);
  }
  return out;
}

export const latent: InspectCompute<InspectParams<'latent'>, InspectReply<'latent'>> = {
  applies: (ctx) => whyNot(ctx) ?? true,
  async compute(ctx, p) {
    const { model, dataset: ds } = ctx;
    const choices = codeChoices(ctx);
    let pick: Choice;
    if (p.node !== undefined) {
      const named = choices.find((c) => c.id === p.node);
      if (!named) throw new Error(`no node '${p.node.slice(0, 60)}' between the input and the output to take codes from; there are ${choices.map((c) => c.id).join(', ')}`);
      pick = named;
    } else pick = choices.reduce((a, c) => (c.width < a.width ? c : a));

    const n = Math.min(p.count, ds.test.count);
    const rows = Array.from({ length: n }, (_, i) => i);
    const probe = tfl.model({ inputs: model.inputs, outputs: pick.layer.output as tfl.SymbolicTensor });
    const codes = n > 0 ? await predictRows(probe, ds, rows, pick.width) : new Float32Array(0);

    let points: [number, number][];
    let axes: InspectReply<'latent'>['axes'];
    let projection: 'code' | 'pca';
    if (pick.width <= 2) {
      projection = 'code';
      points = rows.map((i) => [round(codes[i * pick.width]!, 5), pick.width === 2 ? round(codes[i * 2 + 1]!, 5) : 0]);
      axes = [{ name: 'code 1' }, { name: pick.width === 2 ? 'code 2' : 'none (the code is one number)' }];
    } else {
      projection = 'pca';
      const pc = n > 0 ? pca(codes, n, pick.width, 2) : null;
      points = rows.map((i) => [round(pc!.projections[i * 2]!, 5), round(pc!.projections[i * 2 + 1]!, 5)]);
      axes = [
        { name: 'PC1', explained: pc?.explained[0] ?? 0 },
        { name: 'PC2', explained: pc?.explained[1] ?? 0 },
      ];
    }

    const labels = ds.labelNames && ds.test.labels ? ds.test.labels : null;
    const labelNote = labels
      ? `the classes of ${ds.name}, which loading keeps beside the targets when the targets are the inputs`
      : 'the data has no classes, so the points have one colour';

    let picked = p.reconstruct;
    if (picked) {
      const bad = picked.find((i) => i >= ds.test.count);
      if (bad !== undefined) throw new Error(`sample ${bad} is past the test split's ${ds.test.count} examples`);
    } else if (labels) {
      const first = new Map<number, number>();
      for (let i = 0; i < ds.test.count && first.size < ds.labelNames!.length; i++) if (!first.has(labels[i]!)) first.set(labels[i]!, i);
      picked = [...first.entries()].sort((a, b) => a[0] - b[0]).slice(0, 10).map(([, i]) => i);
    } else picked = Array.from({ length: Math.min(8, ds.test.count) }, (_, i) => i);
    const w = prod(ds.inputShape);
    const rebuilt = picked.length ? unscale(ds, await predictRows(model, ds, picked, w)) : new Float32Array(0);

    return {
      node: pick.id,
      kind: pick.kind,
      codeShape: pick.shape,
      width: pick.width,
      choices: choices.map(({ id, kind, width }) => ({ id, kind, width })),
      chosen: p.node === undefined ? 'narrowest' : 'named',
      projection,
      axes,
      points,
      ...(labels ? { labels: rows.map((i) => labels[i]!), classNames: ds.labelNames! } : {}),
      labelNote,
      count: n,
      testCount: ds.test.count,
      inputShape: ds.inputShape,
      reconstructions: picked.map((index, k) => ({
        index,
        ...(labels ? { label: labels[index]! } : {}),
        original: Array.from(rawExample(ds, ds.test, index), (v) => round(v, 6)),
        reconstruction: Array.from(rebuilt.subarray(k * w, (k + 1) * w), (v) => round(v, 4)),
      })),
    };
  },
};
