// The Keras export of a run: the script loads the run's weights by layer name (every layer
// that has weights gets arrays of its shapes and values) and scales raw inputs as the run
// did. Keras itself cannot be installed here, so the script runs against keras_stub.py's
// recording stand-in; the parity line says that it was not checked.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../compile/compile.js';
import { applyScaling } from '../data/index.js';
import { loadDataset } from '../data/load.js';
import { loadTemplate } from '../project/templates.js';
import { exportKerasPackage } from './keras-package.js';

const STUB = fileURLToPath(new URL('./keras_stub.py', import.meta.url));
const hasNumpy = spawnSync('python3', ['-c', 'import numpy']).status === 0;
const hasKeras = spawnSync('python3', ['-c', 'import keras']).status === 0;

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'layerlab-keras-pkg-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.runIf(hasNumpy)('Keras export with the run\'s weights', () => {
  it('the script loads every layer\'s weights from the file beside it and scales raw inputs as the run did', async () => {
    const project = await loadTemplate('mnist-convolutional');
    const { model } = compile(project, { tfl, seed: 5 });
    // Per-feature statistics (not MNIST's ÷255), so a wrong tiling would show.
    const ds = await loadDataset({ id: 'blobs', options: { features: 4, classes: 3, size: 60, preprocess: 'standardize' } });
    const file = join(dir, 'mnist_conv.py');
    const r = await exportKerasPackage({ project, model, file, dataset: ds });
    expect(r.files).toEqual(['mnist_conv.py', 'mnist_conv.weights.npz']);
    expect((await readdir(dir)).sort()).toEqual(['mnist_conv.py', 'mnist_conv.weights.npz']);
    if (!hasKeras) expect(r.parity.line).toBe('not checked: no Keras here (python3 cannot import keras); the script loads mnist_conv.weights.npz by layer name');

    const run = spawnSync('python3', [STUB, file], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const out = (JSON.parse(run.stdout) as Record<string, { weights: Record<string, { shape: number[]; sum: number }[]>; scaled: number[] }>)[file]!;
    const weighted = model.layers.filter((l) => l.getWeights().length > 0);
    expect(Object.keys(out.weights).sort()).toEqual(weighted.map((l) => l.name).sort());
    for (const layer of weighted) {
      const want = layer.getWeights().map((w) => ({ shape: w.shape, sum: Array.from(w.dataSync()).reduce((a, b) => a + b, 0) }));
      const got = out.weights[layer.name]!;
      expect(got.map((g) => g.shape)).toEqual(want.map((w) => w.shape));
      got.forEach((g, i) => expect(g.sum).toBeCloseTo(want[i]!.sum, 3));
    }
    const probe = Float32Array.from({ length: 16 }, (_, i) => i);
    const scaled = applyScaling(probe, ds.preprocessing!);
    out.scaled.forEach((v, i) => expect(v).toBeCloseTo(scaled[i]!, 5));
    model.dispose();
  });
});
