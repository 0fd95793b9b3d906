// `layerlab predict` as a user runs it: a run trained by a real process on standardized XOR
// points; raw rows in (CSV or .npy), the run's scaling applied as in training, the outputs
// those of the run's own model on the scaled rows.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyScaling, loadProjectDataset } from '../data/index.js';
import { npyBytes, readNpy } from '../export/npy.js';
import { listRuns, loadRunModel } from '../runs/store.js';
import { rawExample } from '../views/inspect/samples.js';
import { layerlabInProcess, layerlabProcess, REPO_ROOT } from './testkit.js';

const layerlab = layerlabInProcess;

let dir: string;
let project: string;
let runId: string;
const RAW = [0, 0, 0, 1, 1, 0, 1, 1, 0.3, 0.9];

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'layerlab-predict-'));
  const t = JSON.parse(await readFile(join(REPO_ROOT, 'templates', 'xor.layerlab.json'), 'utf8'));
  t.training.epochs = 20;
  t.dataset = { ...t.dataset, options: { ...(t.dataset.options ?? {}), preprocess: 'standardize' } };
  project = join(dir, 'xor.layerlab.json');
  await writeFile(project, JSON.stringify(t));
  const trained = await layerlabProcess('train', project, '--json');
  expect(trained.code, trained.stderr).toBe(0);
  runId = JSON.parse(trained.stdout.trim().split('\n')[0]!).runId;
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('layerlab predict', () => {
  it('scales raw rows as the run trained and prints what its model predicts', async () => {
    await writeFile(join(dir, 'rows.csv'), 'x1,x2\n' + [0, 1, 2, 3, 4].map((i) => `${RAW[2 * i]},${RAW[2 * i + 1]}`).join('\n') + '\n');
    const r = await layerlab('predict', project, '--input', join(dir, 'rows.csv'), '--json');
    expect(r.code, r.err.join('\n')).toBe(0);
    const got = JSON.parse(r.out[0]!) as { runId: string; predictions: number[][]; classes: string[] };
    expect(got.runId).toBe(runId);
    expect(got.predictions).toHaveLength(5);

    // Independently: the run's model on the rows scaled with the run's recorded statistics.
    const [doc] = (await listRuns(project)).runs;
    expect(doc!.dataset.preprocessing?.method).toBe('standardize');
    const model = await loadRunModel(project, doc!);
    const want = (model.predict(tf.tensor(applyScaling(Float32Array.from(RAW), doc!.dataset.preprocessing!), [5, 2])) as tf.Tensor).dataSync();
    const unscaled = (model.predict(tf.tensor(RAW, [5, 2])) as tf.Tensor).dataSync();
    model.dispose();
    // XOR's one sigmoid unit: p = P(class 1), given per class as [1 − p, p].
    expect(got.classes).toEqual(['0', '1']);
    got.predictions.forEach((row, i) => {
      expect(row).toHaveLength(2);
      expect(row[1]).toBeCloseTo(want[i]!, 6);
      expect(row[0]).toBeCloseTo(1 - want[i]!, 6);
    });
    expect(Math.max(...Array.from(want, (v, i) => Math.abs(v - unscaled[i]!)))).toBeGreaterThan(1e-3);

    // The same rows as a .npy give the same outputs, written with --out as float32 [n, 1].
    await writeFile(join(dir, 'rows.npy'), npyBytes([5, 2], RAW));
    const out = join(dir, 'out.npy');
    const n = await layerlab('predict', project, '--input', join(dir, 'rows.npy'), '--out', out);
    expect(n.code, n.err.join('\n')).toBe(0);
    expect(n.out[0]).toBe(`run ${runId}: 5 example(s), scaled 'standardize' as in training`);
    expect(n.out[1]).toMatch(/^0: [01] {2}\(\d\.\d{4} \d\.\d{4}\)$/);
    const written = readNpy(new Uint8Array(await readFile(out)));
    expect(written.shape).toEqual([5, 1]);
    Array.from(written.data).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 6));
  });

  it('names the line and column of a value that is not a number, and a row of the wrong width', async () => {
    await writeFile(join(dir, 'bad.csv'), 'x1,x2\n0,1\n1,abc\n');
    const bad = await layerlab('predict', project, '--input', join(dir, 'bad.csv'));
    expect(bad.code).toBe(2);
    expect(bad.err.join('\n')).toContain("bad.csv, line 3, column 2: 'abc' is not a number");
    await writeFile(join(dir, 'wide.csv'), '0,1,2\n');
    const wide = await layerlab('predict', project, '--input', join(dir, 'wide.csv'));
    expect(wide.code).toBe(2);
    expect(wide.err.join('\n')).toContain('the inputs hold 3 values; the model takes examples of shape [2] (2 values each)');
  });
});

