// Live views and Pause / Step / Resume through a session and a real worker: a training XOR
// job sends training.view snapshots of its input plane (both classes in its boundary once
// trained), and a job started paused trains exactly one batch per training.step.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadTemplate, TEMPLATES_DIR } from '../engine/project/templates.js';
import type { BatchEvent, TrainingEvent } from '../engine/train/events.js';
import { classesOf } from '../engine/views/boundary.js';
import { planeFromWire, type PlaneWire } from '../engine/views/wire.js';
import { parseEvent, type Envelope, type EventName, type EventPayload, type Response } from './contract.js';
import { Session, type Dialogs } from './handlers.js';
import { tsxWorker } from './trainer.js';

let ws: string;
let session: Session;
const events: { event: EventName; payload: unknown }[] = [];
beforeAll(async () => {
  ws = await mkdtemp(path.join(tmpdir(), 'layerlab-live-'));
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

const of = <E extends EventName>(name: E, jobId: string, from = 0): EventPayload<E>[] =>
  events
    .slice(from)
    .filter((e) => e.event === name && (e.payload as { jobId: string }).jobId === jobId)
    .map((e) => parseEvent(name, e.payload));
const training = (jobId: string, from = 0) => of('training.event', jobId, from) as TrainingEvent[];
const ended = (jobId: string, from = 0) => training(jobId, from).some((e) => ['finished', 'stopped', 'failed'].includes(e.event));

describe('live views and Pause / Step / Resume', () => {
  it('a training XOR job sends plane snapshots; the last one separates both classes', async () => {
    const xor = await loadTemplate('xor');
    await call('templates.load', { id: 'xor' });
    const project = { ...xor, training: { ...xor.training, epochs: 150 } };
    const from = events.length;
    const { jobId } = await call<Response<'training.start'>>('training.start', { project, backend: 'cpu' });
    await vi.waitFor(() => expect(ended(jobId, from)).toBe(true), { timeout: 90_000, interval: 50 });
    expect(training(jobId, from).at(-1)!.event).toBe('finished');
    const views = of('training.view', jobId, from);
    // One before the first batch and one at the end at least, throttled in between.
    expect(views.length).toBeGreaterThanOrEqual(2);
    expect(views[0]!.step).toBe(0);
    expect(views.at(-1)!.step).toBe(150);
    const last = views.at(-1)!.view;
    expect(last.kind).toBe('plane');
    const plane = planeFromWire(last as PlaneWire);
    expect(plane.axes).toHaveLength(2);
    expect(plane.hidden.map((h) => [h.nodeId, h.units])).toEqual([['hidden', 2]]);
    expect(plane.output.nodeId).toBe('out');
    const { cls } = classesOf(plane);
    const counts = [0, 0];
    for (const c of cls) counts[c]!++;
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBeGreaterThan(0);
    // The XOR points are on top: both labels, each inside the plane's bounds.
    expect(new Set(plane.train.label)).toEqual(new Set([0, 1]));
    const replay = await call<Response<'training.replay'>>('training.replay', {});
    expect(replay.view?.step).toBe(150);
    // The job's worker says it is done after the run's last write; the next job waits for that.
    await vi.waitFor(() => expect(events.slice(from).some((e) => e.event === 'runs.changed' && (e.payload as { reason: string }).reason === 'ended')).toBe(true), { timeout: 30_000, interval: 50 });
  }, 120_000);

  it('a job started paused trains exactly one batch per step, and resume finishes it', async () => {
    const xor = await loadTemplate('xor');
    const project = { ...xor, training: { ...xor.training, epochs: 6 } }; // one batch per epoch
    const from = events.length;
    const { jobId } = await call<Response<'training.start'>>('training.start', { project, backend: 'cpu', paused: true });
    const controls = () => of('training.control', jobId, from);
    const batches = () => training(jobId, from).filter((e): e is BatchEvent => e.event === 'batch');
    await vi.waitFor(() => expect(controls().length).toBe(1), { timeout: 60_000, interval: 20 });
    expect(controls()[0]).toMatchObject({ paused: true, step: 0 });
    // Waiting, it trains nothing.
    await new Promise((r) => setTimeout(r, 300));
    expect(batches()).toHaveLength(0);
    for (let k = 1; k <= 3; k++) {
      expect((await call<Response<'training.step'>>('training.step', { jobId })).accepted).toBe(true);
      await vi.waitFor(() => expect(controls().length).toBe(k + 1), { timeout: 30_000, interval: 20 });
      expect(controls().at(-1)).toMatchObject({ paused: true, step: k });
      expect(batches().at(-1)!.step).toBe(k);
      // Every step is drawn.
      expect(of('training.view', jobId, from).at(-1)!.step).toBe(k);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(batches().at(-1)!.step).toBe(3);
    expect((await call<Response<'training.resume'>>('training.resume', { jobId })).accepted).toBe(true);
    await vi.waitFor(() => expect(ended(jobId, from)).toBe(true), { timeout: 60_000, interval: 50 });
    expect(training(jobId, from).at(-1)!.event).toBe('finished');
    expect(controls().at(-1)!.paused).toBe(false);
    expect(batches().at(-1)!.step).toBe(6);
    // A job that is not running takes no control.
    expect((await call<Response<'training.pause'>>('training.pause', { jobId })).accepted).toBe(false);
  }, 120_000);
});
