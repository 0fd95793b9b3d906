// views.inspect through a session and a real worker: a trained XOR run's 'about' and
// 'samples' come back checked against their schemas, the run stays loaded between
// questions, bad params and unknown runs are refused by name, and the session still answers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../engine/data/index.js';
import { loadTemplate } from '../engine/project/templates.js';
import type { Response } from './contract.js';
import { testSession, type TestSession } from './session-fixture.js';

let ws: string;
let t: TestSession;
beforeAll(async () => {
  ws = await mkdtemp(path.join(tmpdir(), 'layerlab-inspect-'));
  t = testSession({ workspace: ws });
});
afterAll(async () => {
  await t.session.dispose();
  await rm(ws, { recursive: true, force: true });
});

const call = <T = unknown>(channel: string, request: unknown) => t.call<T>(channel, request);

describe('views.inspect', () => {
  it('answers about and samples for a trained run, refuses bad params by field, and keeps answering', async () => {
    const xor = await loadTemplate('xor');
    await call('templates.load', { id: 'xor' });
    const project = { ...xor, training: { ...xor.training, epochs: 5 } };
    await t.train(project);
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

    const bad = await t.session.handle('views.inspect', { runId, view: 'samples', params: { limit: 1000 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'invalid', message: expect.stringContaining('limit') });
    const unknownView = await t.session.handle('views.inspect', { runId, view: 'nope', params: {} });
    expect(unknownView.ok).toBe(false);
    const past = await t.session.handle('views.inspect', { runId, view: 'samples', params: { indices: [99999] } });
    expect(past.ok).toBe(false);
    if (!past.ok) expect(past.error.message).toMatch(/sample 99999 is past/);
    const noRun = await t.session.handle('views.inspect', { runId: '000000000-000000', view: 'about', params: {} });
    expect(noRun.ok).toBe(false);
    if (!noRun.ok) expect(noRun.error.code).toBe('not-found');
    // The loaded worker still answers after the refusals.
    const again = await call<Response<'views.inspect'>>('views.inspect', { runId, view: 'samples', params: { indices: [1] } });
    expect(again.view).toBe('samples');
  }, 120_000);
});
