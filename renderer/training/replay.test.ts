import { describe, expect, it } from 'vitest';
import type { TrainingReplay } from '../../electron/contract.js';
import { isNewer, runFromReplay } from './replay.js';

const started = { event: 'started', jobId: 'j', backend: 'cpu', epochs: 5, batchesPerEpoch: 2, trainCount: 8, validationCount: 0, totalParams: 9 } as const;
const batch = (step: number) => ({ event: 'batch', jobId: 'j', epoch: Math.ceil(step / 2), batch: ((step - 1) % 2) + 1, step, metrics: { loss: 1 / step }, imagesPerSec: 100 }) as const;
const epoch = (n: number) => ({ event: 'epoch', jobId: 'j', epoch: n, metrics: { loss: 1 / n }, learningRate: 0.1, seconds: 1, imagesPerSec: 100 }) as const;

describe('runFromReplay', () => {
  it('is null for a session without a job', () => {
    expect(runFromReplay({ jobId: null, running: false, nowMs: 0, events: [], thinned: false }, 1000)).toBeNull();
  });

  it('rebuilds a running job with its charts, epoch and elapsed time', () => {
    const replay: TrainingReplay = {
      jobId: 'j',
      running: true,
      nowMs: 5000,
      thinned: false,
      events: [
        { atMs: 1000, event: started },
        { atMs: 1500, event: batch(1) },
        { atMs: 2000, event: batch(2) },
        { atMs: 2000, event: epoch(1) },
        { atMs: 2500, event: batch(3) },
      ],
    };
    const run = runFromReplay(replay, 100_000)!;
    expect(run).toMatchObject({ state: 'running', jobId: 'j', epochs: 5, epoch: 2, step: 3 });
    expect(run.batches.step).toEqual([1, 2, 3]);
    expect(run.epochRows.map((r) => r.epoch)).toEqual([1]);
    // Started 4 s before the answer: the page's clock says the same.
    expect(run.startedAt).toBe(100_000 - 4000);
    expect(run.elapsedSec).toBeCloseTo(4);
  });

  it('shows a job still loading its data as running, and an ended one as ended', () => {
    expect(runFromReplay({ jobId: null, running: true, nowMs: 10, events: [], thinned: false }, 50)).toMatchObject({ state: 'running', jobId: null });
    const stopped = runFromReplay(
      {
        jobId: 'j',
        running: false,
        nowMs: 9000,
        thinned: false,
        events: [
          { atMs: 0, event: started },
          { atMs: 1000, event: epoch(1) },
          { atMs: 1200, event: { event: 'stopped', jobId: 'j', epoch: 1, reason: 'stopped by the user' } },
        ],
      },
      20_000,
    )!;
    expect(stopped).toMatchObject({ state: 'stopped', message: 'stopped by the user', elapsedSec: 1.2 });
  });

  it('tells live events that carry the run on from those the replay already had', () => {
    const run = runFromReplay(
      { jobId: 'j', running: true, nowMs: 10, thinned: false, events: [started, batch(1), batch(2), epoch(1), batch(3)].map((event) => ({ atMs: 0, event })) },
      10,
    )!;
    expect(isNewer(run, batch(3))).toBe(false);
    expect(isNewer(run, batch(4))).toBe(true);
    expect(isNewer(run, epoch(1))).toBe(false);
    expect(isNewer(run, epoch(2))).toBe(true);
    expect(isNewer(run, started)).toBe(false);
    expect(isNewer(run, { ...started, jobId: 'k' })).toBe(true);
    expect(isNewer(run, { ...batch(9), jobId: 'other' })).toBe(false);
    expect(isNewer(run, { event: 'finished', jobId: 'j', epochs: 1, seconds: 1 })).toBe(true);
    run.state = 'finished';
    expect(isNewer(run, { event: 'finished', jobId: 'j', epochs: 1, seconds: 1 })).toBe(false);
  });
});
