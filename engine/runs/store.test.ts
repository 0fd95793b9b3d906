// The run store on real files in a temp folder, with real (tiny) trainings: XOR, a few epochs.
import * as tf from '@tensorflow/tfjs-core';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/index.js';
import { chain, xorDataset } from '../train/testkit.js';
import { startTraining } from '../train/train.js';
import type { Project } from '../project/types.js';
import { projectHash } from './hash.js';
import { runSchema, type RunDoc } from './schema.js';
import {
  createRun,
  deleteRun,
  effectiveStatus,
  labelRun,
  listRuns,
  loadRunModel,
  MAX_BATCH_POINTS,
  moveRuns,
  newestMatchingRun,
  newRunId,
  pickMatchingRun,
  readRun,
  runMatchesProject,
  runModelDir,
  runsDirFor,
  unsavedRunsDir,
  type RunsWhere,
} from './store.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'layerlab.mjs');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-runs-'));
  await useBackend('cpu');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const xorProject = (epochs = 3, lr = 0.1): Project =>
  chain([2], [['Dense', { units: 4, activation: 'tanh' }], ['Dense', { units: 1, activation: 'sigmoid' }]], { epochs, optimizer: { kind: 'adam', learningRate: lr } });

/** Trains and records one run the way the CLI does. */
async function recordTraining(where: RunsWhere, project: Project, label?: string): Promise<RunDoc> {
  const dataset = xorDataset();
  const writer = await createRun(where, { project, dataset, backend: { name: 'cpu', device: 'CPU' }, batchEvery: 1, ...(label ? { label } : {}) });
  let finished;
  const job = startTraining({
    project,
    dataset,
    backend: 'cpu',
    batchEvery: 1,
    onEvent: (e) => {
      writer.recordProgress(e);
      if (e.event === 'finished') finished = e;
    },
    onEpochEnd: (e, m) => writer.appendEpoch(e, m),
  });
  const r = await job.done;
  const run = await writer.finish({ status: r.status, ...(finished ? { finished } : {}), ...(r.evaluation ? { evaluation: r.evaluation } : {}), ...(r.model ? { model: r.model } : {}) });
  r.model?.dispose();
  return run;
}

describe('run ids and places', () => {
  it('ids sort by creation time and carry a random part', () => {
    const a = newRunId(Date.UTC(2026, 0, 1));
    const b = newRunId(Date.UTC(2026, 0, 2));
    expect(a).toMatch(/^[0-9a-z]{9}-[0-9a-z]{6}$/);
    expect(a < b).toBe(true);
    expect(newRunId(5)).not.toBe(newRunId(5));
  });

  it('runs live beside the project as <stem>.runs; unsaved ones in the workspace', () => {
    expect(runsDirFor('/p/xor.layerlab.json')).toBe('/p/xor.runs');
    expect(runsDirFor('/p/net.json')).toBe('/p/net.runs');
    expect(unsavedRunsDir('/w', 'doc-1')).toBe('/w/unsaved.runs/doc-1');
    expect(() => unsavedRunsDir('/w', '../x')).toThrow(/unsaved project key/);
  });

  it('a run id that could leave the runs folder is refused', async () => {
    await expect(readRun(join(dir, 'a.layerlab.json'), '../../etc')).rejects.toThrow(/is not a run id/);
  });
});

