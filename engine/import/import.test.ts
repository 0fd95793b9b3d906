// The importer against real files: a TensorFlow.js export read back predicts bit for bit what
// it predicted; tf.keras 2 and Keras 3 JSON of one model make one graph; a .keras zip built
// here in Keras 3's layout (layers/<snake class>[_n]/vars/<i>) brings its weights; a layer
// LayerLab lacks is named with its class.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { zipSync } from 'fflate';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { check } from '../check/check.js';
import { compile } from '../compile/compile.js';
import { exportTfjs } from '../export/tfjs.js';
import { exportTfjsPackage } from '../export/tfjs-package.js';
import { applyScaling } from '../data/index.js';
import { loadDataset } from '../data/load.js';
import { loadProjectFile } from '../project/io.js';
import { overlaps } from '../project/layout.js';
import { testNode, testProject } from '../project/fixtures.js';
import type { Project } from '../project/types.js';
import { listRuns, loadRunModel } from '../runs/store.js';
import { detectModelFormat, ImportError, importModelBytes, importModelFile, saveImport } from './import.js';
import { graphFromKeras } from './topology.js';
import { kerasSnake, kerasWeightPaths } from './weights.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixtureOf = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as { modelTopology: unknown };
const fixture = async (name: string) => JSON.parse(await readFile(join(FIXTURES, name), 'utf8')) as unknown;

/** A convolutional branch and a recurrent-free dense branch, merged: most weight kinds. */
function imageProject(): Project {
  return testProject({
    nodes: [
      testNode('img', 'Input', { shape: [8, 8, 1] }),
      testNode('conv', 'Conv2D', { filters: 3, kernelSize: 3, activation: 'relu', padding: 'same' }),
      testNode('bn', 'BatchNormalization', {}),
      testNode('pool', 'MaxPooling2D', { poolSize: 2 }),
      testNode('flat', 'Flatten', {}),
      testNode('a', 'Dense', { units: 6, activation: 'tanh', kernelRegularizer: { l2: 0.01 } }),
      testNode('b', 'Dense', { units: 6, activation: 'relu', useBias: false }),
      testNode('sum', 'Add', {}),
      testNode('drop', 'Dropout', { rate: 0.3 }),
      testNode('ln', 'LayerNormalization', {}),
      testNode('out', 'Dense', { units: 4, activation: 'softmax' }),
    ],
    edges: [
      { id: 'e1', source: 'img', target: 'conv' },
      { id: 'e2', source: 'conv', target: 'bn' },
      { id: 'e3', source: 'bn', target: 'pool' },
      { id: 'e4', source: 'pool', target: 'flat' },
      { id: 'e5', source: 'flat', target: 'a' },
      { id: 'e6', source: 'flat', target: 'b' },
      { id: 'e7', source: 'a', target: 'sum', targetPort: 0 },
      { id: 'e8', source: 'b', target: 'sum', targetPort: 1 },
      { id: 'e9', source: 'sum', target: 'drop' },
      { id: 'e10', source: 'drop', target: 'ln' },
      { id: 'e11', source: 'ln', target: 'out' },
    ],
  });
}

function sequenceProject(): Project {
  return testProject({
    nodes: [
      testNode('tokens', 'Input', { shape: [5] }),
      testNode('emb', 'Embedding', { inputDim: 10, outputDim: 4 }),
      testNode('lstm', 'LSTM', { units: 3, returnSequences: true }),
      testNode('gru', 'GRU', { units: 3 }),
      testNode('rnn_out', 'Dense', { units: 2, activation: 'sigmoid' }),
    ],
    edges: [
      { id: 'e1', source: 'tokens', target: 'emb' },
      { id: 'e2', source: 'emb', target: 'lstm' },
      { id: 'e3', source: 'lstm', target: 'gru' },
      { id: 'e4', source: 'gru', target: 'rnn_out' },
    ],
  });
}

/** Every weight random (BatchNormalization's moving statistics too), so a weight left at its
 *  initial value or put in the wrong place shows in the predictions. */
