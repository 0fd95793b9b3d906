// A TensorFlow.js layers model (a run's trained model) as an ONNX model: the graph walked in
// the model's own topological order, each layer through its kind's converter, the feature
// scaling the run trained with as the graph's first nodes, so the ONNX model's one input is
// the same raw [n, ...Input shape] float32 tensor the app and the CLI take.
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Preprocessing } from '../../data/types.js';
import { CONVERTERS, OnnxExportError, type ConvertContext } from './convert.js';
import { GraphBuilder, IR_VERSION, OPSET } from './graph.js';

export { OnnxExportError } from './convert.js';
export { OPSET, IR_VERSION } from './graph.js';

export interface OnnxExportOptions {
  /** Feature scaling the run trained with (offset/divisor per feature, or one for all). */
  preprocessing?: Preprocessing;
  classNames?: string[];
  /** tfjs layer name → node id, so errors and node names use the ids the user sees. */
  nodeIdOf?: Map<string, string>;
  /** The graph's name (the project's). */
  name?: string;
  producerVersion?: string;
  /** Extra metadata_props (run id, dataset…). */
  metadata?: Record<string, string>;
}

interface InboundNode {
  inboundLayers: tfl.layers.Layer[];
  nodeIndices: number[];
  tensorIndices: number[];
}

function shapeOf(s: unknown): (number | null)[] {
  return (s as (number | null)[]).map((d) => (d === null || d === undefined ? null : Number(d)));
}

/** Raw inputs → what the first layer saw in training: (x − offset) / divisor. */
function scaling(g: GraphBuilder, x: string, shape: (number | null)[], p: Preprocessing): string {
  if (p.method === 'none') return x;
  const w = p.offset.length;
  if (w === 0 || w !== p.divisor.length) throw new OnnxExportError('input', 'preprocessing', 'offset and divisor differ in length');
  const dims = shape.slice(1) as number[];
  const size = dims.reduce((a, b) => a * b, 1);
  let offset: number[];
  let divisor: number[];
  let cshape: number[];
  if (w === 1) [offset, divisor, cshape] = [p.offset, p.divisor, []];
  else {
    if (dims.some((d) => d === null) || size % w !== 0) throw new OnnxExportError('input', 'preprocessing', `${w} per-feature statistics do not tile the input shape [${dims.join(', ')}]`);
    // The statistics repeat every w values of the flat example (applyScaling's i % w).
    offset = Array.from({ length: size }, (_, i) => p.offset[i % w]!);
    divisor = Array.from({ length: size }, (_, i) => p.divisor[i % w]!);
    cshape = dims;
  }
  const centred = offset.every((v) => v === 0) ? x : g.op('Sub', [x, g.float('preprocess/offset', cshape, offset)], 'preprocess/centred');
  return g.op('Div', [centred, g.float('preprocess/divisor', cshape, divisor)], 'preprocess/scaled');
}

export function toOnnx(model: tfl.LayersModel, opts: OnnxExportOptions = {}): Uint8Array {
  const g = new GraphBuilder();
  const nodeOf = (layer: tfl.layers.Layer) => opts.nodeIdOf?.get(layer.name) ?? layer.name;
  /** "<layer name>:<tensor index>" → ONNX value name. */
  const values = new Map<string, string>();
  const inputNames = new Set(model.inputLayers.map((l) => l.name));

  for (const layer of model.inputLayers) {
    const shape = shapeOf(layer.batchInputShape ?? (layer as unknown as { batchInputShape: unknown }).batchInputShape);
    const node = nodeOf(layer);
    const raw = g.input(node, shape);
    values.set(`${layer.name}:0`, opts.preprocessing ? scaling(g, raw, shape, opts.preprocessing) : raw);
  }

  for (const layer of model.layers) {
    if (inputNames.has(layer.name)) continue;
    const node = nodeOf(layer);
    const kind = layer.getClassName();
    const inbound = (layer as unknown as { inboundNodes: InboundNode[] }).inboundNodes;
    if (inbound.length !== 1) throw new OnnxExportError(node, kind, `the layer is applied ${inbound.length} times; a shared layer is not exported`);
    const from = inbound[0]!;
    const inputs = from.inboundLayers.map((l, i) => {
      const v = values.get(`${l.name}:${from.tensorIndices[i] ?? 0}`);
      if (!v) throw new OnnxExportError(node, kind, `its input from '${nodeOf(l)}' was not converted first`);
      return v;
    });
    const convert = CONVERTERS[kind];
    if (!convert) throw new OnnxExportError(node, kind, `ONNX export has no converter for ${kind}`);
    const inputShapes = from.inboundLayers.map((l, i) => {
      const s = l.outputShape as unknown;
      const shapes = Array.isArray(s) && Array.isArray(s[0]) ? (s as unknown[])[from.tensorIndices[i] ?? 0] : s;
      return shapeOf(shapes);
    });
    const weights = new Map(layer.weights.map((w, i) => [w.originalName.split('/').pop()!, i]));
    const current = layer.getWeights();
    const ctx: ConvertContext = {
      g,
      layer,
      node,
      config: layer.getConfig() as Record<string, unknown>,
      inputShapes,
      weight: (suffix) => {
        const i = weights.get(suffix);
        if (i === undefined) return undefined;
        const t = current[i]!;
        return { shape: t.shape.slice(), data: t.dataSync() as Float32Array };
      },
      fail: (reason) => {
        throw new OnnxExportError(node, kind, reason);
      },
    };
    values.set(`${layer.name}:0`, convert(ctx, inputs));
  }

  model.outputLayers.forEach((layer, i) => {
    const v = values.get(`${layer.name}:${model.outputLayersTensorIndices[i] ?? 0}`);
    if (!v) throw new OnnxExportError(nodeOf(layer), layer.getClassName(), 'its output was not converted');
    const out = g.fresh(`${nodeOf(layer)}/output`);
    g.op('Identity', [v], `${nodeOf(layer)}/output`, {}, out);
    g.output(out, shapeOf(model.outputs[i]!.shape));
  });

  const props: Record<string, string> = { ...(opts.metadata ?? {}) };
  if (opts.classNames) props.class_names = JSON.stringify(opts.classNames);
  if (opts.preprocessing) props.preprocessing = JSON.stringify(opts.preprocessing);
  return g.encode({
    name: opts.name ?? model.name,
    doc: 'Exported by LayerLab. The input takes raw examples; the scaling the model trained with is its first nodes.',
    producerVersion: opts.producerVersion ?? '0',
    props,
  });
}

