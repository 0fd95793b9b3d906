// A TensorFlow.js layers model (a run's trained model) as an ONNX model: the graph walked in
// the model's own topological order, each layer through its kind's converter, the feature
// scaling the run trained with as the graph's first nodes, so the ONNX model's one input is
// the same raw [n, ...Input shape] float32 tensor the app and the CLI take.
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Preprocessing } from '../../data/types.js';
import { CONVERTERS, OnnxExportError, type ConvertContext } from './convert.js';
import { GraphBuilder, IR_VERSION, OPSET } from './graph.js';
import { inputLayers, outputValues, scalingConstants, walkLayers } from '../walk.js';

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

/** Raw inputs → what the first layer saw in training: (x − offset) / divisor. */
function scaling(g: GraphBuilder, x: string, shape: (number | null)[], p: Preprocessing): string {
  const c = scalingConstants(shape, p, (reason) => {
    throw new OnnxExportError('input', 'preprocessing', reason);
  });
  if (!c) return x;
  const centred = c.offset.every((v) => v === 0) ? x : g.op('Sub', [x, g.float('preprocess/offset', c.shape, c.offset)], 'preprocess/centred');
  return g.op('Div', [centred, g.float('preprocess/divisor', c.shape, c.divisor)], 'preprocess/scaled');
}

export function toOnnx(model: tfl.LayersModel, opts: OnnxExportOptions = {}): Uint8Array {
  const g = new GraphBuilder();
  const nodeOf = (layer: tfl.layers.Layer) => opts.nodeIdOf?.get(layer.name) ?? layer.name;
  /** "<layer name>:<tensor index>" → ONNX value name. */
  const values = new Map<string, string>();

  for (const { node, key, shape } of inputLayers(model, nodeOf)) {
    const raw = g.input(node, shape);
    values.set(key, opts.preprocessing ? scaling(g, raw, shape, opts.preprocessing) : raw);
  }

  const fail = (node: string, kind: string, reason: string): never => {
    throw new OnnxExportError(node, kind, reason);
  };
  for (const w of walkLayers(model, nodeOf, fail)) {
    const { node, kind } = w;
    const inputs = w.inputs.map((k, i) => values.get(k) ?? fail(node, kind, `its input from '${w.inputNodes[i]}' was not converted first`));
    const convert = CONVERTERS[kind] ?? fail(node, kind, `ONNX export has no converter for ${kind}`);
    const ctx: ConvertContext = { g, layer: w.layer, node, config: w.config, inputShapes: w.inputShapes, weight: w.weight, fail: (reason) => fail(node, kind, reason) };
    values.set(`${w.layer.name}:0`, convert(ctx, inputs));
  }

  for (const o of outputValues(model, nodeOf)) {
    const v = values.get(o.key) ?? fail(o.node, o.kind, 'its output was not converted');
    const out = g.fresh(`${o.node}/output`);
    g.op('Identity', [v], `${o.node}/output`, {}, out);
    g.output(out, o.shape);
  }

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

