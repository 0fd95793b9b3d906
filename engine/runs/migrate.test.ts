// run.json versions: a version 0 (draft) run is migrated step by step and validates as
// version 1; bad and future versions are refused with a message saying why.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chain } from '../train/testkit.js';
import { projectHash } from './hash.js';
import { migrateRun } from './migrate.js';
import { runSchema } from './schema.js';
import { listRuns, readRun, runsDirFor } from './store.js';

const project = chain([2], [['Dense', { units: 1, activation: 'sigmoid' }]], { epochs: 2 });
const v0 = {
  format: 'layerlab-run',
  version: 0,
  id: '0mx7sdgb6-zkbiqs',
  name: 'old label',
  startedAt: '2026-11-01T10:00:00.000Z',
  status: 'done',
  project,
  dataset: { id: 'xor', task: 'classification', inputShape: [2], targetShape: [], classNames: ['0', '1'], trainCount: 4, testCount: 4 },
  backend: 'wasm',
  history: [
    { epoch: 1, metrics: { loss: 0.7, accuracy: 0.5 }, learningRate: 0.1, seconds: 0.5, imagesPerSec: 8 },
    { epoch: 2, metrics: { loss: 0.6, accuracy: 0.75 }, learningRate: 0.1, seconds: 0.25, imagesPerSec: 16 },
  ],
  test: { loss: 0.6, accuracy: 0.75 },
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-run-migrate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('migrateRun', () => {
  it('brings a version 0 run to version 1, which the schema accepts', () => {
    const m = migrateRun(structuredClone(v0));
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.from).toBe(0);
    expect(m.applied).toHaveLength(1);
    const run = runSchema.parse(m.doc);
    expect(run).toMatchObject({
      version: 1,
      label: 'old label',
      createdAt: '2026-11-01T10:00:00.000Z',
      status: 'finished',
      hash: projectHash(project),
      backend: { name: 'wasm' },
      model: { epoch: 2 },
      timing: { trainSeconds: 0.75 },
      test: { loss: 0.6, accuracy: 0.75 },
    });
    expect(run.epochs[1]).toEqual({ epoch: 2, metrics: { loss: 0.6, accuracy: 0.75 }, learningRate: 0.1, seconds: 0.25, examplesPerSec: 16 });
  });

  it('names the JSON path of what is wrong in an old run, and refuses unknown versions', () => {
    const bad = migrateRun({ ...structuredClone(v0), history: [{ epoch: 'one' }] });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toBe('not a valid version 0 run');
    expect(!bad.ok && bad.issues?.[0]?.path).toEqual(['history', 0, 'epoch']);
    expect(migrateRun({ version: 2 })).toMatchObject({ ok: false, error: expect.stringMatching(/newer LayerLab/) });
    expect(migrateRun({ version: -1 })).toMatchObject({ ok: false, error: expect.stringMatching(/not a LayerLab run version/) });
  });

  it('the store reads a version 0 run.json from disk as version 1', async () => {
    const where = join(dir, 'old.layerlab.json');
    await mkdir(join(runsDirFor(where), v0.id), { recursive: true });
    await writeFile(join(runsDirFor(where), v0.id, 'run.json'), JSON.stringify(v0));
    const run = await readRun(where, v0.id);
    expect(run.version).toBe(1);
    expect((await listRuns(where)).runs.map((r) => r.id)).toEqual([v0.id]);
  });
});
