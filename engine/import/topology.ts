// A Keras model config as a LayerLab graph. One reader for the three spellings in use:
//   TensorFlow.js model.json  {modelTopology: {class_name, config} | {model_config: {…}}}
//   tf.keras 2 to_json()      {class_name, config, keras_version}; inputs `batch_input_shape`,
//                             inbound_nodes [[["src", 0, 0, {}], …]]
//   Keras 3 to_json(), .keras {module, class_name, config, registered_name}; inputs
//                             `batch_shape`, inbound_nodes [{args: [tensor | [tensors]], kwargs}]
//                             with tensors {class_name: "__keras_tensor__", config: {keras_history}}
// Sequential and functional models both; a layer becomes a node whose id is its Keras name (so
// LayerLab's layer names, and the weights, stay those of the file). Every layer the catalog
// lacks is reported at once, naming the layer and its class.
import { paramsFromKeras, plainKeras } from '../layers/keras-config.js';
import { kindForKerasClass } from '../layers/registry.js';
import type { GraphEdge, GraphNode } from '../project/types.js';

export class ImportError extends Error {
  constructor(
    message: string,
    /** Each problem in words, naming the layer. */
    readonly problems: string[] = [message],
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

export interface ImportedLayer {
  /** The node id: the Keras layer name. */
  id: string;
  className: string;
}

export interface ImportedGraph {
  name: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** The model's layers in the file's order (the order Keras 3 numbers its weight groups in). */
  layers: ImportedLayer[];
  /** The last layer's activation, for guessing the loss. */
  outputActivation: string | null;
  warnings: string[];
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

const MODEL_CLASSES = new Set(['Sequential', 'Functional', 'Model']);

/** The {class_name, config} of the model inside any of the wrappers above. */
export function modelConfigOf(doc: unknown): { className: string; config: Json } {
  let m: unknown = doc;
  if (isObj(m) && isObj(m.modelTopology)) m = m.modelTopology;
  if (isObj(m) && isObj(m.model_config)) m = m.model_config;
  if (!isObj(m) || typeof m.class_name !== 'string' || !isObj(m.config))
    throw new ImportError('not a Keras or TensorFlow.js model: expected {"class_name": "Sequential" | "Functional" | "Model", "config": {…}}');
  if (!MODEL_CLASSES.has(m.class_name)) throw new ImportError(`the file's top-level object is a ${m.class_name}, not a Sequential or functional model`);
  return { className: m.class_name, config: m.config };
}

/** Keras 3 flattens nested tensors in args; Keras 2 lists [name, node, tensor, kwargs]. */
function sourcesOf(node: unknown, layer: string): { name: string; node: number; tensor: number }[] {
  const out: { name: string; node: number; tensor: number }[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      if (typeof v[0] === 'string' && typeof v[1] === 'number') {
        out.push({ name: v[0], node: v[1], tensor: typeof v[2] === 'number' ? v[2] : 0 });
        return;
      }
      v.forEach(visit);
    } else if (isObj(v)) {
      if (v.class_name === '__keras_tensor__' && isObj(v.config) && Array.isArray(v.config.keras_history)) {
        const [name, n, t] = v.config.keras_history as [string, number, number];
        out.push({ name, node: n ?? 0, tensor: t ?? 0 });
      } else if (v.keras_history && Array.isArray(v.keras_history)) {
        const [name, n, t] = v.keras_history as [string, number, number];
        out.push({ name, node: n ?? 0, tensor: t ?? 0 });
      }
    }
  };
  // Keras 3: only the positional args carry the layer's inputs (kwargs hold masks, training).
  if (isObj(node) && 'args' in node) visit(node.args);
  else visit(node);
  if (!out.length) throw new ImportError(`layer '${layer}': could not read its inputs from inbound_nodes`);
  return out;
}

function inputShapeOf(config: Json): (number | null)[] | null {
  const s = plainKeras(config.batch_shape ?? config.batch_input_shape ?? config.batchInputShape) as unknown;
  if (Array.isArray(s) && s.length >= 2) return s.slice(1) as (number | null)[];
  const bare = plainKeras(config.input_shape) as unknown;
  if (Array.isArray(bare) && bare.length >= 1) return bare as (number | null)[];
  return null;
}

interface RawLayer {
  name: string;
  className: string;
  config: Json;
  inbound: unknown[];
}

function rawLayers(config: Json): RawLayer[] {
  if (!Array.isArray(config.layers)) throw new ImportError('the model config has no "layers" list');
  return config.layers.map((l, i) => {
    if (!isObj(l) || typeof l.class_name !== 'string') throw new ImportError(`layers[${i}] is not a {"class_name", "config"} object`);
    const cfg = isObj(l.config) ? l.config : {};
    const name = typeof l.name === 'string' ? l.name : typeof cfg.name === 'string' ? cfg.name : `layer_${i + 1}`;
    return { name, className: l.class_name, config: cfg, inbound: Array.isArray(l.inbound_nodes) ? l.inbound_nodes : [] };
  });
}

/** The model's graph, or an ImportError listing every layer that cannot come in. */
export function graphFromKeras(doc: unknown): ImportedGraph {
  const { className, config } = modelConfigOf(doc);
  const layers = rawLayers(config);
  const problems: string[] = [];
  const warnings: string[] = [];
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const ids = new Set<string>();
  const order: ImportedLayer[] = [];
  const sequential = className === 'Sequential';

  const addNode = (raw: RawLayer): boolean => {
    if (ids.has(raw.name)) {
      problems.push(`two layers are named '${raw.name}'`);
      return false;
    }
    ids.add(raw.name);
    order.push({ id: raw.name, className: raw.className });
    if (MODEL_CLASSES.has(raw.className)) {
      problems.push(`layer '${raw.name}' (${raw.className}) is a model inside the model; LayerLab imports flat models only`);
      return false;
    }
    const kind = kindForKerasClass(raw.className);
    if (!kind) {
      problems.push(`layer '${raw.name}' (${raw.className}): LayerLab has no ${raw.className} layer`);
      return false;
    }
    if (kind.kind === 'Input') {
      const shape = inputShapeOf(raw.config);
      if (!shape) {
        problems.push(`layer '${raw.name}' (InputLayer) gives no input shape`);
        return false;
      }
      nodes.push({ id: raw.name, kind: kind.kind, params: { shape }, position: { x: 0, y: 0 } });
      return true;
    }
    const r = paramsFromKeras(kind, raw.config);
    for (const e of r.errors) problems.push(`layer '${raw.name}' (${raw.className}): ${e}`);
    for (const w of r.warnings) warnings.push(`layer '${raw.name}' (${raw.className}): ${w}`);
    const node: GraphNode = { id: raw.name, kind: kind.kind, params: r.params, position: { x: 0, y: 0 } };
    if (raw.config.trainable === false) node.trainable = false;
    nodes.push(node);
    return true;
  };

  if (sequential) {
    let prev: string | null = null;
    for (const [i, raw] of layers.entries()) {
      // tf.keras 2 and TensorFlow.js put the input shape on the first layer.
      if (i === 0 && raw.className !== 'InputLayer') {
        const shape = inputShapeOf(raw.config);
        if (!shape) problems.push(`the first layer '${raw.name}' (${raw.className}) gives no input shape (batch_input_shape)`);
        else {
          const id = ids.has('input') ? `input_${layers.length}` : 'input';
          ids.add(id);
          nodes.push({ id, kind: 'Input', params: { shape }, position: { x: 0, y: 0 } });
          prev = id;
        }
      }
      if (!addNode(raw)) {
        prev = raw.name;
        continue;
      }
      if (prev) edges.push({ id: `e${edges.length + 1}`, source: prev, target: raw.name, targetPort: 0 });
      prev = raw.name;
    }
  } else {
    for (const raw of layers) {
      addNode(raw);
      if (raw.inbound.length > 1) {
        problems.push(`layer '${raw.name}' (${raw.className}) is shared: called ${raw.inbound.length} times; a LayerLab layer is used once`);
        continue;
      }
      if (raw.inbound.length === 0) continue;
      try {
        sourcesOf(raw.inbound[0], raw.name).forEach((s, port) => {
          if (s.tensor !== 0 || s.node !== 0) problems.push(`layer '${raw.name}' reads output ${s.tensor} of call ${s.node} of '${s.name}'; LayerLab layers have one output and are called once`);
          edges.push({ id: `e${edges.length + 1}`, source: s.name, target: raw.name, targetPort: port });
        });
      } catch (e) {
        problems.push((e as Error).message);
      }
    }
    for (const e of edges) if (!ids.has(e.source)) problems.push(`layer '${e.target}' reads from '${e.source}', which is not a layer of the model`);
  }

  if (problems.length) {
    const head = problems.length === 1 ? problems[0]! : `${problems.length} problems: ${problems.join('; ')}`;
    throw new ImportError(`cannot import the model: ${head}`, problems);
  }
  const last = layers[layers.length - 1];
  const act = last && typeof plainKeras(last.config.activation) === 'string' ? String(last.config.activation) : null;
  return { name: typeof config.name === 'string' ? config.name : 'imported model', nodes, edges, layers: order, outputActivation: act, warnings };
}
