// `layerlab export --format onnx --run ID` as a user runs it: a real training process records
// a run of the XOR template (copied to a temp folder), then the export writes the .onnx file
// and prints the parity line of onnxruntime-node against TensorFlow.js on the test split.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeModel } from './graph.js';
import { layerlabInProcess, layerlabProcess, REPO_ROOT as ROOT } from '../../cli/testkit.js';

const train = (project: string) => layerlabProcess('train', project, '--json');

const layerlab = layerlabInProcess;

let dir: string;
let xor: string;
let runId: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-onnx-'));
  const template = JSON.parse(await readFile(join(ROOT, 'templates', 'xor.layerlab.json'), 'utf8'));
  template.training.epochs = 30;
  xor = join(dir, 'xor.layerlab.json');
  await writeFile(xor, JSON.stringify(template));
  const trained = await train(xor);
  expect(trained.code, trained.stderr).toBe(0);
  runId = JSON.parse(trained.stdout.trim().split('\n')[0]!).runId;
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('exports a trained run as ONNX and prints that its predictions match', async () => {
  const out = join(dir, 'xor.onnx');
  const r = await layerlab('export', xor, '--format', 'onnx', '--out', out, '--run', runId);
  expect(r.code, r.err.join('\n')).toBe(0);
  expect(r.out[0]).toMatch(new RegExp(`^exported onnx \\(opset 17, [\\d.]+ KiB\\) to ${out.replace(/[.\\/]/g, '\\$&')} from run ${runId} \\(30 epochs\\)$`));
  expect(r.out[1]).toMatch(/^predictions match: max \|Δ\| = \S+ over 4 samples, same class on 4\/4$/);
  const model = decodeModel(await readFile(out)) as { metadataProps: { key: string; value: string }[] };
  expect(model.metadataProps).toContainEqual({ key: 'run_id', value: runId });
  expect((await stat(out)).size).toBeGreaterThan(100);
});

it('takes --untrained for ONNX and refuses --model with a format without weights', async () => {
  const r = await layerlab('export', xor, '--format', 'onnx', '--out', join(dir, 'fresh.onnx'), '--untrained');
  expect(r.code).toBe(0);
  expect(r.out[1]).toMatch(/^predictions match/);
  const bad = await layerlab('export', xor, '--format', 'tfjs-js', '--out', join(dir, 'x.mjs'), '--untrained');
  expect(bad.code).toBe(2);
  const noModel = await layerlab('export', xor, '--format', 'keras-py', '--out', join(dir, 'x.py'), '--model', dir);
  expect(noModel.code).toBe(2);
  // keras-py --untrained: the script alone, no run's weights beside it.
  const script = await layerlab('export', xor, '--format', 'keras-py', '--out', join(dir, 'x.py'), '--untrained');
  expect(script.code).toBe(0);
  expect(script.out[0]).toMatch(/no trained run: the script builds fresh weights/);
  expect(existsSync(join(dir, 'x.weights.npz'))).toBe(false);
});