function randomize(m: tfl.LayersModel, seed: number): void {
  const ws = m.getWeights().map((w, i) => tf.randomUniform(w.shape, 0.1, 1, 'float32', seed + i));
  m.setWeights(ws);
  tf.dispose(ws);
}

async function predict(m: tfl.LayersModel, x: tf.Tensor): Promise<Float32Array> {
  const y = m.predict(x) as tf.Tensor;
  const d = (await y.data()) as Float32Array;
  y.dispose();
  return d;
}

describe('import', () => {
  let dir: string;
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'layerlab-import-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['image', imageProject, () => tf.randomNormal([3, 8, 8, 1], 0, 1, 'float32', 7)],
    ['sequence', sequenceProject, () => tf.tensor2d([[1, 2, 3, 4, 5], [9, 0, 0, 1, 2]], [2, 5], 'float32')],
  ] as const)('a TensorFlow.js export (%s) comes back as the same graph, predicting bit for bit the same', async (_name, make, probe) => {
    const project = make();
    const { model } = compile(project, { tfl, seed: 3 });
    randomize(model, 11);
    const x = probe();
    const before = await predict(model, x);
    await exportTfjs(model, join(dir, 'm'));
    model.dispose();

    const r = await importModelFile(join(dir, 'm', 'model.json'));
    expect(r.format).toBe('tfjs');
    // The same nodes (ids, kinds) and wiring; the layout is the importer's own.
    expect(r.project.graph.nodes.map((n) => [n.id, n.kind])).toEqual(expect.arrayContaining(project.graph.nodes.map((n) => [n.id, n.kind])));
    expect(r.project.graph.nodes).toHaveLength(project.graph.nodes.length);
    const wires = (p: Project) => p.graph.edges.map((e) => `${e.source}->${e.target}:${e.targetPort ?? 0}`).sort();
    expect(wires(r.project)).toEqual(wires(project));
    expect(overlaps(r.project.graph)).toBe(false);
    expect(check(r.project).errors).toEqual([]);
    const after = await predict(r.model!, x);
    expect(Array.from(after)).toEqual(Array.from(before));

    // Saved: the project file and a run of it that holds the weights.
    const path = join(dir, 'imported.layerlab.json');
    const saved = await saveImport(r, path, join(dir, 'm', 'model.json'));
    r.model!.dispose();
    const loaded = await loadProjectFile(path);
    expect(loaded.ok).toBe(true);
    const { runs } = await listRuns(path);
    expect(runs.map((x) => x.id)).toEqual([saved.run!.id]);
    expect(runs[0]).toMatchObject({ status: 'finished', model: { epoch: 0 }, imported: { format: 'TensorFlow.js layers model' }, epochs: [] });
    const fromRun = await loadRunModel(path, runs[0]!);
    expect(Array.from(await predict(fromRun, x))).toEqual(Array.from(before));
    fromRun.dispose();
    x.dispose();
  });

  it("LayerLab's own export (scaling inside) comes back without the scaling layers, and its run keeps the scaling", async () => {
    const project = testProject({
      nodes: [testNode('input', 'Input', { shape: [3] }), testNode('hidden', 'Dense', { units: 4, activation: 'tanh' }), testNode('out', 'Dense', { units: 3, activation: 'softmax' })],
      edges: [
        { id: 'e1', source: 'input', target: 'hidden' },
        { id: 'e2', source: 'hidden', target: 'out' },
      ],
    });
    const dataset = await loadDataset({ id: 'blobs', options: { features: 3, classes: 3, size: 100, preprocess: 'standardize' } });
    const { model } = compile(project, { tfl, seed: 3 });
    randomize(model, 5);
    const exported = await exportTfjsPackage({ model, dir: join(dir, 'pkg'), dataset });
    expect(exported.parity.line).toMatch(/^predictions match/);
    expect(JSON.stringify((await fixtureOf(join(dir, 'pkg', 'model.json'))).modelTopology)).toContain('layerlab_scaling');

    const r = await importModelFile(join(dir, 'pkg', 'model.json'));
    expect(r.project.graph.nodes.map((n) => n.id).sort()).toEqual(['hidden', 'input', 'out']);
    expect(r.preprocessing).toEqual(dataset.preprocessing);
    expect(r.classNames).toEqual(dataset.classNames);
    const path = join(dir, 'again.layerlab.json');
    const saved = await saveImport(r, path, join(dir, 'pkg', 'model.json'));
    expect(saved.run!.dataset.preprocessing).toEqual(dataset.preprocessing);
    // Scaled inputs into the imported model give what the app's model gave.
    const x = tf.tensor2d(applyScaling(new Float32Array([1, -2, 3, 0.5, 4, -1]), dataset.preprocessing!), [2, 3]);
    expect(Array.from(await predict(r.model!, x))).toEqual(Array.from(await predict(model, x)));
    tf.dispose([x]);
    r.model!.dispose();
    model.dispose();
  });

  it('reads tf.keras 2 and Keras 3 JSON of one model as one graph', async () => {
    const k2 = graphFromKeras(await fixture('two-branches.tf-keras2.json'));
    const k3 = graphFromKeras(await fixture('two-branches.keras3.json'));
    expect(k3.nodes).toEqual(k2.nodes);
    expect(k3.edges).toEqual(k2.edges);
    expect(k2.nodes.map((n) => [n.id, n.kind, n.params])).toEqual([
      ['features', 'Input', { shape: [4] }],
      ['left', 'Dense', { units: 8, activation: 'relu', kernelInitializer: 'glorotUniform' }],
      ['right', 'Dense', { units: 8, activation: 'tanh', kernelInitializer: 'glorotUniform' }],
      ['merge', 'Concatenate', {}],
      ['drop', 'Dropout', { rate: 0.2 }],
      ['out', 'Dense', { units: 3, activation: 'softmax', kernelInitializer: 'glorotUniform' }],
    ]);
    expect(k2.edges.map((e) => `${e.source}->${e.target}:${e.targetPort}`)).toEqual([
      'features->left:0',
      'features->right:0',
      'left->merge:0',
      'right->merge:1',
      'merge->drop:0',
      'drop->out:0',
    ]);
    // Through the whole import: a project that checks, with the loss its softmax calls for.
    for (const f of ['two-branches.tf-keras2.json', 'two-branches.keras3.json']) {
      const r = await importModelFile(join(FIXTURES, f));
      expect(r.format).toBe('keras-json');
      expect(r.model).toBeNull();
      expect(check(r.project).errors).toEqual([]);
      expect(r.project.training.loss).toBe('categoricalCrossentropy');
    }
  });

  it('names Keras 3 weight groups as Keras does (naming.to_snake_case, counted per class)', () => {
    expect(['Dense', 'Conv2D', 'Conv2DTranspose', 'BatchNormalization', 'LSTM', 'SimpleRNN', 'GlobalAveragePooling2D', 'UpSampling2D'].map(kerasSnake)).toEqual([
      'dense', 'conv2d', 'conv2d_transpose', 'batch_normalization', 'lstm', 'simple_rnn', 'global_average_pooling2d', 'up_sampling2d',
    ]);
    const paths = kerasWeightPaths([
      { id: 'in', className: 'InputLayer' },
      { id: 'a', className: 'Dense' },
      { id: 'c', className: 'Conv2D' },
      { id: 'b', className: 'Dense' },
      { id: 'z', className: 'Dense' },
    ]);
    expect([...paths.values()]).toEqual(['layers/input_layer', 'layers/dense', 'layers/conv2d', 'layers/dense_1', 'layers/dense_2']);
  });

  it('imports a .keras file with its weights (config.json + model.weights.h5 in a zip)', async () => {
    const config = await readFile(join(FIXTURES, 'mlp.keras3-sequential.json'));
    const w = {
      dense: [tf.randomNormal([4, 5], 0, 1, 'float32', 1), tf.randomNormal([5], 0, 1, 'float32', 2)],
      dense_1: [tf.randomNormal([5, 3], 0, 1, 'float32', 3), tf.randomNormal([3], 0, 1, 'float32', 4)],
    };
    // The weights file as Keras 3's H5IOStore writes it: a group per layer path, its variables
    // in `vars` as datasets named 0, 1, …
    const { default: h5wasm } = await import('h5wasm/node');
    await h5wasm.ready;
    const h5path = join(dir, 'model.weights.h5');
    const f = new h5wasm.File(h5path, 'w');
    f.create_group('layers');
    for (const [layer, arrays] of Object.entries(w)) {
      const g = (f.get('layers') as InstanceType<typeof h5wasm.Group>).create_group(layer);
      const vars = g.create_group('vars');
      arrays.forEach((t, i) => vars.create_dataset({ name: String(i), data: t.dataSync() as Float32Array, shape: t.shape, dtype: '<f' }));
    }
    f.create_group('vars');
    f.close();
    const zip = zipSync({
      'metadata.json': new TextEncoder().encode(JSON.stringify({ keras_version: '3.5.0', date_saved: '2026-12-04@13:00:00' })),
      'config.json': new Uint8Array(config),
      'model.weights.h5': new Uint8Array(await readFile(h5path)),
    });
    await writeFile(join(dir, 'mlp.keras'), zip);
    expect(detectModelFormat(zip)).toBe('keras');

    const r = await importModelFile(join(dir, 'mlp.keras'));
    expect(r.project.graph.nodes.map((n) => n.id)).toEqual(['input_layer', 'dense', 'dense_1']);
    expect(r.weightValues).toBe(4 * 5 + 5 + 5 * 3 + 3);
    // What Keras computes: softmax(relu(x·W1 + b1)·W2 + b2).
    const x = tf.randomNormal([6, 4], 0, 1, 'float32', 9);
    const expected = tf.tidy(() => tf.softmax(tf.relu(x.matMul(w.dense[0]!).add(w.dense[1]!)).matMul(w.dense_1[0]!).add(w.dense_1[1]!)));
    const got = await predict(r.model!, x);
    const want = (await expected.data()) as Float32Array;
    got.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(1e-6));
    expect(r.project.training.loss).toBe('categoricalCrossentropy');
    r.model!.dispose();
    tf.dispose([x, expected, ...w.dense, ...w.dense_1]);
  });

  it('stops at a layer LayerLab lacks, naming the layer and its class', async () => {
    const doc = (await fixture('two-branches.keras3.json')) as { config: { layers: { class_name: string; name: string; config: Record<string, unknown> }[] } };
    doc.config.layers[3]!.class_name = 'MultiHeadAttention';
    const bytes = new TextEncoder().encode(JSON.stringify(doc));
    const e = await importModelBytes('attn.json', bytes).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ImportError);
    expect((e as Error).message).toBe("cannot import the model: layer 'merge' (MultiHeadAttention): LayerLab has no MultiHeadAttention layer");
  });

  it('refuses a setting LayerLab cannot reproduce instead of importing another model', async () => {
    const doc = (await fixture('two-branches.tf-keras2.json')) as { config: { layers: { config: Record<string, unknown> }[] } };
    doc.config.layers[1]!.config.kernel_constraint = { class_name: 'MaxNorm', config: { max_value: 2 } };
    doc.config.layers[4]!.config.noise_shape = [null, 1];
    const e = await importModelBytes('c.json', new TextEncoder().encode(JSON.stringify(doc))).catch((x: unknown) => x);
    expect((e as ImportError).problems).toEqual([
      'layer \'left\' (Dense): kernel_constraint={"class_name":"MaxNorm","config":{"max_value":2}} has no LayerLab equivalent',
      "layer 'drop' (Dropout): noise_shape=[null,1] is not supported (LayerLab's Dropout has no such setting)",
    ]);
  });

  it('does not take a LayerLab project or random bytes for a model', () => {
    expect(detectModelFormat(new TextEncoder().encode(JSON.stringify(imageProject())))).toBeNull();
    expect(detectModelFormat(new Uint8Array([1, 2, 3]))).toBeNull();
  });
});
