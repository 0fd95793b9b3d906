// Compiles a project's graph into a TensorFlow.js LayersModel through the functional API:
// tf.input() per Input node, then each layer built from its kind and applied to its inputs
// in topological order (merge inputs in targetPort order). Layer names come from node ids.
// The checker proves the graph and returns the build plan (order, resolved parameters,
// inputs by port); the compiler builds that plan and validates nothing again.
import * as tf from '@tensorflow/tfjs-core';
import type * as tflNs from '@tensorflow/tfjs-layers';
import { installTensorMethods } from '../backend/chained.js';
import { check } from '../check/check.js';
import type { BuildPlan, CheckReport } from '../check/types.js';
import { getKind, isInputKind } from '../layers/registry.js';
import type { Project } from '../project/types.js';
import { layerNames } from './names.js';
import { CompileError } from './errors.js';

export { CompileError } from './errors.js';

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

/** Checks the project and builds the model, or throws CompileError naming the node at fault
 *  with the checker's message. */
export function compile(project: Project, opts: CompileOptions): Compiled {
  const seed = opts.seed ?? project.training?.seed;
  return compileChecked(check(project), { tfl: opts.tfl, ...(seed === undefined ? {} : { seed }) });
}

/** Builds the model from a report check() has made (no second check): its first error
 *  refuses the build, else its plan is built as it stands. */
export function compileChecked(report: CheckReport, opts: CompileOptions): Compiled {
  const first = report.errors[0];
  if (first) throw new CompileError(first.message, first.nodeId);
  if (!report.plan) throw new CompileError('the checker gave no build plan for this graph');
  return build(report.plan, opts);
}

function build(plan: BuildPlan, opts: CompileOptions): Compiled {
  const { tfl, seed } = opts;
  // tfjs-layers calls tensor methods (t.flatten()) that tfjs-core's Node bundle lacks; install
  // them here too, so building a model never depends on useBackend() having run first.
  installTensorMethods();
  const names = layerNames(plan.steps.map((s) => s.id));
  const tensors = new Map<string, SymbolicTensor>();

  plan.steps.forEach(({ id, kind: kindName, params, inputs, frozen }, index) => {
    const name = names.layerNameOf.get(id)!;
    const kind = getKind(kindName);
    try {
      if (!kind) throw new Error(`unknown kind '${kindName}'`);
      if (isInputKind(kind)) {
        tensors.set(id, tfl.input({ shape: params.shape as (number | null)[], name }));
        return;
      }
      const layer = kind.build(params, { tfl, tf, name, ...(seed === undefined ? {} : { seed: seed + 16 * index }) });
      // Frozen: its weights leave model.trainableWeights, so the optimizer never touches them.
      if (frozen) layer.trainable = false;
      const args = inputs.map((source) => tensors.get(source)!);
      const out = layer.apply(kind.arity.max > 1 ? args : args[0]!);
      if (Array.isArray(out)) throw new Error(`produced ${out.length} outputs; LayerLab layers have one`);
      tensors.set(id, out as SymbolicTensor);
    } catch (e) {
      const shapes = inputs.map((source) => JSON.stringify(tensors.get(source)?.shape)).join(' and ');
      throw new CompileError(`${kindName} '${id}'${shapes ? ` (input ${shapes})` : ''}: ${(e as Error).message}`, id);
    }
  });

  if (plan.outputs.length === 0) throw new CompileError('the graph has no output: every layer feeds another one');
  const model = tfl.model({
    inputs: plan.inputs.map((id) => tensors.get(id)!),
    outputs: plan.outputs.map((id) => tensors.get(id)!),
    name: 'layerlab',
  });
  return { model, layerNameOf: names.layerNameOf, nodeIdOf: names.nodeIdOf, inputIds: [...plan.inputs], outputIds: [...plan.outputs] };
}
