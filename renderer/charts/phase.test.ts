// The dashboard's words while a job has not drawn its first batch.
import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../engine/train/events.js';
import { applyEvent, createRun, waitingText } from './run.js';

const started: TrainingEvent = { event: 'started', jobId: 'j', backend: 'wasm', epochs: 2, batchesPerEpoch: 3, trainCount: 90, validationCount: 0, totalParams: 9 };
const batch: TrainingEvent = { event: 'batch', jobId: 'j', epoch: 1, batch: 1, step: 1, metrics: { loss: 0.7 }, imagesPerSec: 10 };

describe('waitingText', () => {
  it('follows the job from the process starting to its first batch, then says nothing', () => {
    const run = createRun();
    expect(waitingText(run)).toBeNull();
    run.state = 'running';
    expect(waitingText(run)).toBe('Starting the training process (loading TensorFlow.js)…');
    applyEvent(run, { event: 'phase', jobId: 'j', phase: 'dataset', message: "Loading dataset 'mnist'…" }, 0);
    expect(waitingText(run)).toBe("Loading dataset 'mnist'…");
    applyEvent(run, { event: 'phase', jobId: 'j', phase: 'dataset', message: 'Reading images…', done: 300, total: 1000 }, 0);
    expect(waitingText(run)).toBe('Reading images… 300 of 1000');
    run.jobId = 'j';
    applyEvent(run, { event: 'phase', jobId: 'j', phase: 'backend', message: 'Starting the backend…' }, 0);
    expect(waitingText(run)).toBe('Starting the backend…');
    applyEvent(run, started, 10);
    expect(waitingText(run)).toBe('Training the first batches on wasm…');
    applyEvent(run, batch, 20);
    expect(waitingText(run)).toBeNull();
  });

  it("ignores another job's phases and phases after the run ended", () => {
    const run = createRun();
    run.state = 'running';
    run.jobId = 'j';
    applyEvent(run, { event: 'phase', jobId: 'other', phase: 'model', message: 'Building the model…' }, 0);
    expect(run.phase).toBeNull();
    applyEvent(run, { event: 'failed', jobId: 'j', message: 'no' }, 0);
    applyEvent(run, { event: 'phase', jobId: 'j', phase: 'model', message: 'Building the model…' }, 0);
    expect(run.phase).toBeNull();
    expect(waitingText(run)).toBeNull();
  });
});
