// The job log a session keeps for training.replay: bounded, in order, ending where the run
// is; and where jobs run.
import { describe, expect, it, vi } from 'vitest';
import type { TrainingEvent } from '../engine/train/events.js';
import { tinyProject } from './fixtures.js';
import { JobLog, LOG_LIMITS, Trainer, tsxWorker } from './trainer.js';

const started: TrainingEvent = { event: 'started', jobId: 'j', backend: 'cpu', epochs: 100, batchesPerEpoch: 1000, trainCount: 1, validationCount: 0, totalParams: 1 };
const batch = (step: number): TrainingEvent => ({ event: 'batch', jobId: 'j', epoch: Math.floor((step - 1) / 1000) + 1, batch: ((step - 1) % 1000) + 1, step, metrics: { loss: 1 }, imagesPerSec: 1 });
const epoch = (n: number): TrainingEvent => ({ event: 'epoch', jobId: 'j', epoch: n, metrics: { loss: 1 }, learningRate: 0.1, seconds: 1, imagesPerSec: 1 });

describe('JobLog', () => {
  it('keeps everything of a short job, in order, with times', () => {
    let t = 100;
    const log = new JobLog(LOG_LIMITS, () => t);
    log.add(started);
    t = 150;
    log.add(batch(1));
    log.add(epoch(1));
    t = 400;
    log.add({ event: 'finished', jobId: 'j', epochs: 1, seconds: 0.3 });
    t = 1100;
    const snap = log.snapshot();
    expect(snap.events.map((e) => e.event.event)).toEqual(['started', 'batch', 'epoch', 'finished']);
    expect(snap.events.map((e) => e.atMs)).toEqual([0, 50, 50, 300]);
    expect(snap.nowMs).toBe(1000);
    expect(snap.thinned).toBe(false);
  });

  it('thins batches (and epochs) of a long job to the limit, evenly, keeping the latest and every epoch mark', () => {
    const log = new JobLog({ batch: 100, epoch: 20 });
    log.add(started);
    let step = 0;
    for (let e = 1; e <= 50; e++) {
      for (let b = 0; b < 1000; b++) log.add(batch(++step));
      log.add(epoch(e));
    }
    for (let b = 0; b < 7; b++) log.add(batch(++step));
    const { events, thinned } = log.snapshot();
    expect(thinned).toBe(true);
    const steps = events.flatMap((e) => (e.event.event === 'batch' ? [e.event.step] : []));
    const epochs = events.flatMap((e) => (e.event.event === 'epoch' ? [e.event.epoch] : []));
    expect(steps.length).toBeLessThanOrEqual(101);
    expect(steps.length).toBeGreaterThan(50);
    expect(steps[0]).toBe(1);
    expect(steps.at(-1)).toBe(step);
    // Evenly spread: one stride between kept batches (the latest aside).
    const gaps = new Set(steps.slice(1, -1).map((s, i) => s - steps[i]!));
    expect(gaps.size).toBe(1);
    expect(epochs.length).toBeLessThanOrEqual(21);
    expect(epochs.at(-1)).toBe(50);
    expect(events[0]!.event.event).toBe('started');
    // Still in the order the events came.
    const seq = events.map((e) => (e.event.event === 'batch' ? e.event.step : e.event.event === 'epoch' ? e.event.epoch * 1000 + 0.5 : e.event.event === 'started' ? 0 : Infinity));
    expect([...seq].sort((a, b) => a - b)).toEqual(seq);
  });
});

describe('Trainer workers', () => {
  // Dawn through Mesa's GL on machines without a GPU, as engine/backend/webgpu/webgpu.test.ts
  // does; the forked worker inherits the environment.
  process.env.LAYERLAB_DAWN_BACKEND ??= 'opengles';
  process.env.EGL_PLATFORM ??= 'surfaceless';

  it('run jobs in a process of their own, where the webgpu backend may be used (a worker thread may not)', async () => {
    const events: TrainingEvent[] = [];
    const t = new Trainer({ worker: tsxWorker(), emit: (e) => events.push(e) });
    const keepAlive = setInterval(() => undefined, 1000); // the utility worker does not hold the loop
    try {
      const list = (await t.ask((requestId) => ({ type: 'backends', requestId }))) as { name: string; available: boolean; reason?: string }[];
      const webgpu = list.find((b) => b.name === 'webgpu')!;
      expect(webgpu.reason ?? '').not.toMatch(/main thread/);
      if (webgpu.available) {
        const jobId = await t.start(tinyProject(), { backend: 'webgpu' });
        await vi.waitFor(() => expect(events.some((e) => e.event === 'finished' || e.event === 'failed')).toBe(true), { timeout: 60_000, interval: 100 });
        expect(events.find((e) => e.event === 'started')).toMatchObject({ jobId, backend: 'webgpu' });
        expect(events.at(-1)).toMatchObject({ event: 'finished', jobId });
      }
    } finally {
      clearInterval(keepAlive);
      await t.dispose();
    }
  }, 90_000);
});
