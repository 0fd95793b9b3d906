// The dashboard's words while a job has not drawn its first batch.
import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../engine/train/events.js';
import { applyEvent, createRun, waitingText } from './run.js';
import { phaseFraction, phaseText } from './phase.js';

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
    applyEvent(run, { event: 'phase', jobId: 'j', phase: 'dataset', message: "Loading dataset 'fashion-mnist'…", progress: { done: 12000, total: 60000, unit: 'images' } }, 0);
    expect(waitingText(run)).toBe('Loading the dataset: 12,000 of 60,000 images');
    expect(phaseFraction(run.phase)).toBeCloseTo(0.2);
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

describe('phaseText', () => {
  it('counts in the unit the loader counts, with thousands separators, and says nothing of a count it lacks', () => {
    expect(phaseText({ phase: 'dataset', message: "Loading dataset 'x'…", progress: { done: 1234567, total: 2000000, unit: 'rows' } })).toBe('Loading the dataset: 1,234,567 of 2,000,000 rows');
    expect(phaseText({ phase: 'dataset', message: "Loading dataset 'mnist'…", progress: { done: 3, total: 10, unit: 'files' } })).toBe('Loading the dataset: 3 of 10 files');
    expect(phaseText({ phase: 'dataset', message: "Loading dataset 'one'…", progress: { done: 1, total: 1, unit: 'images' } })).toBe('Loading the dataset: 1 of 1 image');
    expect(phaseText({ phase: 'model', message: 'Building the model…', progress: { done: 2, total: 5, unit: 'files' } })).toBe('Building the model: 2 of 5 files');
    expect(phaseText({ phase: 'dataset', message: "Loading dataset 'x'…" })).toBe("Loading dataset 'x'…");
    expect(phaseText({ phase: 'dataset', message: "Loading dataset 'x'…", progress: { done: 0, total: 0, unit: 'rows' } })).toBe("Loading dataset 'x'…");
    expect(phaseFraction(null)).toBeNull();
    expect(phaseFraction({ phase: 'dataset', message: 'm', progress: { done: 60000, total: 60000, unit: 'images' } })).toBe(1);
  });
});