// Image files: PNGs written from real MNIST test digits, predicted by a briefly trained
// simplified-MNIST run, give the same probabilities as the same digits' raw pixels in a .npy.
describe('layerlab predict on image files', () => {
  let mdir: string;
  let mproject: string;
  beforeAll(async () => {
    mdir = await mkdtemp(join(tmpdir(), 'layerlab-predict-png-'));
    const t = JSON.parse(await readFile(join(REPO_ROOT, 'templates', 'mnist-simplified.layerlab.json'), 'utf8'));
    t.training.epochs = 2;
    mproject = join(mdir, 'mnist.layerlab.json');
    await writeFile(mproject, JSON.stringify(t));
    const trained = await layerlabProcess('train', mproject, '--json');
    expect(trained.code, trained.stderr).toBe(0);
  }, 180_000);
  afterAll(() => rm(mdir, { recursive: true, force: true }));

  it('reads PNGs of test digits to the run input and predicts their labels as the raw .npy does', async () => {
    const sharp = (await import('sharp')).default;
    const t = JSON.parse(await readFile(mproject, 'utf8'));
    const ds = await loadProjectDataset(t);
    const n = 40;
    const raw = new Float32Array(n * 784);
    for (let i = 0; i < n; i++) raw.set(Array.from(rawExample(ds, ds.test, i), Math.round), i * 784);
    await writeFile(join(mdir, 'digits.npy'), npyBytes([n, 784], raw));
    const byNpy = await layerlab('predict', mproject, '--input', join(mdir, 'digits.npy'), '--json');
    expect(byNpy.code, byNpy.err.join('\n')).toBe(0);
    const npy = JSON.parse(byNpy.out[0]!) as { predictions: number[][]; classes: string[] };
    const argmax = (r: number[]) => r.indexOf(Math.max(...r));
    // Two digits of different classes that the run gets right on their raw pixels.
    const right = Array.from({ length: n }, (_, i) => i).filter((i) => argmax(npy.predictions[i]!) === ds.test.y[i]);
    const a = right[0]!;
    const b = right.find((i) => ds.test.y[i] !== ds.test.y[a])!;
    expect(b).toBeDefined();

    const png = (i: number, file: string, channels: 1 | 3 = 1) => {
      const px = Uint8Array.from(raw.subarray(i * 784, (i + 1) * 784));
      const data = channels === 1 ? px : Uint8Array.from(Array.from(px).flatMap((v) => [v, v, v]));
      return sharp(Buffer.from(data), { raw: { width: 28, height: 28, channels } }).png().toFile(join(mdir, file));
    };
    await png(a, 'a.png');
    await png(b, 'b.png');
    const byPng = await layerlab('predict', mproject, '--input', join(mdir, 'a.png'), join(mdir, 'b.png'), '--json');
    expect(byPng.code, byPng.err.join('\n')).toBe(0);
    const got = JSON.parse(byPng.out[0]!) as { predictions: number[][]; classes: string[] };
    expect(got.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(got.predictions).toHaveLength(2);
    [a, b].forEach((i, k) => {
      expect(argmax(got.predictions[k]!)).toBe(ds.test.y[i]);
      got.predictions[k]!.forEach((p, j) => expect(Math.abs(p - npy.predictions[i]![j]!)).toBeLessThan(1e-5));
    });

    // An RGB picture of the same digit is made grayscale as the dataset's; the printout names the file.
    await png(a, 'a-rgb.png', 3);
    const text = await layerlab('predict', mproject, '--input', join(mdir, 'a-rgb.png'));
    expect(text.code, text.err.join('\n')).toBe(0);
    expect(text.out[1]).toMatch(new RegExp(`^a-rgb\\.png: ${ds.test.y[a]} {2}\\(`));

    // What is not an image, among images or as one, is refused by name.
    const mixed = await layerlab('predict', mproject, '--input', join(mdir, 'a.png'), join(mdir, 'digits.npy'));
    expect(mixed.code).toBe(2);
    expect(mixed.err.join('\n')).toContain("digits.npy' is not an image file");
    await writeFile(join(mdir, 'broken.png'), 'not a png');
    const broken = await layerlab('predict', mproject, '--input', join(mdir, 'broken.png'));
    expect(broken.code).toBe(2);
    expect(broken.err.join('\n')).toMatch(/--input .*broken\.png: .*cannot decode the image/);
  }, 120_000);
});
