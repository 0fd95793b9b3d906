// Every node's output for one example (see ./activations.schema.ts), from one forward pass of
// a model built over the trained one whose outputs are all its layers' outputs.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { applyScaling } from '../../data/index.js';
import { mnistify, takesDrawing } from '../mnistify.js';
import { bytesToBase64 } from '../wire.js';
import type { ActivationNode } from './activations.schema.js';
import type { InspectParams, InspectReply } from './schemas.js';
import type { InspectCompute, InspectContext } from './types.js';

const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const round = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(5)) : 0);

function rangeOf(v: ArrayLike<number>, n = v.length): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = v[i]!;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 0];
}

/** Value → byte over [lo, hi] (a flat range: the middle). */
function quantise(v: number, lo: number, span: number): number {
  return span > 0 ? Math.max(0, Math.min(255, Math.round(((v - lo) / span) * 255))) : 128;
}

/** The layers a probe can read, with their node: one output each, not the Input layer. */
interface Probed {
  nodeId: string;
  kind: string;
  layer: tfl.layers.Layer;
}

function probedLayers(ctx: InspectContext): { probe: tfl.LayersModel; layers: Probed[] } {
  const cached = probes.get(ctx.model);
  if (cached) return cached;
  const kindOf = new Map(ctx.project.graph.nodes.map((n) => [n.id, n.kind]));
  const layers: Probed[] = [];
  for (const layer of ctx.model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    let out: tfl.SymbolicTensor | tfl.SymbolicTensor[];
    try {
      out = layer.output;
    } catch {
      continue; // a layer used twice has no single output to show
    }
    if (Array.isArray(out)) continue;
    const nodeId = ctx.nodeIdOf.get(layer.name) ?? layer.name;
    layers.push({ nodeId, kind: kindOf.get(nodeId) ?? layer.getClassName(), layer });
  }
  const probe = tfl.model({ inputs: ctx.model.inputs, outputs: layers.map((l) => l.layer.output as tfl.SymbolicTensor) });
  const made = { probe, layers };
  probes.set(ctx.model, made);
  return made;
}
const probes = new WeakMap<tfl.LayersModel, { probe: tfl.LayersModel; layers: Probed[] }>();

/** The activation a node's params name ('softmax', 'sigmoid', …), if any. */
function activationOf(ctx: InspectContext, nodeId: string): string | undefined {
  const a = ctx.project.graph.nodes.find((n) => n.id === nodeId)?.params.activation;
  return typeof a === 'string' ? a : undefined;
}

/** One node's output, `values` over `shape` (no batch), as the wire shows it. */
export function showNode(id: string, kind: string, shape: number[], values: Float32Array, opts: { maxChannels: number; maxUnits: number; activation?: string; classNames?: string[]; image?: [number, number, number] }): ActivationNode {
  const base = { id, kind, shape };
  const names = opts.classNames;
  if (shape.length === 1 && names) {
    if (opts.activation === 'softmax' && shape[0] === names.length)
      return { ...base, leftOut: 0, show: 'probabilities', values: Array.from(values, round), classes: names };
    if (opts.activation === 'sigmoid' && shape[0] === 1 && names.length === 2)
      return { ...base, leftOut: 0, show: 'probabilities', values: [round(1 - values[0]!), round(values[0]!)], classes: names };
  }
  // A flat vector the size of the dataset's images is drawn as that image (`shape` stays flat).
  const im = opts.image;
  const dims = shape.length === 1 && im && shape[0] === im[0] * im[1] * im[2] ? im : shape;
  if ((dims.length === 3 || dims.length === 2) && dims[0]! > 1 && dims[1]! > 1) {
    const [h, w] = dims as [number, number];
    const c = dims[2] ?? 1;
    const shown = Math.min(c, opts.maxChannels);
    const [lo, hi] = rangeOf(values);
    const span = hi - lo;
    const tiles: string[] = [];
    for (let k = 0; k < shown; k++) {
      const q = new Uint8Array(h * w);
      for (let p = 0; p < h * w; p++) q[p] = quantise(values[p * c + k]!, lo, span);
      tiles.push(bytesToBase64(q));
    }
    return { ...base, leftOut: c - shown, show: 'image', channels: c, image: { h, w, lo: round(lo), hi: round(hi), tiles } };
  }
  const n = Math.min(values.length, opts.maxUnits);
  const [lo, hi] = rangeOf(values);
  return { ...base, leftOut: values.length - n, show: 'vector', values: Array.from(values.subarray(0, n), round), lo: round(lo), hi: round(hi) };
}

/** [h, w, c] of the dataset's examples when they are images: an image-shaped input, or a flat
 *  one of byte pixels that is a square (784 → 28×28, 3·s² → s×s colour); else null. */
export function datasetImageShape(ds: { inputShape: number[]; sourceDtype?: string }): [number, number, number] | null {
  const [a, b, c] = ds.inputShape;
  if (ds.inputShape.length === 3 && a! > 1 && b! > 1 && (c === 1 || c === 3)) return [a!, b!, c];
  if (ds.inputShape.length === 2 && a! > 1 && b! > 1) return [a!, b!, 1];
  if (ds.inputShape.length === 1 && ds.sourceDtype === 'ubyte')
    for (const k of [1, 3]) {
      const side = Math.round(Math.sqrt(a! / k));
      if (side > 1 && side * side * k === a) return [side, side, k];
    }
  return null;
}

/** Nodes whose flat output is the example itself, rearranged: drawn as the dataset's image. */
const PIXEL_KINDS = new Set(['Input', 'Flatten', 'Reshape']);

