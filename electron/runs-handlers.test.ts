// The runs channels with a real training worker, the XOR template and real files in a temp
// workspace: every training records a run beside its document, the list belongs to the open
// document, a saved model is evaluated and exported (after a restart too), and an export
// never takes another graph's model unasked.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadTemplate } from '../engine/project/templates.js';
import type { Project } from '../engine/project/types.js';
import type { Response } from './contract.js';
import type { Session } from './handlers.js';
import { testSession, type TestSession } from './session-fixture.js';

let ws: string;
let openFile: string | null = null;
const sessions: Session[] = [];
beforeAll(async () => {
  ws = await mkdtemp(path.join(tmpdir(), 'layerlab-runs-'));
});
afterAll(async () => {
  await Promise.all(sessions.map((s) => s.dispose()));
  await rm(ws, { recursive: true, force: true });
});

function session() {
  const t = testSession({ workspace: ws, openFile: () => openFile, exportDir: (stem) => path.join(ws, 'exports', `${stem}-${Date.now()}`) });
  sessions.push(t.session);
  return { s: t, events: t.events };
}

const call = <T = unknown>(t: TestSession, channel: string, request: unknown) => t.call<T>(channel, request);
const fails = (t: TestSession, channel: string, request: unknown) => t.fails(channel, request);

const xor = await loadTemplate('xor');
const quick = (lr: number, epochs = 15): Project => ({ ...xor, training: { ...xor.training, epochs, optimizer: { ...xor.training.optimizer, learningRate: lr } } });

/** Trains and waits until the run's last write (runs.changed 'ended'). */
const train = async (t: TestSession, _events: unknown, project: Project): Promise<string> => (await t.train(project)).jobId;

type List = Response<'runs.list'>;

