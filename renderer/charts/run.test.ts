import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../engine/train/events.js';
import { applyEvent, createRun, formatDuration, progress, secondsLeft } from './run.js';

const started: TrainingEvent = { event: 'started', jobId: 'j1', backend: 'cpu', epochs: 2, batchesPerEpoch: 5, trainCount: 20, validationCount: 4, totalParams: 17 };

describe('training run view', () => {
  it('folds a run from start to finish', () => {
    const run = createRun();
    applyEvent(run, started, 0);
    expect(run.state).toBe('running');
    for (let s = 1; s <= 5; s++)
      applyEvent(run, { event: 'batch', jobId: 'j1', epoch: 1, batch: s, step: s, metrics: { loss: 1 / s, accuracy: s / 5 }, imagesPerSec: 100 }, s * 1000);
    expect(run.batches.step).toEqual([1, 2, 3, 4, 5]);
    expect(run.batches.values.loss?.[4]).toBeCloseTo(0.2);
    expect(progress(run)).toBeCloseTo(0.5);
    // 5 of 10 steps in 5 s: 5 s left.
    expect(secondsLeft(run)).toBeCloseTo(5);
    // Paused: no time left from a pace that is the user's stepping.
    expect(secondsLeft(run, true)).toBeNull();
    applyEvent(run, { event: 'epoch', jobId: 'j1', epoch: 1, metrics: { loss: 0.4, val_loss: 0.5 }, learningRate: 0.01, seconds: 5, imagesPerSec: 100 }, 5000);
    expect(run.epochRows).toHaveLength(1);
    applyEvent(run, { event: 'finished', jobId: 'j1', epochs: 1, seconds: 6, test: { loss: 0.3, accuracy: 1 } }, 6000);
    expect(run.state).toBe('finished');
    expect(run.test?.accuracy).toBe(1);
    expect(progress(run)).toBe(1);
  });

  it('ignores events of another job and keeps series aligned when a metric appears late', () => {
    const run = applyEvent(createRun(), started, 0);
    const v = run.version;
    applyEvent(run, { event: 'failed', jobId: 'other', message: 'x' }, 1);
    expect(run.state).toBe('running');
    expect(run.version).toBe(v);
    applyEvent(run, { event: 'batch', jobId: 'j1', epoch: 1, batch: 1, step: 1, metrics: { loss: 1 }, imagesPerSec: 1 }, 1);
    applyEvent(run, { event: 'batch', jobId: 'j1', epoch: 1, batch: 2, step: 2, metrics: { loss: 1, accuracy: 0.5 }, imagesPerSec: 1 }, 2);
    applyEvent(run, { event: 'batch', jobId: 'j1', epoch: 1, batch: 3, step: 3, metrics: { loss: 1 }, imagesPerSec: 1 }, 3);
    expect(run.batches.values.accuracy).toEqual([NaN, 0.5, NaN]);
    expect(run.batches.values.loss).toHaveLength(3);
  });

  it('keeps the start-weights report, which comes before started, and drops it for the next job', () => {
    const run = createRun();
    run.jobId = 'j1';
    applyEvent(run, { event: 'init', jobId: 'j1', from: 'run A', loaded: [{ id: 'hidden', values: 6 }], fresh: [{ id: 'out', reason: 'new' }] }, 0);
    applyEvent(run, started, 1);
    expect(run.init).toEqual({ from: 'run A', loaded: [{ id: 'hidden', values: 6 }], fresh: [{ id: 'out', reason: 'new' }] });
    applyEvent(run, { ...started, jobId: 'j2' }, 2);
    expect(run.init).toBeNull();
  });

  it('keeps the run\'s warnings in order, and a new run starts without them', () => {
    const run = applyEvent(createRun(), started, 0);
    applyEvent(run, { event: 'warning', jobId: 'j1', code: 'batch-size', message: 'batch size 64 is larger than the 4 training examples' }, 1);
    applyEvent(run, { event: 'warning', jobId: 'other', code: 'loss-stuck', message: 'not this job' }, 2);
    applyEvent(run, { event: 'warning', jobId: 'j1', code: 'loss-stuck', message: 'the loss has not changed for 5 epochs', epoch: 6 }, 3);
    expect(run.warnings).toEqual(['batch size 64 is larger than the 4 training examples', 'the loss has not changed for 5 epochs']);
    applyEvent(run, { ...started, jobId: 'j2' }, 4);
    expect(run.warnings).toEqual([]);
  });

  it('records stop and failure messages', () => {
    const a = applyEvent(applyEvent(createRun(), started, 0), { event: 'stopped', jobId: 'j1', epoch: 1, reason: 'user' }, 1);
    expect(a.state).toBe('stopped');
    const b = applyEvent(applyEvent(createRun(), started, 0), { event: 'failed', jobId: 'j1', message: 'out of memory' }, 1);
    expect([b.state, b.message]).toEqual(['failed', 'out of memory']);
  });

  it('formats durations', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(125)).toBe('2 min 05 s');
    expect(formatDuration(3700)).toBe('1 h 01 min');
  });
});
