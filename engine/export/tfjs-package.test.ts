// The TensorFlow.js export takes raw inputs: the run's scaling is inside the written model,
// checked by loading the folder back and comparing with the app's model on scaled inputs.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyScaling } from '../data/index.js';
import { loadDataset } from '../data/load.js';
import { compareOutputs, parityInputs } from './parity.js';
import { readTfjsArtifacts, loadTfjsModel } from './tfjs.js';
import { exportTfjsPackage } from './tfjs-package.js';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'layerlab-tfjs-pkg-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function classifier(shape: number[], classes: number): tfl.LayersModel {
  const init = tfl.initializers.glorotUniform({ seed: 3 });
  const x = tfl.input({ shape, name: 'input' });
  const f = shape.length > 1 ? (tfl.layers.flatten({ name: 'flat' }).apply(x) as tfl.SymbolicTensor) : x;
  const h = tfl.layers.dense({ units: 5, activation: 'tanh', kernelInitializer: init, name: 'hidden' }).apply(f) as tfl.SymbolicTensor;
  const y = tfl.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: init, name: 'out' }).apply(h) as tfl.SymbolicTensor;
  return tfl.model({ inputs: x, outputs: y });
}

// Each case takes a different path through the scaling layers: one statistic for all
// (Rescaling), one per channel (BatchNormalization on the last axis), one per value of a
// multi-axis example (Reshape, BatchNormalization, Reshape).
const CASES = [
  { name: 'pixels: one divisor for all values', preprocess: 'pixels', features: 3, shape: [3] },
  { name: 'standardize: one statistic per feature', preprocess: 'standardize', features: 3, shape: [3] },
  { name: 'meanNorm: statistics per value of a [2, 2] example', preprocess: 'meanNorm', features: 4, shape: [2, 2] },
] as const;

describe('TensorFlow.js export with the scaling inside', () => {
  it.each(CASES)('$name: the exported model takes raw inputs and predicts what the app predicts', async ({ preprocess, features, shape }) => {
    const ds = await loadDataset({ id: 'blobs', options: { features, classes: 3, size: 200, preprocess, inputShape: [...shape] } });
    expect(ds.preprocessing?.method).toBe(preprocess);
    const model = classifier([...shape], 3);
    const out = join(dir, preprocess);
    const r = await exportTfjsPackage({ model, dir: out, dataset: ds });
    expect(r.parity.checked).toBe(true);
    expect(r.parity.line).toMatch(/^predictions match: max \|Δ\| = \S+ over 40 samples, same class on 40\/40$/);
    const meta = (await readTfjsArtifacts(out)).userDefinedMetadata as { layerlab: Record<string, unknown> };
    expect(meta.layerlab).toMatchObject({ inputShape: [...shape], scalingInside: true, classNames: ds.classNames, dataset: 'blobs' });

    // By hand, independently of the parity code: raw test rows into the file, scaled rows
    // into the app's model.
    const back = await loadTfjsModel(out);
    const n = 8;
    const width = shape.reduce((a, b) => a * b, 1);
    const raw = new Float32Array(n * width).map((_, i) => 3 * Math.sin(i) + (i % width));
    const scaled = applyScaling(raw, ds.preprocessing!);
    const got = (back.predict(tf.tensor(raw, [n, ...shape])) as tf.Tensor).dataSync();
    const want = (model.predict(tf.tensor(scaled, [n, ...shape])) as tf.Tensor).dataSync();
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(1e-5);
    // Without the scaling the raw rows would give other probabilities: the layers do work.
    const unscaled = (model.predict(tf.tensor(raw, [n, ...shape])) as tf.Tensor).dataSync();
    expect(Math.max(...Array.from(want, (v, i) => Math.abs(v - unscaled[i]!)))).toBeGreaterThan(1e-3);

    // The app's model is left as it was: one use of each layer, so ONNX can still export it.
    for (const l of model.layers) expect((l as unknown as { inboundNodes: unknown[] }).inboundNodes).toHaveLength(1);
    back.dispose();
    model.dispose();
  });

  it('a model trained without scaling is exported as it is', async () => {
    const ds = await loadDataset({ id: 'blobs', options: { features: 2, size: 100 } });
    expect(ds.preprocessing === undefined || ds.preprocessing.method === 'none').toBe(true);
    const model = classifier([2], 3);
    const r = await exportTfjsPackage({ model, dir: join(dir, 'none'), dataset: ds });
    expect(r.parity.line).toMatch(/^predictions match/);
    const topology = JSON.stringify((await readTfjsArtifacts(join(dir, 'none'))).modelTopology);
    expect(topology).not.toContain('layerlab_scaling');
    model.dispose();
  });

  it("a CSV's categorical column: the features' names (column=category) travel in the metadata", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${(i % 7) * 1.5},${['red', 'green', 'blue'][i % 3]},${i % 2 ? 'yes' : 'no'}`);
    await writeFile(join(dir, 'shop.csv'), `size,color,bought\n${rows.join('\n')}\n`);
    const ds = await loadDataset({ file: join(dir, 'shop.csv'), options: { preprocess: 'standardize' } });
    expect(ds.featureNames).toEqual(expect.arrayContaining(['size', 'color=red', 'color=green', 'color=blue']));
    const model = classifier([ds.inputShape[0]!], 2);
    const r = await exportTfjsPackage({ model, dir: join(dir, 'shop'), dataset: ds });
    expect(r.parity.line).toMatch(/^predictions match/);
    const meta = (await readTfjsArtifacts(join(dir, 'shop'))).userDefinedMetadata as { layerlab: { featureNames: string[] } };
    expect(meta.layerlab.featureNames).toEqual(ds.featureNames);
    model.dispose();
  });

  it('the comparison names the first sample past the tolerance', async () => {
    const model = classifier([2], 2);
    const input = parityInputs(model, undefined, undefined, true);
    const want = new Float32Array(input.count * 2).fill(0.5);
    const got = want.slice();
    got[7] = 0.5002; // sample 3, value 1
    const r = compareOutputs(got, want, 2, input, 'the exported TensorFlow.js model');
    expect(r.checked && r.ok).toBe(false);
    expect(r.line).toMatch(/^predictions differ: max \|Δ\| = 2\.0e-4 over 64 samples \(random inputs\), same class on \d+\/64; first at sample 3, value 1: the exported TensorFlow.js model 0.500/);
    model.dispose();
  });
});
