// `layerlab predict` as a user runs it: a run trained by a real process on standardized XOR
// points; raw rows in (CSV or .npy), the run's scaling applied as in training, the outputs
// those of the run's own model on the scaled rows.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyScaling } from '../data/index.js';
import { npyBytes, readNpy } from '../export/npy.js';
import { listRuns, loadRunModel } from '../runs/store.js';
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
    got.predictions.flat().forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 6));
    expect(Math.max(...Array.from(want, (v, i) => Math.abs(v - unscaled[i]!)))).toBeGreaterThan(1e-3);

    // The same rows as a .npy give the same outputs, written with --out as float32 [n, 1].
    await writeFile(join(dir, 'rows.npy'), npyBytes([5, 2], RAW));
    const out = join(dir, 'out.npy');
    const n = await layerlab('predict', project, '--input', join(dir, 'rows.npy'), '--out', out);
    expect(n.code, n.err.join('\n')).toBe(0);
    expect(n.out[0]).toBe(`run ${runId}: 5 example(s), scaled 'standardize' as in training`);
    expect(n.out[1]).toMatch(/^0: [01] {2}\(\d\.\d{4}\)$/);
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
