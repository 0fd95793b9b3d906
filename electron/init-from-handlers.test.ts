// Start from a run's weights in the app (transfer learning), with a real training worker and
// the XOR template: training.start's initFrom names a run of the open document; the worker
// loads its weights, a frozen node keeps them bit for bit through the new training, the
// 'init' event reports which nodes took them, and the new run records where it started from.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate } from '../engine/project/templates.js';
import type { Project } from '../engine/project/types.js';
import { loadRunModel } from '../engine/runs/store.js';
import type { InitEvent } from '../engine/train/events.js';
import type { Response } from './contract.js';
import { testSession, type TestSession } from './session-fixture.js';

let ws: string;
let t: TestSession;
beforeAll(async () => {
  await tf.setBackend('cpu');
  ws = await mkdtemp(path.join(tmpdir(), 'layerlab-initfrom-'));
  t = testSession({ workspace: ws });
});
afterAll(async () => {
  await t.session.dispose();
  await rm(ws, { recursive: true, force: true });
});

const call = <T = unknown>(channel: string, request: unknown) => t.call<T>(channel, request);
const fails = (channel: string, request: unknown) => t.fails(channel, request);
/** Trains and waits for the run's last write; answers the job's training events. */
const train = (project: Project, initFrom?: { runId: string; documentId?: string }) => t.train(project, initFrom ? { initFrom } : {});

const runsDir = (documentId: string) => path.join(ws, 'unsaved.runs', documentId);
const weights = async (documentId: string, runId: string, layer: string) => {
  const m = await loadRunModel({ runsDir: runsDir(documentId) }, runId);
  const w = m.getLayer(layer).getWeights().map((t) => Array.from(t.dataSync()));
  m.dispose();
  return w;
};

