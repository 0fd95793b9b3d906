// A TensorFlow.js layers model walked the way every weight-carrying exporter walks it: the
// input layers with their shapes, then each other layer in the model's own topological order
// with its config, the values feeding it (keyed "<layer name>:<tensor index>"), their shapes
// and its trained weights by name. Shared by the ONNX and PyTorch exporters.
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Preprocessing } from '../data/types.js';

interface InboundNode {
  inboundLayers: tfl.layers.Layer[];
  nodeIndices: number[];
  tensorIndices: number[];
}

export type Dims = (number | null)[];

export interface WeightValue {
  shape: number[];
  data: Float32Array;
}

export interface WalkedLayer {
  layer: tfl.layers.Layer;
  /** The node id the layer was built from (for errors and names). */
  node: string;
  kind: string;
  config: Record<string, unknown>;
  /** Keys of the values feeding the layer, in port order. */
  inputs: string[];
  /** The node ids those values come from. */
  inputNodes: string[];
  /** Shapes of the inputs, batch first (null: unknown). */
  inputShapes: Dims[];
  weight(suffix: string): WeightValue | undefined;
}

export function shapeOf(s: unknown): Dims {
  return (s as (number | null)[]).map((d) => (d === null || d === undefined ? null : Number(d)));
}

/** The key of a layer's output value. */
export const valueKey = (layer: tfl.layers.Layer, tensorIndex = 0): string => `${layer.name}:${tensorIndex}`;

export function inputLayers(model: tfl.LayersModel, nodeOf: (l: tfl.layers.Layer) => string): { layer: tfl.layers.Layer; node: string; key: string; shape: Dims }[] {
  return model.inputLayers.map((layer) => ({ layer, node: nodeOf(layer), key: valueKey(layer), shape: shapeOf((layer as unknown as { batchInputShape: unknown }).batchInputShape) }));
}

/** The layers after the inputs; `fail` is the exporter's error (a shared layer is refused). */
export function walkLayers(model: tfl.LayersModel, nodeOf: (l: tfl.layers.Layer) => string, fail: (node: string, kind: string, reason: string) => never): WalkedLayer[] {
  const inputNames = new Set(model.inputLayers.map((l) => l.name));
  const out: WalkedLayer[] = [];
  for (const layer of model.layers) {
    if (inputNames.has(layer.name)) continue;
    const node = nodeOf(layer);
    const kind = layer.getClassName();
    const inbound = (layer as unknown as { inboundNodes: InboundNode[] }).inboundNodes;
    if (inbound.length !== 1) fail(node, kind, `the layer is applied ${inbound.length} times; a shared layer is not exported`);
    const from = inbound[0]!;
    const inputShapes = from.inboundLayers.map((l, i) => {
      const s = l.outputShape as unknown;
      const shapes = Array.isArray(s) && Array.isArray(s[0]) ? (s as unknown[])[from.tensorIndices[i] ?? 0] : s;
      return shapeOf(shapes);
    });
    const weights = new Map(layer.weights.map((w, i) => [w.originalName.split('/').pop()!, i]));
    const current = layer.getWeights();
    out.push({
      layer,
      node,
      kind,
      config: layer.getConfig() as Record<string, unknown>,
      inputs: from.inboundLayers.map((l, i) => valueKey(l, from.tensorIndices[i] ?? 0)),
      inputNodes: from.inboundLayers.map(nodeOf),
      inputShapes,
      weight: (suffix) => {
        const i = weights.get(suffix);
        if (i === undefined) return undefined;
        const t = current[i]!;
        return { shape: t.shape.slice(), data: t.dataSync() as Float32Array };
      },
    });
  }
  return out;
}

/** The model's outputs: the key of each value and its node. */
export function outputValues(model: tfl.LayersModel, nodeOf: (l: tfl.layers.Layer) => string): { key: string; node: string; kind: string; shape: Dims }[] {
  return model.outputLayers.map((layer, i) => ({ key: valueKey(layer, model.outputLayersTensorIndices[i] ?? 0), node: nodeOf(layer), kind: layer.getClassName(), shape: shapeOf(model.outputs[i]!.shape) }));
}

/** The run's input scaling as constants that broadcast over one example of `shape` (batch
 *  first): one value for all, or the per-feature statistics tiled over the example (they
 *  repeat every `offset.length` values of the flat example, as applyScaling reads them).
 *  undefined for no scaling. */
export function scalingConstants(shape: Dims, p: Preprocessing, fail: (reason: string) => never): { shape: number[]; offset: number[]; divisor: number[] } | undefined {
  if (p.method === 'none') return undefined;
  const w = p.offset.length;
  if (w === 0 || w !== p.divisor.length) fail('offset and divisor differ in length');
  if (w === 1) return { shape: [], offset: p.offset, divisor: p.divisor };
  const dims = shape.slice(1);
  const size = dims.reduce<number>((a, b) => a * (b ?? NaN), 1);
  if (!Number.isInteger(size) || size % w !== 0) fail(`${w} per-feature statistics do not tile the input shape [${dims.join(', ')}]`);
  return {
    shape: dims as number[],
    offset: Array.from({ length: size }, (_, i) => p.offset[i % w]!),
    divisor: Array.from({ length: size }, (_, i) => p.divisor[i % w]!),
  };
}

/** A config value that is a number or a tuple, as a tuple of n. */
export function tuple(v: unknown, n: number): number[] {
  if (Array.isArray(v)) return v.map(Number);
  return Array.from({ length: n }, () => Number(v));
}

/** Reorders a weight tensor's axes (a transpose done once at export, not in the graph). */
export function permute(data: Float32Array, shape: number[], perm: number[]): { shape: number[]; data: Float32Array } {
  const outShape = perm.map((p) => shape[p]!);
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const out = new Float32Array(data.length);
  const idx = new Array<number>(outShape.length).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let k = 0; k < perm.length; k++) src += idx[k]! * strides[perm[k]!]!;
    out[o] = data[src]!;
    for (let k = outShape.length - 1; k >= 0; k--) {
      if (++idx[k]! < outShape[k]!) break;
      idx[k] = 0;
    }
  }
  return { shape: outShape, data: out };
}

/** TensorFlow's 'same' padding per spatial axis: a total of max((out − 1)·stride + window − in, 0)
 *  with out = ceil(in / stride), the odd one at the end. `unknown(i)` is called for an axis
 *  whose size is not known. */
export function samePads(spatial: Dims, window: number[], strides: number[], dilations: number[] | undefined, unknown: (axis: number) => never): { begin: number[]; end: number[] } {
  const begin: number[] = [];
  const end: number[] = [];
  spatial.forEach((size, i) => {
    if (typeof size !== 'number') unknown(i);
    const k = (window[i]! - 1) * (dilations?.[i] ?? 1) + 1;
    const out = Math.ceil(size! / strides[i]!);
    const total = Math.max((out - 1) * strides[i]! + k - size!, 0);
    begin.push(Math.floor(total / 2));
    end.push(total - Math.floor(total / 2));
  });
  return { begin, end };
}
