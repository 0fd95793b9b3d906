// views.inspect through a session and a real worker: a trained XOR run's 'about' and
// 'samples' come back checked against their schemas, the run stays loaded between
// questions, bad params and unknown runs are refused by name, and the session still answers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDataset } from '../engine/data/index.js';
import { loadTemplate, TEMPLATES_DIR } from '../engine/project/templates.js';
import type { Envelope, EventName, Response } from './contract.js';
import { Session, type Dialogs } from './handlers.js';
import { tsxWorker } from './trainer.js';

let ws: string;
let session: Session;
const events: { event: EventName; payload: unknown }[] = [];
beforeAll(async () => {
  ws = await mkdtemp(path.join(tmpdir(), 'layerlab-inspect-'));
  const dialogs: Dialogs = { pickOpenFile: async () => null, pickSaveFile: async (name) => path.join(ws, name), pickExportDir: async (stem) => path.join(ws, stem) };
  session = new Session({ dialogs, templatesDir: TEMPLATES_DIR, worker: tsxWorker(), workspace: ws, emit: (event, payload) => events.push({ event, payload }) });
});
afterAll(async () => {
  await session.dispose();
  await rm(ws, { recursive: true, force: true });
});

async function call<T = unknown>(channel: string, request: unknown): Promise<T> {
  const r = (await session.handle(channel, request)) as Envelope<T>;
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('views.inspect', () => {
  it('answers about and samples for a trained run, refuses bad params by field, and keeps answering', async () => {
    const xor = await loadTemplate('xor');
    await call('templates.load', { id: 'xor' });
    const project = { ...xor, training: { ...xor.training, epochs: 5 } };
    await call('training.start', { project, backend: 'cpu' });
    await vi.waitFor(() => expect(events.some((e) => e.event === 'runs.changed' && (e.payload as { reason: string }).reason === 'ended')).toBe(true), { timeout: 60_000, interval: 50 });
    const runId = (await call<Response<'runs.list'>>('runs.list', { project })).runs[0]!.id;

    const about = await call<Response<'views.inspect'>>('views.inspect', { runId, view: 'about', params: {} });
    expect(about.view).toBe('about');
    if (about.view !== 'about') return;
    expect(about.value.task).toBe('classification');
    expect(about.value.inputShape).toEqual([2]);
    expect(about.value.nodes.map((n) => n.id)).toEqual(project.graph.nodes.map((n) => n.id));
    expect(about.value.views.samples).toBe(true);

    // The raw points of the XOR test split, as the loader has them before scaling.
    const ds = await loadDataset(project.dataset!, { seed: project.training.seed });
    const s = await call<Response<'views.inspect'>>('views.inspect', { runId, view: 'samples', params: { indices: [0, 3] } });
    if (s.view !== 'samples') throw new Error('wrong view');
    expect(s.value.items.map((i) => i.index)).toEqual([0, 3]);
    expect(s.value.items[1]!.label).toBe(ds.test.y[3]);
    expect(s.value.count).toBe(ds.test.count);

    const byClass = await call<Response<'views.inspect'>>('views.inspect', { runId, view: 'samples', params: { classIndex: 1, limit: 5 } });
    if (byClass.view !== 'samples') throw new Error('wrong view');
    expect(byClass.value.items.every((i) => i.label === 1)).toBe(true);
    expect(byClass.value.matching).toBe(Array.from(ds.test.y).filter((y) => y === 1).length);

    const bad = await session.handle('views.inspect', { runId, view: 'samples', params: { limit: 1000 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'invalid', message: expect.stringContaining('limit') });
    const unknownView = await session.handle('views.inspect', { runId, view: 'nope', params: {} });
    expect(unknownView.ok).toBe(false);
    const past = await session.handle('views.inspect', { runId, view: 'samples', params: { indices: [99999] } });
    expect(past.ok).toBe(false);
    if (!past.ok) expect(past.error.message).toMatch(/sample 99999 is past/);
    const noRun = await session.handle('views.inspect', { runId: '000000000-000000', view: 'about', params: {} });
    expect(noRun.ok).toBe(false);
    if (!noRun.ok) expect(noRun.error.code).toBe('not-found');
    // The loaded worker still answers after the refusals.
    const again = await call<Response<'views.inspect'>>('views.inspect', { runId, view: 'samples', params: { indices: [1] } });
    expect(again.view).toBe('samples');
  }, 120_000);
});