describe('training.start with initFrom', () => {
  it('starts from a run of the document: a frozen node keeps its weights bit for bit, the report lists it, the run records it', async () => {
    const xor = await loadTemplate('xor');
    await call('templates.load', { id: 'xor' });
    const a = { ...xor, training: { ...xor.training, epochs: 20 } };
    const first = await train(a);
    expect(first.events.some((e) => e.event === 'init')).toBe(false);
    const list = await call<Response<'runs.list'>>('runs.list', { project: a });
    const runA = list.runs[0]!;
    expect(runA).toMatchObject({ status: 'finished', hasModel: true });

    // Freeze the hidden layer, another seed (other fresh weights), and start from run A.
    const b: Project = {
      ...a,
      graph: { ...a.graph, nodes: a.graph.nodes.map((n) => (n.id === 'hidden' ? { ...n, trainable: false } : n)) },
      training: { ...a.training, seed: 7 },
    };
    const second = await train(b, { runId: runA.id });
    const init = second.events.find((e): e is InitEvent => e.event === 'init');
    expect(init).toMatchObject({ from: `run ${runA.id}`, sourceRunId: runA.id, fresh: [] });
    expect(init!.loaded).toEqual([
      { id: 'hidden', values: 6 },
      { id: 'out', values: 3 },
    ]);
    // Before 'started': the dashboard shows it from the beginning.
    expect(second.events.findIndex((e) => e.event === 'init')).toBeLessThan(second.events.findIndex((e) => e.event === 'started'));
    expect(second.events.at(-1)?.event).toBe('finished');

    const after = await call<Response<'runs.list'>>('runs.list', { project: b });
    const runB = after.runs[0]!;
    expect(runB.id).not.toBe(runA.id);
    const hiddenA = await weights(list.documentId, runA.id, 'hidden');
    expect(await weights(list.documentId, runB.id, 'hidden')).toEqual(hiddenA);
    // The head trained on from A's weights: it moved.
    expect(await weights(list.documentId, runB.id, 'out')).not.toEqual(await weights(list.documentId, runA.id, 'out'));

    const { run } = await call<Response<'runs.read'>>('runs.read', { runId: runB.id });
    expect(run.initFrom).toEqual({ from: `run ${runA.id}`, runId: runA.id, loaded: init!.loaded, fresh: [] });
    // The replay carries the report too (a reloaded page redraws it).
    const replay = await call<Response<'training.replay'>>('training.replay', {});
    expect(replay.events.some((e) => e.event.event === 'init')).toBe(true);

    // A node of another shape starts fresh, and the report says why.
    const c: Project = { ...b, graph: { ...b.graph, nodes: b.graph.nodes.map((n) => (n.id === 'hidden' ? { ...n, params: { ...n.params, units: 3 } } : n)) } };
    const third = await train(c, { runId: runA.id });
    const init3 = third.events.find((e): e is InitEvent => e.event === 'init')!;
    expect(init3.loaded).toEqual([]);
    expect(init3.fresh.map((f) => f.id)).toEqual(['hidden', 'out']);
    expect(init3.fresh[0]!.reason).toMatch(/its weights are \[2, 3\] \[3\] here but \[2, 2\] \[2\] in run /);
  }, 120_000);

  it('starts from a run of a document open before in this session (a template trained, then another opened)', async () => {
    await call('templates.load', { id: 'xor' });
    const xor = await loadTemplate('xor');
    await train({ ...xor, training: { ...xor.training, epochs: 5 } });
    const first = await call<Response<'runs.list'>>('runs.list', { project: xor });
    const runA = first.runs[0]!;
    // Another document: run A is not among its runs, but offered as elsewhere.
    await call('templates.load', { id: 'xor' });
    const second = await call<Response<'runs.list'>>('runs.list', { project: xor });
    expect(second.documentId).not.toBe(first.documentId);
    expect(second.runs).toEqual([]);
    expect(second.elsewhere?.find((r) => r.id === runA.id)).toMatchObject({ documentId: first.documentId, project: xor.name, hasModel: true });
    expect(await fails('training.start', { project: xor, initFrom: { runId: runA.id } })).toMatchObject({ code: 'not-found' });
    expect(await fails('training.start', { project: xor, initFrom: { runId: runA.id, documentId: 'dnosuchdocument' } })).toMatchObject({ code: 'not-found', message: expect.stringMatching(/no document/) });
    const { events: evs } = await train(xor, { runId: runA.id, documentId: first.documentId });
    expect(evs.find((e): e is InitEvent => e.event === 'init')).toMatchObject({ sourceRunId: runA.id, loaded: [{ id: 'hidden' }, { id: 'out' }] });
    const third = await call<Response<'runs.list'>>('runs.list', { project: xor });
    expect(third.runs).toHaveLength(1);
  }, 90_000);

  it('refuses a run that is not the document\'s, not a run id, or has no weights, naming initFrom', async () => {
    const xor = await loadTemplate('xor');
    await call('templates.load', { id: 'xor' });
    expect(await fails('training.start', { project: xor, initFrom: { runId: '../x' } })).toMatchObject({ code: 'invalid', message: expect.stringMatching(/initFrom\.runId/) });
    expect(await fails('training.start', { project: xor, initFrom: { runId: '0mifx3k2a-4q9zt1' } })).toMatchObject({ code: 'not-found', message: expect.stringMatching(/^initFrom: no run '0mifx3k2a-4q9zt1'/) });

    // A run that ended before its first epoch: a record without weights.
    const first = await train({ ...xor, training: { ...xor.training, epochs: 2 } });
    expect(first.events.at(-1)?.event).toBe('finished');
    const list = await call<Response<'runs.list'>>('runs.list', { project: xor });
    const src = path.join(runsDir(list.documentId), list.runs[0]!.id);
    const noWeights = '0mifx3k2b-aaaaaa';
    await cp(src, path.join(runsDir(list.documentId), noWeights), { recursive: true });
    const file = path.join(runsDir(list.documentId), noWeights, 'run.json');
    const doc = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...doc, id: noWeights, status: 'stopped', epochs: [], model: null }));
    const e = await fails('training.start', { project: xor, initFrom: { runId: noWeights } });
    expect(e.code).toBe('invalid');
    expect(e.message).toMatch(/^initFrom: run 0mifx3k2b-aaaaaa has no saved weights to start from \(stopped, 0 epochs finished\)/);
  }, 90_000);
});
