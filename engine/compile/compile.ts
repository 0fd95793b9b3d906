// Compiles a project's graph into a TensorFlow.js LayersModel through the functional API:
// tf.input() per Input node, then each layer built from its kind and applied to its inputs
// in topological order (merge inputs in targetPort order). Layer names come from node ids.
import * as tf from '@tensorflow/tfjs-core';
import type * as tflNs from '@tensorflow/tfjs-layers';
import { installTensorMethods } from '../backend/chained.js';
import { check } from '../check/check.js';
import type { Project } from '../project/types.js';
import { layerNames } from './names.js';
import { CompileError, validateGraph } from './validate.js';
import { isInputKind } from '../layers/registry.js';

export { CompileError } from './validate.js';

type Tfl = typeof tflNs;
type SymbolicTensor = tflNs.SymbolicTensor;

export interface CompileOptions {
  tfl: Tfl;
  /** Seeds every layer's initializers (layer i gets seed + 16·i); defaults to training.seed. */
  seed?: number;
}

export interface Compiled {
  model: tflNs.LayersModel;
  /** node id → TensorFlow.js layer name (reverse: nodeIdOf). */
  layerNameOf: Map<string, string>;
  nodeIdOf: Map<string, string>;
  /** Input node ids in the order of model.inputs. */
  inputIds: string[];
  /** Output node ids in the order of model.outputs. */
  outputIds: string[];
}

/** Builds the model or throws CompileError naming the node at fault. */
export function compile(project: Project, opts: CompileOptions): Compiled {
  const { tfl } = opts;
  // tfjs-layers calls tensor methods (t.flatten()) that tfjs-core's Node bundle lacks; install
  // them here too, so building a model never depends on useBackend() having run first.
  installTensorMethods();
  const seed = opts.seed ?? project.training?.seed;
  // The checker names every mistake with a fix; the first error refuses the build.
  const report = check(project);
  const first = report.errors[0];
  if (first) throw new CompileError(first.message, first.nodeId);
  const graph = validateGraph(project);
  const names = layerNames(graph.order.map((v) => v.node.id));
  const tensors = new Map<string, SymbolicTensor>();

  graph.order.forEach(({ node, kind, params, inputs }, index) => {
    const name = names.layerNameOf.get(node.id)!;
    try {
      if (isInputKind(kind)) {
        tensors.set(node.id, tfl.input({ shape: params.shape as (number | null)[], name }));
        return;
      }
      const layer = kind.build(params, { tfl, tf, name, ...(seed === undefined ? {} : { seed: seed + 16 * index }) });
      const args = inputs.map((e) => tensors.get(e.source)!);
      const out = layer.apply(kind.arity.max > 1 ? args : args[0]!);
      if (Array.isArray(out)) throw new Error(`produced ${out.length} outputs; LayerLab layers have one`);
      tensors.set(node.id, out as SymbolicTensor);
    } catch (e) {
      if (e instanceof CompileError) throw e;
      const shapes = inputs.map((e) => JSON.stringify(tensors.get(e.source)?.shape)).join(' and ');
      throw new CompileError(`${node.kind} '${node.id}'${shapes ? ` (input ${shapes})` : ''}: ${(e as Error).message}`, node.id);
    }
  });

  if (graph.outputIds.length === 0) throw new CompileError('the graph has no output: every layer feeds another one');
  const model = tfl.model({
    inputs: graph.inputIds.map((id) => tensors.get(id)!),
    outputs: graph.outputIds.map((id) => tensors.get(id)!),
    name: 'layerlab',
  });
  return { model, layerNameOf: names.layerNameOf, nodeIdOf: names.nodeIdOf, inputIds: graph.inputIds, outputIds: graph.outputIds };
}
