// Weights read from an imported file, put into the model LayerLab compiles from the imported
// graph. Both sides list a layer's weights in Keras's order (kernel, recurrent kernel, bias;
// BatchNormalization's gamma, beta, moving mean, moving variance), so they are matched per
// layer in order and checked by shape: a mismatch is an error naming the layer, never a model
// that predicts something else.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Compiled } from '../compile/compile.js';
import { ImportError, type ImportedLayer } from './topology.js';

export interface WeightArray {
  shape: number[];
  data: Float32Array;
}

/** node id → its weight arrays in Keras order. */
export type LayerWeights = Map<string, WeightArray[]>;

/** The weights of a TensorFlow.js manifest, grouped by layer: a weight named
 *  `[model/]layer[/cell]/kernel` belongs to the deepest path segment that names a layer. */
export function tfjsWeightsByLayer(specs: tf.io.WeightsManifestEntry[], data: ArrayBuffer, layerIds: Set<string>, dropped: ReadonlySet<string> = new Set()): LayerWeights {
  const tensors = tf.io.decodeWeights(data, specs);
  const out: LayerWeights = new Map();
  try {
    for (const spec of specs) {
      const segs = spec.name.split('/');
      if (segs.slice(0, -1).some((s) => dropped.has(s))) continue;
      const layer = segs.slice(0, -1).reverse().find((s) => layerIds.has(s));
      if (!layer) throw new ImportError(`weight '${spec.name}' belongs to no layer of the model`);
      const t = tensors[spec.name]!;
      const list = out.get(layer) ?? [];
      list.push({ shape: [...t.shape], data: t.dataSync() as Float32Array });
      out.set(layer, list);
    }
  } finally {
    tf.dispose(Object.values(tensors));
  }
  return out;
}

/** snake_case of a class name the way Keras 3 names its weight groups (naming.to_snake_case). */
export function kerasSnake(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** Keras 3's `.weights.h5` layout: the model's layers in order, each under
 *  `layers/<snake class name>[_<n>]` (n counting earlier layers of the same class), its own
 *  variables in `vars/0, 1, …`; a recurrent layer keeps them in its `cell/vars`. */
export function kerasWeightPaths(layers: ImportedLayer[]): Map<string, string> {
  const used = new Map<string, number>();
  const out = new Map<string, string>();
  for (const l of layers) {
    const base = kerasSnake(l.className);
    const n = used.has(base) ? used.get(base)! + 1 : 0;
    used.set(base, n);
    out.set(l.id, `layers/${n === 0 ? base : `${base}_${n}`}`);
  }
  return out;
}

interface H5Group {
  keys(): string[];
}
interface H5Dataset {
  shape: number[] | null;
  dtype: string | unknown;
  value: unknown;
}
interface H5File {
  get(path: string): unknown;
  close(): void;
}

/** Reads a Keras 3 `model.weights.h5` (bytes) with h5wasm. */
export async function kerasH5Weights(bytes: Uint8Array, layers: ImportedLayer[]): Promise<LayerWeights> {
  const { default: h5wasm } = await import('h5wasm/node');
  await h5wasm.ready;
  // h5wasm opens files by path (Node's file system underneath): the bytes go to a temp file.
  const tmp = join(tmpdir(), `layerlab-import-${process.pid}-${randomBytes(4).toString('hex')}.h5`);
  await fsp.writeFile(tmp, bytes);
  let file: H5File | null = null;
  try {
    file = new h5wasm.File(tmp, 'r') as unknown as H5File;
    const out: LayerWeights = new Map();
    for (const [id, path] of kerasWeightPaths(layers)) {
      const arrays: WeightArray[] = [];
      for (const vars of [`${path}/vars`, `${path}/cell/vars`]) {
        const group = file.get(vars) as H5Group | null;
        if (!group || typeof group.keys !== 'function') continue;
        const names = group.keys().filter((k) => /^\d+$/.test(k)).sort((a, b) => Number(a) - Number(b));
        for (const k of names) {
          const ds = file.get(`${vars}/${k}`) as H5Dataset | null;
          if (!ds || !ds.shape) throw new ImportError(`model.weights.h5: ${vars}/${k} is not a dataset`);
          const v = ds.value;
          const data = v instanceof Float32Array ? v : Float32Array.from(v as ArrayLike<number>);
          arrays.push({ shape: [...ds.shape], data });
        }
      }
      if (arrays.length) out.set(id, arrays);
    }
    return out;
  } finally {
    file?.close();
    await fsp.rm(tmp, { force: true });
  }
}

const shapeText = (s: readonly (number | null)[]) => `[${s.join(', ')}]`;

/** Puts the weights into the compiled model, layer by layer; every layer that has weights must
 *  get all of them, with the shapes LayerLab's layer has. Returns how many values were set. */
export function setImportedWeights(compiled: Compiled, weights: LayerWeights, classOf: Map<string, string>): number {
  const problems: string[] = [];
  const pending: { layer: tfl.layers.Layer; arrays: WeightArray[] }[] = [];
  for (const [id, name] of compiled.layerNameOf) {
    let layer: tfl.layers.Layer;
    try {
      layer = compiled.model.getLayer(name);
    } catch {
      continue; // Input nodes
    }
    const want = layer.weights.map((w) => w.shape);
    const got = weights.get(id) ?? [];
    const label = `layer '${id}' (${classOf.get(id) ?? layer.getClassName()})`;
    if (want.length === 0 && got.length === 0) continue;
    if (got.length !== want.length || got.some((g, i) => shapeText(g.shape) !== shapeText(want[i]!))) {
      problems.push(
        `${label}: the file holds ${got.length} weight array(s) ${got.map((g) => shapeText(g.shape)).join(' ') || '(none)'}, LayerLab's layer needs ${want.length}: ${want.map(shapeText).join(' ')}`,
      );
      continue;
    }
    pending.push({ layer, arrays: got });
  }
  for (const id of weights.keys())
    if (!compiled.layerNameOf.has(id)) problems.push(`the file has weights for '${id}', which is no layer of the model`);
  if (problems.length) throw new ImportError(`cannot import the weights: ${problems.join('; ')}`, problems);
  let count = 0;
  for (const { layer, arrays } of pending) {
    const ts = arrays.map((a) => tf.tensor(a.data, a.shape, 'float32'));
    layer.setWeights(ts);
    tf.dispose(ts);
    count += arrays.reduce((n, a) => n + a.data.length, 0);
  }
  return count;
}
