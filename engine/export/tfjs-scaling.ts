// The run's input scaling as the first layers of an exported TensorFlow.js model, built from
// stock layers that tf.loadLayersModel and Keras both know, so the exported model takes the
// raw [n, ...Input shape] examples the app and `layerlab predict` take:
// - one statistic for all values (÷255 of pixels): Rescaling(scale 1/d, offset −o/d);
// - per-feature statistics: BatchNormalization in inference form (moving mean o, moving
//   variance 1 − ε so √(var + ε) = 1, γ = 1/d, β = 0), frozen; on the last axis when the
//   statistics are one per channel, else over the flattened example between two Reshapes.
// The layers are named layerlab_scaling*, so an import of the file recognises and strips them.
import * as tfl from '@tensorflow/tfjs-layers';
import * as tf from '@tensorflow/tfjs-core';
import type { Preprocessing } from '../data/types.js';

export const SCALING_PREFIX = 'layerlab_scaling';
const EPSILON = 1e-3;

type Sym = tfl.SymbolicTensor;

function scalingLayers(x: Sym, shape: number[], p: Preprocessing): Sym {
  const w = p.offset.length;
  if (w === 0 || w !== p.divisor.length) throw new Error(`the run's scaling has ${p.offset.length} offsets and ${p.divisor.length} divisors`);
  if (w === 1) {
    const [o, d] = [p.offset[0]!, p.divisor[0]!];
    return tfl.layers.rescaling({ scale: 1 / d, offset: -o / d, name: SCALING_PREFIX, trainable: false }).apply(x) as Sym;
  }
  const size = shape.reduce((a, b) => a * b, 1);
  if (size % w !== 0) throw new Error(`${w} per-feature statistics do not tile the input shape [${shape.join(', ')}]`);
  // applyScaling's statistic for flat index i is i % w: one per channel when w is the last dim.
  const perChannel = shape[shape.length - 1] === w;
  const n = perChannel ? w : size;
  const tile = (v: number[]) => Array.from({ length: n }, (_, i) => v[i % w]!);
  const bn = tfl.layers.batchNormalization({ axis: -1, epsilon: EPSILON, name: SCALING_PREFIX, trainable: false });
  const flat = perChannel || shape.length === 1 ? x : (tfl.layers.reshape({ targetShape: [size], name: `${SCALING_PREFIX}_flat` }).apply(x) as Sym);
  const scaled = bn.apply(flat) as Sym;
  // BatchNormalization's weights: gamma, beta, moving mean, moving variance.
  bn.setWeights([tf.tensor1d(tile(p.divisor).map((d) => 1 / d)), tf.zeros([n]), tf.tensor1d(tile(p.offset)), tf.fill([n], 1 - EPSILON)]);
  return flat === x ? scaled : (tfl.layers.reshape({ targetShape: shape, name: `${SCALING_PREFIX}_shape` }).apply(scaled) as Sym);
}

/** A model that computes `model` of the scaled inputs, sharing its layers and weights
 *  (dispose only the wrapper's own scaling layers by disposing the original last). Models of
 *  several inputs, and runs without scaling, come back as they are. */
export function withInputScaling(model: tfl.LayersModel, p: Preprocessing | undefined): tfl.LayersModel {
  if (!p || p.method === 'none' || model.inputs.length !== 1) return model;
  const inputLayer = model.inputLayers[0]!;
  const shape = model.inputs[0]!.shape.slice(1) as number[];
  const raw = tfl.input({ shape, name: inputLayer.name, dtype: model.inputs[0]!.dtype });
  const values = new Map<string, Sym[]>([[inputLayer.name, [scalingLayers(raw, shape, p)]]]);
  for (const layer of model.layers) {
    if (layer === inputLayer) continue;
    const inbound = (layer as unknown as { inboundNodes: { inboundLayers: tfl.layers.Layer[]; tensorIndices: number[] }[] }).inboundNodes[0]!;
    const ins = inbound.inboundLayers.map((l, i) => {
      const v = values.get(l.name)?.[inbound.tensorIndices[i] ?? 0];
      if (!v) throw new Error(`layer '${layer.name}' comes before its input '${l.name}'`);
      return v;
    });
    const out = layer.apply(ins.length === 1 ? ins[0]! : ins) as Sym | Sym[];
    values.set(layer.name, Array.isArray(out) ? out : [out]);
  }
  const outputs = model.outputLayers.map((l, i) => values.get(l.name)![model.outputLayersTensorIndices[i] ?? 0]!);
  return tfl.model({ inputs: raw, outputs: outputs.length === 1 ? outputs[0]! : outputs, name: model.name });
}
