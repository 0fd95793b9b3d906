// The session's handlers with a real engine and real files; dialogs answer from a temp
// folder the way a user would (or cancel).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES_DIR } from '../engine/project/templates.js';
import type { EventName } from './contract.js';
import { tinyProject } from './fixtures.js';
import { Session, type Dialogs } from './handlers.js';
import { tsxWorker } from './trainer.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'layerlab-handlers-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function session(answers: Partial<Record<keyof Dialogs, string | null>> = {}) {
  const events: { event: EventName; payload: unknown }[] = [];
  const asked: string[] = [];
  const dialogs: Dialogs = {
    pickOpenFile: async () => (asked.push('open'), answers.pickOpenFile ?? null),
    pickSaveFile: async (name) => (asked.push(`save:${name}`), answers.pickSaveFile === undefined ? path.join(dir, name) : answers.pickSaveFile),
    pickExportDir: async (stem) => (asked.push(`dir:${stem}`), answers.pickExportDir === undefined ? path.join(dir, stem) : answers.pickExportDir),
  };
  const s = new Session({ dialogs, templatesDir: TEMPLATES_DIR, worker: tsxWorker(), emit: (event, payload) => events.push({ event, payload }) });
  return { s, events, asked };
}

describe('session handlers', () => {
  it('answers unknown channels and bad payloads with an error envelope, never a throw', async () => {
    const { s } = session();
    expect(await s.handle('fs.delete', {})).toEqual({ ok: false, error: { code: 'unknown-channel', message: "unknown channel 'fs.delete'" } });
    const bad = await s.handle('project.save', { project: { format: 'nope' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(!bad.ok && bad.error.message).toMatch(/project\.format/);
  });

  it('saves through the dialog, then saves again to the same file without asking', async () => {
    const { s, asked, events } = session();
    const p = tinyProject();
    const first = await s.handle('project.save', { project: p });
    expect(first).toMatchObject({ ok: true, value: { canceled: false, document: { name: 'tiny.layerlab.json' } } });
    await s.handle('project.save', { project: { ...p, name: 'tiny 2' } });
    expect(asked).toEqual(['save:tiny.layerlab.json']);
    expect(JSON.parse(await readFile(path.join(dir, 'tiny.layerlab.json'), 'utf8')).name).toBe('tiny 2');
    expect(events).toContainEqual({ event: 'document.changed', payload: { name: 'tiny.layerlab.json' } });
  });

  it('opens through the dialog, reports a broken file by name and treats cancel as cancel', async () => {
    const broken = path.join(dir, 'broken.layerlab.json');
    await writeFile(broken, '{"format": "layerlab-project", "version": 1, "name": [');
    const r = await session({ pickOpenFile: broken }).s.handle('project.open', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(!r.ok && r.error.message).toContain('broken.layerlab.json');
    expect(await session({ pickOpenFile: null }).s.handle('project.open', {})).toEqual({ ok: true, value: { canceled: true } });
    expect(await session({ pickSaveFile: null }).s.handle('project.saveAs', { project: tinyProject() })).toEqual({ ok: true, value: { canceled: true } });
  });

  it('writes each code export and the project through the host', async () => {
    const { s, asked } = session();
    const p = tinyProject();
    for (const format of ['keras-py', 'tfjs-js', 'project'] as const) {
      const r = await s.handle('export', { format, project: p });
      if (!r.ok) throw new Error(r.error.message);
      const { location } = r.value as { location: string };
      const text = await readFile(location, 'utf8');
      expect(text.length).toBeGreaterThan(20);
      if (format === 'keras-py') expect(text).toMatch(/Dense/);
    }
    expect(asked).toEqual(['save:tiny.py', 'save:tiny.mjs', 'save:tiny.layerlab.json']);
  });

  it('exports an untrained network as TensorFlow.js files from a worker', async () => {
    const { s } = session();
    const r = await s.handle('export', { format: 'tfjs', project: tinyProject(), suggestedName: 'untrained' });
    expect(r).toMatchObject({ ok: true, value: { canceled: false, location: path.join(dir, 'untrained') } });
    expect((r as { value: { files: string[] } }).value.files).toContain('model.json');
    await s.dispose();
  });

  it('answers backend and dataset questions from a worker', async () => {
    const { s } = session();
    try {
      const b = await s.handle('backend.info', {});
      if (!b.ok) throw new Error(b.error.message);
      const info = b.value as { active: { name: string } | null; backends: { name: string; available: boolean }[] };
      expect(info.backends.map((x) => x.name)).toContain('cpu');
      expect(info.backends.find((x) => x.name === 'cpu')!.available).toBe(true);
      expect(info.active).not.toBeNull();
      const d = await s.handle('datasets.info', { dataset: { id: 'xor', options: { exact: true } } });
      expect(d).toMatchObject({ ok: true, value: { id: 'xor', task: 'classification', inputShape: [2], trainCount: 4 } });
      const missing = await s.handle('datasets.info', { dataset: { id: 'no-such-data' } });
      expect(missing).toMatchObject({ ok: false, error: { code: 'failed' } });
      expect(!missing.ok && missing.error.message).toMatch(/no-such-data/);
    } finally {
      await s.dispose();
    }
  });

  it('refuses evaluate for a job it does not know', async () => {
    const r = await session().s.handle('evaluate', { jobId: 'nope' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
