// The decision boundary and the hidden units' maps over the input plane, from one forward
// pass of a res×res grid through a model that also returns every hidden Dense layer's output
// (Playground's neuron thumbnails, on any graph the user drew).
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Dataset } from '../data/types.js';
import type { Project } from '../project/types.js';
import { gridPoints, modelInputs, planeBounds, rawColumns, type Bounds } from './plane.js';

/** One node's values over the grid: `units` maps of res×res, unit-major, row 0 at the top. */
export interface UnitMaps {
  nodeId: string;
  units: number;
  /** The values' range over all its units (for the colour scale). */
  lo: number;
  hi: number;
  values: Float32Array;
}

export interface PlanePoints {
  /** Raw (x1, x2) pairs. */
  xy: Float32Array;
  /** The class index (classification) or the target (regression) of each point. */
  label: Float32Array;
}

export interface PlaneSnapshot {
  kind: 'plane';
  res: number;
  bounds: Bounds;
  /** The two raw features' names. */
  axes: [string, string];
  task: 'classification' | 'regression';
  /** Class names (classification). */
  classes: string[];
  /** The output node's values: 1 map for a sigmoid or regression output, one per class for softmax. */
  output: UnitMaps;
  /** Each hidden Dense node's units, in graph order. */
  hidden: UnitMaps[];
  train: PlanePoints;
  test: PlanePoints;
}

/** The model of one Input whose output has one value per class (or one sigmoid/regression value). */
export interface PlaneProbe {
  snapshot(): PlaneSnapshot;
  /** The same, read back without blocking (a backend such as webgpu in Node has no sync read). */
  snapshotAsync(): Promise<PlaneSnapshot>;
  dispose(): void;
}

const MAX_POINTS = 600;

function pointsOf(ds: Dataset, which: 'train' | 'test', max: number): PlanePoints {
  const s = ds[which];
  const xy = rawColumns(ds, s, 2);
  const step = Math.max(1, Math.ceil(s.count / max));
  const n = Math.ceil(s.count / step);
  const outXy = new Float32Array(n * 2);
  const label = new Float32Array(n);
  const ySize = ds.task === 'classification' ? 1 : Math.max(1, s.y.length / Math.max(s.count, 1));
  for (let i = 0, j = 0; i < s.count; i += step, j++) {
    outXy[2 * j] = xy[2 * i]!;
    outXy[2 * j + 1] = xy[2 * i + 1]!;
    label[j] = s.y[i * ySize]!;
  }
  return { xy: outXy, label };
}

function rangeOf(v: Float32Array): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const x of v) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 1];
}

/** Column-major [cells, units] → unit-major maps. */
function unitMajor(data: Float32Array, cells: number, units: number): Float32Array {
  const out = new Float32Array(cells * units);
  for (let c = 0; c < cells; c++) for (let u = 0; u < units; u++) out[u * cells + c] = data[c * units + u]!;
  return out;
}

/** The Dense nodes of the graph, output last, with their layers in the model. */
function denseLayers(model: tfl.LayersModel, project: Project, nodeIdOf: Map<string, string>): { nodeId: string; layer: tfl.layers.Layer }[] {
  const kindOf = new Map(project.graph.nodes.map((n) => [n.id, n.kind]));
  const out: { nodeId: string; layer: tfl.layers.Layer }[] = [];
  for (const layer of model.layers) {
    const nodeId = nodeIdOf.get(layer.name) ?? layer.name;
    if (kindOf.get(nodeId) === 'Dense') out.push({ nodeId, layer });
  }
  return out;
}

/** A probe for a model over a plane dataset; null when the model is not of that kind (one
 *  input of the dataset's width, one output of one value per example or per class). */
export function planeProbe(model: tfl.LayersModel, ds: Dataset, project: Project, nodeIdOf: Map<string, string>, res = 48): PlaneProbe | null {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return null;
  const outShape = model.outputs[0]!.shape;
  if (outShape.length !== 2) return null;
  const outUnits = outShape[1] ?? 0;
  if (ds.task === 'classification' && outUnits !== 1 && outUnits !== (ds.classNames?.length ?? 0)) return null;
  if (ds.task === 'sequence') return null;
  const outputLayer = model.outputLayers[0]!;
  const outputId = nodeIdOf.get(outputLayer.name) ?? outputLayer.name;
  const hiddenLayers = denseLayers(model, project, nodeIdOf).filter((d) => d.layer !== outputLayer && (d.layer.output as tfl.SymbolicTensor).shape.length === 2);
  const probe = tfl.model({ inputs: model.inputs, outputs: [...hiddenLayers.map((d) => d.layer.output as tfl.SymbolicTensor), model.outputs[0]!] });
  const bounds = planeBounds(ds);
  const cells = res * res;
  const inputs = tf.tensor2d(modelInputs(ds, gridPoints(bounds, res), 2), [cells, model.inputs[0]!.shape[1] as number]);
  const names = ds.featureNames?.length && ds.featureNames.length >= 2 ? ds.featureNames : ['x1', 'x2'];
  const train = pointsOf(ds, 'train', MAX_POINTS);
  const test = pointsOf(ds, 'test', MAX_POINTS / 2);
  return {
    snapshot() {
      const outs = tf.tidy(() => {
        const r = probe.predict(inputs);
        return (Array.isArray(r) ? r : [r]).map((t) => t.dataSync() as Float32Array);
      });
      return build(outs);
    },
    async snapshotAsync() {
      const ts = tf.tidy(() => {
        const r = probe.predict(inputs);
        return Array.isArray(r) ? r : [r];
      });
      try {
        return build((await Promise.all(ts.map((t) => t.data()))) as Float32Array[]);
      } finally {
        tf.dispose(ts);
      }
    },
    dispose() {
      inputs.dispose();
    },
  };
  function build(outs: Float32Array[]): PlaneSnapshot {
      const maps = (i: number, nodeId: string, units: number): UnitMaps => {
        const values = unitMajor(outs[i]!, cells, units);
        const [lo, hi] = rangeOf(values);
        return { nodeId, units, lo, hi, values };
      };
      return {
        kind: 'plane',
        res,
        bounds,
        axes: [names[0]!, names[1]!],
        task: ds.task === 'classification' ? 'classification' : 'regression',
        classes: ds.classNames ?? [],
        hidden: hiddenLayers.map((d, i) => maps(i, d.nodeId, (d.layer.output as tfl.SymbolicTensor).shape[1] as number)),
        output: maps(hiddenLayers.length, outputId, outUnits),
        train,
        test,
      };
  }
}

export { classesOf } from './classes.js';