describe('recording a training', () => {
  it('writes run.json (valid, every epoch, test, hash, dataset, backend) and a model that loads and predicts like the trained one', async () => {
    const where = join(dir, 'xor.layerlab.json');
    const project = xorProject(4);
    const run = await recordTraining(where, project, 'first');
    const text = await readFile(join(runsDirFor(where), run.id, 'run.json'), 'utf8');
    const parsed = runSchema.parse(JSON.parse(text));
    expect(parsed).toMatchObject({ format: 'layerlab-run', version: 1, status: 'finished', label: 'first', plannedEpochs: 4, seed: 1, backend: { name: 'cpu', device: 'CPU' } });
    expect(parsed.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(parsed.batches.points).toHaveLength(4); // one batch of 4 per epoch, an event every batch
    expect(parsed.hash).toBe(projectHash(project));
    expect(parsed.dataset).toMatchObject({ id: 'xor', task: 'classification', trainCount: 4, validationCount: 0, testCount: 4, inputShape: [2] });
    expect(parsed.test?.loss).toBeTypeOf('number');
    expect(parsed.evaluation?.confusion).toHaveLength(2);
    expect(parsed.model).toEqual({ epoch: 4 });
    expect(Date.parse(parsed.timing.finishedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(parsed.timing.startedAt));
    expect(parsed.writer).toBeUndefined();
    expect(effectiveStatus(parsed)).toBe('finished');
    expect((await readdir(join(runsDirFor(where), run.id))).sort()).toEqual(['model', 'run.json']);

    const model = await loadRunModel(where, run.id);
    const y = model.predict(tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]])) as tf.Tensor;
    expect(y.shape).toEqual([4, 1]);
    y.dispose();
    model.dispose();
  });

  it('lists runs newest first, skips a broken folder with a warning, labels and deletes', async () => {
    const where = join(dir, 'list.layerlab.json');
    const a = await recordTraining(where, xorProject(2));
    const b = await recordTraining(where, xorProject(2, 0.05));
    const broken = join(runsDirFor(where), newRunId());
    await mkdir(broken);
    await writeFile(join(broken, 'run.json'), '{"format": "layerlab-run", "version": 1, "id": 7}');
    const list = await listRuns(where);
    expect(list.runs.map((r) => r.id)).toEqual([b.id, a.id]);
    expect(list.warnings).toEqual([expect.stringMatching(/^skipped run .*run\.json: id: /)]);

    expect((await labelRun(where, a.id, 'baseline')).label).toBe('baseline');
    expect((await readRun(where, a.id)).label).toBe('baseline');
    await deleteRun(where, b.id);
    expect((await listRuns(where)).runs.map((r) => r.id)).toEqual([a.id]);
    await expect(deleteRun(where, b.id)).rejects.toThrow(/no run/);
  });

  it('knows which runs match the project: the newest matching one, null after an edit', async () => {
    const where = join(dir, 'match.layerlab.json');
    const p1 = xorProject(2, 0.1);
    const p2 = xorProject(2, 0.02);
    const r1 = await recordTraining(where, p1);
    await recordTraining(where, p2);
    expect(runMatchesProject(r1, p1)).toBe(true);
    expect(runMatchesProject(r1, p2)).toBe(false);
    expect((await newestMatchingRun(where, p1))?.id).toBe(r1.id);
    const edited = { ...p1, graph: { ...p1.graph, nodes: p1.graph.nodes.map((n) => (n.id === 'l1' ? { ...n, params: { ...n.params, units: 8 } } : n)) } };
    expect(await newestMatchingRun(where, edited)).toBeNull();
    // A newer run stopped after some epochs does not stand in for a finished one.
    const stopped: RunDoc = { ...r1, id: newRunId(), status: 'stopped' };
    expect(pickMatchingRun([stopped, r1], p1)?.id).toBe(r1.id);
    expect(pickMatchingRun([stopped], p1)?.id).toBe(stopped.id);
    expect(pickMatchingRun([{ ...stopped, model: null }], p1)).toBeNull();
  });

  it('moves an unsaved project\'s runs beside its file once saved', async () => {
    const from = { runsDir: unsavedRunsDir(join(dir, 'workspace'), 'untitled-1') };
    const run = await recordTraining(from, xorProject(2));
    const to = join(dir, 'saved.layerlab.json');
    const moved = await moveRuns(from, to);
    expect(moved).toEqual({ moved: [run.id], warnings: [] });
    expect((await listRuns(to)).runs.map((r) => r.id)).toEqual([run.id]);
    expect((await listRuns(from)).runs).toEqual([]);
    (await loadRunModel(to, run.id)).dispose();
  });
});

describe('the live writer', () => {
  it('keeps batch metrics bounded: past the limit every other point goes and the spacing doubles', async () => {
    const where = join(dir, 'batches.layerlab.json');
    const writer = await createRun(where, { project: xorProject(1), dataset: xorDataset(), backend: { name: 'cpu', device: 'CPU' }, batchEvery: 1 });
    for (let step = 1; step <= 3 * MAX_BATCH_POINTS; step++)
      writer.recordProgress({ event: 'batch', jobId: 'j', epoch: 1, batch: step, step, metrics: { loss: 1 / step }, imagesPerSec: 1 });
    const run = await writer.finish({ status: 'stopped', message: 'stopped by the user' });
    // 6000 events: 2000 points at step 2000 are halved (every 2nd kept from then on), 2000
    // again at step 4000 are halved (every 4th), then 500 more.
    expect(run.batches.points).toHaveLength(1500);
    expect(run.batches.every).toBe(4);
    const steps = run.batches.points.map((p) => p.step);
    expect(steps.every((s, i) => s === 1 + 4 * i)).toBe(true); // evenly spaced from the first
    expect(await readRun(where, run.id)).toMatchObject({ status: 'stopped', message: 'stopped by the user', model: null });
  });

  it('a label given while the run trains survives the writer\'s next write', async () => {
    const where = join(dir, 'live-label.layerlab.json');
    const writer = await createRun(where, { project: xorProject(1), dataset: xorDataset(), backend: { name: 'cpu', device: 'CPU' } });
    await labelRun(where, writer.id, 'named while running');
    writer.recordProgress({ event: 'started', jobId: 'j', backend: 'cpu', epochs: 1, batchesPerEpoch: 1, trainCount: 4, validationCount: 0, totalParams: 9 });
    await writer.flush();
    expect((await readRun(where, writer.id)).label).toBe('named while running');
    expect((await writer.finish({ status: 'failed', message: 'x' })).label).toBe('named while running');
  });
});