describe('runs in the app', () => {
  it('records every training beside its document, lists, reads, labels, evaluates, exports and deletes them', async () => {
    const { s, events } = session();
    await call(s, 'templates.load', { id: 'xor' });
    const a = quick(0.1);
    const b = quick(0.5);
    await train(s, events, a);
    await train(s, events, b);

    // Unsaved: the runs live in the workspace under the document's id.
    let list = await call<List>(s, 'runs.list', { project: b });
    expect(list.runs).toHaveLength(2);
    expect(list.runs.map((r) => r.status)).toEqual(['finished', 'finished']);
    expect(list.runs.map((r) => r.epochs)).toEqual([15, 15]);
    // Newest first; only the second matches the project now.
    expect(list.runs.map((r) => r.matchesProject)).toEqual([true, false]);
    expect(list.runs[0]!.test?.loss).toEqual(expect.any(Number));
    expect(list.job).toMatchObject({ runId: list.runs[0]!.id, running: false });
    const unsaved = path.join(ws, 'unsaved.runs', list.documentId);
    expect((await readdir(unsaved)).sort()).toEqual(list.runs.map((r) => r.id).sort());
    const [newer, older] = list.runs.map((r) => r.id) as [string, string];

    // One run's history and settings as trained.
    const { run } = await call<Response<'runs.read'>>(s, 'runs.read', { runId: older });
    expect(run.epochs).toHaveLength(15);
    expect(run.project.training.optimizer.learningRate).toBe(0.1);
    expect(run.batches.points.length).toBeGreaterThan(0);
    expect(run).not.toHaveProperty('writer');

    expect(await call(s, 'runs.label', { runId: older, label: 'slow' })).toEqual({ id: older, label: 'slow' });
    list = await call<List>(s, 'runs.list', { project: b });
    expect(list.runs[1]!.label).toBe('slow');

    // Evaluate: a finished run answers its stored test evaluation; train split from the saved model.
    const ev = await call<Response<'evaluate'>>(s, 'evaluate', { runId: newer });
    expect(ev.confusion).toHaveLength(2);
    const evTrain = await call<Response<'evaluate'>>(s, 'evaluate', { runId: older, split: 'train' });
    expect(evTrain.loss).toEqual(expect.any(Number));

    // Export: the matching run's model; the older run is refused for this graph unless asked.
    const ok = await call<{ location: string; files: string[] }>(s, 'export', { format: 'tfjs', project: b, runId: newer, suggestedName: 'xor' });
    expect(ok.files).toContain('model.json');
    const refused = await fails(s, 'export', { format: 'tfjs', project: b, runId: older });
    expect(refused.code).toBe('invalid');
    expect(refused.message).toMatch(/trained an older graph: learning rate changed/);
    const own = await call<{ location: string }>(s, 'export', { format: 'tfjs', project: b, runId: older, graph: 'run' });
    expect(JSON.parse(await readFile(path.join(own.location, 'model.json'), 'utf8')).modelTopology).toBeDefined();
    const edited: Project = { ...b, graph: { ...b.graph, nodes: b.graph.nodes.map((n) => (n.id === 'hidden' ? { ...n, params: { ...n.params, units: 4 } } : n)) } };
    expect((await fails(s, 'export', { format: 'keras-py', project: edited, runId: newer })).message).toMatch(/older graph: 1 layer changed/);
    const py = await call<{ location: string }>(s, 'export', { format: 'project', project: edited, runId: newer, graph: 'run' });
    expect(JSON.parse(await readFile(py.location, 'utf8')).graph.nodes.find((n: { id: string }) => n.id === 'hidden').params.units).toBe(2);

    // Saving moves the runs beside the file.
    await call(s, 'project.saveAs', { project: b, suggestedName: 'xor-runs' });
    const beside = path.join(ws, 'xor-runs.runs');
    expect((await readdir(beside)).sort()).toEqual([newer, older].sort());
    list = await call<List>(s, 'runs.list', { project: b });
    expect(list.runs.map((r) => r.id)).toEqual([newer, older]);

    // After a restart: a new session opens the file and exports the old run from its files.
    openFile = path.join(ws, 'xor-runs.layerlab.json');
    const later = session();
    await call(later.s, 'project.open', {});
    expect((await call<List>(later.s, 'runs.list', { project: b })).runs.map((r) => r.id)).toEqual([newer, older]);
    const again = await call<{ files: string[] }>(later.s, 'export', { format: 'tfjs', project: b, runId: newer });
    expect(again.files).toContain('weights.bin');

    // Another template: none of XOR's runs, no job.
    await call(later.s, 'templates.load', { id: 'perceptron' });
    expect(await call<List>(later.s, 'runs.list', { project: xor })).toMatchObject({ runs: [], job: null });
    expect((await fails(later.s, 'runs.read', { runId: newer })).code).toBe('not-found');

    expect(await call(s, 'runs.delete', { runId: older })).toEqual({ deleted: true });
    expect((await call<List>(s, 'runs.list', { project: b })).runs.map((r) => r.id)).toEqual([newer]);
  }, 120_000);

  it('keeps a job with the document it was started from while another is open', async () => {
    const { s, events } = session();
    await call(s, 'templates.load', { id: 'xor' });
    await call(s, 'project.saveAs', { project: xor, suggestedName: 'long-xor' });
    const long = quick(0.1, 100_000);
    const { jobId, documentId } = await call<{ jobId: string; documentId: string }>(s, 'training.start', { project: long, backend: 'cpu' });
    await vi.waitFor(() => expect(events.some((e) => e.event === 'runs.changed' && (e.payload as { reason: string }).reason === 'started')).toBe(true), { timeout: 30_000 });
    const here = await call<List>(s, 'runs.list', { project: long });
    expect(here).toMatchObject({ documentId, job: { jobId, running: true } });
    expect(here.runs[0]).toMatchObject({ id: here.job!.runId, status: 'running' });

    // Another project: not its job, not its run; the job trains on.
    await call(s, 'templates.load', { id: 'perceptron' });
    const other = await call<List>(s, 'runs.list', { project: xor });
    expect(other.documentId).not.toBe(documentId);
    expect(other).toMatchObject({ runs: [], job: null });
    expect((await fails(s, 'runs.delete', { runId: here.job!.runId })).code).toBe('not-found');

    // Back to the saved project: its job, live.
    openFile = path.join(ws, 'long-xor.layerlab.json');
    await call(s, 'project.open', {});
    const back = await call<List>(s, 'runs.list', { project: long });
    expect(back.job).toMatchObject({ jobId, running: true });
    expect((await fails(s, 'runs.delete', { runId: back.job!.runId })).code).toBe('busy');
    await call(s, 'training.stop', { jobId });
    await vi.waitFor(() => expect(events.some((e) => e.event === 'runs.changed' && (e.payload as { reason: string }).reason === 'ended')).toBe(true), { timeout: 30_000 });
    const ended = await call<List>(s, 'runs.list', { project: long });
    expect(ended.runs[0]).toMatchObject({ status: 'stopped', hasModel: true });
  }, 90_000);

  it('refuses run ids that are not run ids, before touching any file', async () => {
    const { s } = session();
    for (const runId of ['../../etc/passwd', '..', 'abc', '0mifx3k2a-4q9zt1/../x', '']) {
      for (const [channel, req] of [
        ['runs.read', { runId }],
        ['runs.delete', { runId }],
        ['runs.label', { runId, label: 'x' }],
        ['evaluate', { runId }],
        ['export', { format: 'tfjs', project: xor, runId }],
      ] as const) {
        const e = await fails(s, channel, req);
        expect(e.code, `${channel} ${runId}`).toBe('invalid');
        expect(e.message).toMatch(/runId/);
      }
    }
    // A well-formed id that is not among this document's runs.
    expect(await fails(s, 'runs.read', { runId: '0mifx3k2a-4q9zt1' })).toMatchObject({ code: 'not-found' });
    expect((await fails(s, 'evaluate', {})).message).toMatch(/exactly one of runId and jobId/);
  });
});