/** The first Conv2D layer's kernels, one tile per filter. */
export function kernelsOf(ctx: InspectContext, maxFilters: number): InspectReply<'activations'>['kernels'] {
  const kindOf = new Map(ctx.project.graph.nodes.map((n) => [n.id, n.kind]));
  const layer = ctx.model.layers.find((l) => kindOf.get(ctx.nodeIdOf.get(l.name) ?? l.name) === 'Conv2D' || (!ctx.nodeIdOf.has(l.name) && l.getClassName() === 'Conv2D'));
  const kernel = layer?.getWeights()[0];
  if (!layer || !kernel || kernel.rank !== 4) return null;
  const [kh, kw, inC, filters] = kernel.shape as [number, number, number, number];
  const v = kernel.dataSync() as Float32Array; // [kh, kw, inC, filters]
  const mode = inC === 1 ? 'gray' : inC === 3 ? 'rgb' : 'mean';
  const shown = Math.min(filters, maxFilters);
  const [lo, hi] = rangeOf(v);
  const span = hi - lo;
  const at = (y: number, x: number, c: number, f: number) => v[((y * kw + x) * inC + c) * filters + f]!;
  const tiles: string[] = [];
  for (let f = 0; f < shown; f++) {
    const q = new Uint8Array(kh * kw * (mode === 'rgb' ? 3 : 1));
    for (let y = 0; y < kh; y++)
      for (let x = 0; x < kw; x++) {
        const p = y * kw + x;
        if (mode === 'rgb') for (let c = 0; c < 3; c++) q[p * 3 + c] = quantise(at(y, x, c, f), lo, span);
        else {
          let s = 0;
          for (let c = 0; c < inC; c++) s += at(y, x, c, f);
          q[p] = quantise(s / inC, lo, span);
        }
      }
    tiles.push(bytesToBase64(q));
  }
  return { nodeId: ctx.nodeIdOf.get(layer.name) ?? layer.name, filters, inChannels: inC, mode, leftOut: filters - shown, image: { h: kh, w: kw, lo: round(lo), hi: round(hi), tiles } };
}

/** The raw example a drawing or raw input gives (null for a test sample). */
function rawInput(ctx: InspectContext, p: InspectParams<'activations'>): Float32Array | null {
  const ds = ctx.dataset;
  const width = prod(ds.inputShape);
  if (p.drawing) {
    if (!takesDrawing(ds.inputShape)) throw new Error(`drawing: a drawing needs a 28×28 input; this run's is [${ds.inputShape.join(', ')}]`);
    return mnistify(p.drawing);
  }
  if (!p.input) return null;
  if (p.input.length !== width) throw new Error(`input: ${p.input.length} values; an example of shape [${ds.inputShape.join(', ')}] has ${width}`);
  return Float32Array.from(p.input);
}

/** The scaled example: a test sample as loaded, or raw values scaled as the run trained. */
export function scaledInput(ctx: InspectContext, p: InspectParams<'activations'>, raw = rawInput(ctx, p)): Float32Array {
  const ds = ctx.dataset;
  const width = prod(ds.inputShape);
  if (raw) {
    const prep = ds.preprocessing;
    return prep && prep.method !== 'none' ? applyScaling(raw, prep) : raw;
  }
  const i = p.sample!;
  if (i >= ds.test.count) throw new Error(`sample ${i} is past the test split's ${ds.test.count} examples`);
  return ds.test.x.slice(i * width, (i + 1) * width);
}

export const activations: InspectCompute<InspectParams<'activations'>, InspectReply<'activations'>> = {
  applies(ctx) {
    if (ctx.model.inputs.length !== 1) return `the model has ${ctx.model.inputs.length} inputs; this view shows models of one`;
    return true;
  },
  compute(ctx, p) {
    const ds = ctx.dataset;
    const raw = rawInput(ctx, p);
    const x = scaledInput(ctx, p, raw);
    const { probe, layers } = probedLayers(ctx);
    const inputShape = ctx.model.inputs[0]!.shape.slice(1).map((d, i) => d ?? ds.inputShape[i] ?? 1);
    const outs = tf.tidy(() => {
      const r = probe.predict(tf.tensor(x, [1, ...inputShape], 'float32'));
      return (Array.isArray(r) ? r : [r]).map((t) => ({ shape: t.shape.slice(1), values: t.dataSync() as Float32Array }));
    });
    const classNames = ds.task === 'classification' ? ds.classNames : undefined;
    const opts = { maxChannels: p.maxChannels, maxUnits: p.maxUnits, ...(classNames ? { classNames } : {}) };
    const inputLayer = ctx.model.inputLayers[0];
    const inputId = inputLayer ? (ctx.nodeIdOf.get(inputLayer.name) ?? inputLayer.name) : 'input';
    const image = datasetImageShape(ds);
    const pixels = image ? { image } : {};
    const nodes: ActivationNode[] = [showNode(inputId, 'Input', inputShape, x, { ...opts, ...pixels })];
    layers.forEach((l, k) => {
      const act = activationOf(ctx, l.nodeId);
      nodes.push(showNode(l.nodeId, l.kind, outs[k]!.shape, outs[k]!.values, { ...opts, ...(act ? { activation: act } : {}), ...(PIXEL_KINDS.has(l.kind) ? pixels : {}) }));
    });
    const label = p.sample !== undefined && ds.task === 'classification' ? ds.test.y[p.sample] : undefined;
    return {
      sample: p.sample ?? null,
      ...(raw ? { input: Array.from(raw, round) } : {}),
      ...(label !== undefined ? { label } : {}),
      ...(classNames ? { classNames } : {}),
      nodes,
      kernels: kernelsOf(ctx, p.maxChannels),
    };
  },
};