describe('write failures', () => {
  it('a write that fails does not stop training; finish() reports it, naming the run', async () => {
    const where = join(dir, 'gone.layerlab.json');
    const project = xorProject(2);
    const dataset = xorDataset();
    const writer = await createRun(where, { project, dataset, backend: { name: 'cpu', device: 'CPU' } });
    await rm(writer.dir, { recursive: true }); // the folder vanishes under the run
    const job = startTraining({ project, dataset, backend: 'cpu', onEvent: (e) => writer.recordProgress(e), onEpochEnd: (e, m) => writer.appendEpoch(e, m) });
    const r = await job.done;
    expect(r.status).toBe('finished');
    await expect(writer.finish({ status: 'finished', ...(r.model ? { model: r.model } : {}) })).rejects.toThrow(new RegExp(`^run ${writer.id}: could not save .*run\\.json: ENOENT`));
    r.model?.dispose();
  });
});

describe('crash safety', () => {
  it('a crash between swapping the model in and recording it keeps the weights run.json names (model.prev)', async () => {
    const where = join(dir, 'crash.layerlab.json');
    const run = await recordTraining(where, xorProject(3));
    const runDir = join(runsDirFor(where), run.id);
    // Simulate the instant after `model/ → model.prev/, temp → model/`: model/ holds an epoch
    // run.json does not know yet.
    await rename(join(runDir, 'model'), join(runDir, 'model.prev'));
    await cp(join(runDir, 'model.prev'), join(runDir, 'model'), { recursive: true });
    const mj = JSON.parse(await readFile(join(runDir, 'model', 'model.json'), 'utf8'));
    mj.userDefinedMetadata.layerlab.epoch = 4;
    await writeFile(join(runDir, 'model', 'model.json'), JSON.stringify(mj));
    expect(await runModelDir(where, run)).toBe(join(runDir, 'model.prev'));
    (await loadRunModel(where, run)).dispose();
    // With neither folder agreeing, the error says what each holds.
    await rm(join(runDir, 'model.prev'), { recursive: true });
    await expect(runModelDir(where, run)).rejects.toThrow(/records weights of epoch 3, but model\/ holds epoch 4/);
  });

  it('a training process killed (SIGKILL) mid-run keeps its finished epochs and their weights', async () => {
    const project = JSON.parse(await readFile(join(ROOT, 'templates', 'xor.layerlab.json'), 'utf8'));
    project.training.epochs = 100000;
    const file = join(dir, 'killed.layerlab.json');
    await writeFile(file, JSON.stringify(project));
    const child = spawn(process.execPath, [BIN, 'train', file, '--json', '--backend', 'cpu'], { cwd: ROOT, env: { ...process.env, LAYERLAB_DEBUG: '' } });
    let seen = 0;
    let runId = '';
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const e = JSON.parse(line) as { event: string; runId: string };
        runId = e.runId;
        // Killed once a few epochs are on disk (the files lag the events a little).
        if (e.event === 'epoch' && ++seen % 10 === 0 && !child.killed) {
          const onDisk = JSON.parse(readFileSync(join(runsDirFor(file), runId, 'run.json'), 'utf8')) as { epochs: unknown[] };
          if (onDisk.epochs.length >= 5) {
            child.kill('SIGKILL');
            resolve();
          }
        }
      });
      child.on('exit', () => resolve());
      child.on('error', reject);
    });
    await new Promise((r) => child.once('close', r));
    expect(child.signalCode).toBe('SIGKILL');
    const run = await readRun(file, runId);
    expect(run.status).toBe('running');
    expect(effectiveStatus(run)).toBe('interrupted');
    expect(run.epochs.length).toBeGreaterThanOrEqual(5);
    expect(run.epochs.length).toBeLessThan(100000);
    expect(run.epochs.map((e) => e.epoch)).toEqual(run.epochs.map((_, i) => i + 1));
    expect(run.model?.epoch).toBe(run.epochs.length);
    const model = await loadRunModel(file, run);
    expect(model.countParams()).toBe(9);
    model.dispose();
    // An interrupted run with weights can stand for its project.
    expect((await newestMatchingRun(file, project))?.id).toBe(run.id);
  });
});
