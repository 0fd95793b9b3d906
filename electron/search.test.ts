// The app's hyper-parameter search on the host: real training worker processes (tsx), the
// XOR template, runs recorded in a temp folder; a 2×2 grid trained to the end, ranked; and
// a search stopped in the middle.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate, TEMPLATES_DIR } from '../engine/project/templates.js';
import type { Project } from '../engine/project/types.js';
import { listRuns, readRun } from '../engine/runs/store.js';
import type { EventName, EventPayload } from './contract.js';
import { Session } from './handlers.js';
import { SearchJob, type SearchEvent } from './search.js';
import { workspaceDialogs } from './web-dialogs.js';
import { tsxWorker, WorkerPool } from './worker-pool.js';

let dir: string;
let xor: Project;
let pool: WorkerPool;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'layerlab-search-host-'));
  xor = await loadTemplate('xor', TEMPLATES_DIR);
  pool = new WorkerPool(tsxWorker(), { maxJobs: 2 });
});
afterAll(async () => {
  await pool.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('SearchJob', () => {
  it('trains a 2×2 grid as recorded runs, two at a time within the job cap, and ranks them by the metric', async () => {
    const runsDir = path.join(dir, 'grid.runs');
    const events: SearchEvent[] = [];
    const job = new SearchJob({
      pool,
      project: xor,
      dataset: xor.dataset!,
      runsDir,
      input: { space: { grid: [{ path: 'hidden.units', values: [2, 4] }, { path: 'training.optimizer.learningRate', values: [0.01, 0.1] }], ranges: [] }, epochs: 4 },
      emit: (e) => events.push(e),
    });
    expect(job.parallel).toBe(2);
    expect(job.plan.metric).toBe('loss'); // XOR has no validation split
    let peak = 0;
    const watch = setInterval(() => (peak = Math.max(peak, pool.stats().jobs)), 20);
    const result = await job.start();
    clearInterval(watch);
    expect(peak).toBe(2); // two trials at a time, each holding a job place
    expect(pool.stats().jobs).toBe(0);
    expect(result!.trials).toHaveLength(4);
    const metrics = result!.trials.map((t) => t.metric!);
    expect(metrics.every((m) => Number.isFinite(m))).toBe(true);
    expect(metrics).toEqual([...metrics].sort((a, b) => a - b));
    const done = events.at(-1)!;
    expect(done).toMatchObject({ type: 'done', status: 'finished', best: { runId: result!.trials[0]!.runId } });
    expect(events.filter((e) => e.type === 'trial-started')).toHaveLength(4);
    expect(events.filter((e) => e.type === 'progress').length).toBeGreaterThanOrEqual(16);
    const { runs } = await listRuns({ runsDir });
    expect(runs).toHaveLength(4);
    for (const t of result!.trials) {
      const run = await readRun({ runsDir }, t.runId!);
      expect(run.status).toBe('finished');
      expect(run.search).toMatchObject({ id: job.id, params: t.params });
      expect(run.epochs).toHaveLength(4);
      expect(run.project.graph.nodes[1]!.params.units).toBe(t.params['hidden.units']);
      expect(run.project.training.optimizer.learningRate).toBe(t.params['training.optimizer.learningRate']);
    }
  }, 120_000);

  it('stop() ends the running trial, which records itself as stopped, and starts no more', async () => {
    const runsDir = path.join(dir, 'stop.runs');
    const events: SearchEvent[] = [];
    let job: SearchJob;
    job = new SearchJob({
      pool,
      project: xor,
      dataset: xor.dataset!,
      runsDir,
      parallel: 1,
      input: { space: { grid: [{ path: 'training.optimizer.learningRate', values: [0.01, 0.03, 0.1] }], ranges: [] }, epochs: 100_000 },
      emit: (e) => {
        events.push(e);
        // Stopped a few epochs into the first trial.
        if (e.type === 'progress' && e.epoch >= 3) job.stop();
      },
    });
    const result = await job.start();
    const done = events.at(-1)!;
    expect(done).toMatchObject({ type: 'done', status: 'stopped' });
    expect(result!.trials.filter((t) => t.runId !== null)).toHaveLength(1);
    const { runs } = await listRuns({ runsDir });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.status).toBe('stopped');
    expect(runs[0]!.epochs.length).toBeGreaterThanOrEqual(3);
    expect(runs[0]!.epochs.length).toBeLessThan(100_000);
    expect(job.running).toBe(false);
    expect(pool.stats().jobs).toBe(0);
  }, 120_000);

  it('random: seeded draws from a log range, each trial trained and recorded with its drawn value', async () => {
    const runsDir = path.join(dir, 'random.runs');
    const input = { space: { grid: [], ranges: [{ path: 'training.optimizer.learningRate', min: 0.001, max: 0.1, scale: 'log' as const }] }, random: 3, seed: 7, epochs: 2 };
    const job = new SearchJob({ pool, project: xor, dataset: xor.dataset!, runsDir, input, emit: () => undefined });
    const drawn = job.plan.jobs.map((j) => j.params['training.optimizer.learningRate'] as number);
    expect(drawn).toHaveLength(3);
    for (const v of drawn) expect(v).toBeGreaterThanOrEqual(0.001), expect(v).toBeLessThanOrEqual(0.1);
    // The same seed draws the same values.
    expect(new SearchJob({ pool, project: xor, dataset: xor.dataset!, runsDir, input, emit: () => undefined }).plan.jobs.map((j) => j.params)).toEqual(job.plan.jobs.map((j) => j.params));
    const result = await job.start();
    expect(result!.trials).toHaveLength(3);
    expect(new Set(result!.trials.map((t) => t.params['training.optimizer.learningRate']))).toEqual(new Set(drawn));
    for (const t of result!.trials) expect((await readRun({ runsDir }, t.runId!)).project.training.optimizer.learningRate).toBe(t.params['training.optimizer.learningRate']);
  }, 120_000);

  it('a path the graph does not have is refused before anything trains, naming it', () => {
    expect(
      () =>
        new SearchJob({ pool, project: xor, dataset: xor.dataset!, runsDir: dir, input: { space: { grid: [{ path: 'hiden.units', values: [2] }], ranges: [] } }, emit: () => undefined }),
    ).toThrow(/no node 'hiden' in the graph/);
  });

  it('through the session: search.start records the trials as runs of the open document (runs.list lists them), search.stop answers for its own search only', async () => {
    const ws = path.join(dir, 'ws');
    const seen: { event: EventName; payload: unknown }[] = [];
    const session = new Session({ dialogs: workspaceDialogs(ws), workspace: ws, templatesDir: TEMPLATES_DIR, pool, emit: (event, payload) => seen.push({ event, payload }) });
    try {
      const loaded = await session.handle('templates.load', { id: 'xor' });
      expect(loaded.ok).toBe(true);
      const bad = await session.handle('search.start', { project: xor, space: { grid: [{ path: 'nope.units', values: [1] }], ranges: [] } });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining("no node 'nope'") } });
      const r = await session.handle('search.start', { project: xor, space: { grid: [{ path: 'training.optimizer.learningRate', values: [0.01, 0.1] }], ranges: [] }, epochs: 2 });
      expect(r.ok).toBe(true);
      const started = (r as { value: { searchId: string; trials: unknown[]; metric: string } }).value;
      expect(started.trials).toHaveLength(2);
      expect(started.metric).toBe('loss');
      expect(await session.handle('search.stop', { searchId: 'another' })).toEqual({ ok: true, value: { stopped: false } });
      const again = await session.handle('search.start', { project: xor, space: { grid: [{ path: 'training.batchSize', values: [2] }], ranges: [] } });
      expect(again).toMatchObject({ ok: false, error: { code: 'busy' } });
      const isDone = () => seen.some((e) => e.event === 'search.event' && (e.payload as SearchEvent).type === 'done');
      for (let i = 0; i < 600 && !isDone(); i++) await new Promise((res) => setTimeout(res, 100));
      const done = seen.find((e) => e.event === 'search.event' && (e.payload as SearchEvent).type === 'done')!.payload as Extract<SearchEvent, { type: 'done' }>;
      expect(done.status).toBe('finished');
      expect(done.searchId).toBe(started.searchId);
      const list = await session.handle('runs.list', { project: xor });
      const runs = (list as { value: { runs: { id: string }[] } }).value.runs;
      expect(runs.map((x) => x.id).sort()).toEqual(done.trials.map((t) => t.runId).sort());
      const changed = seen.filter((e) => e.event === 'runs.changed').map((e) => (e.payload as EventPayload<'runs.changed'>).reason);
      expect(changed.filter((x) => x === 'started')).toHaveLength(2);
      expect(changed.filter((x) => x === 'ended')).toHaveLength(2);
    } finally {
      await session.dispose();
    }
  }, 120_000);
});
