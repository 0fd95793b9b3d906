import { describe, expect, it } from 'vitest';
import type { Dataset } from '../data/types.js';
import type { Project } from '../project/types.js';
import type { TrainingEvent } from './events.js';
import { blobs, chain, xorDataset } from './testkit.js';
import { type TrainOptions, type TrainResult, startTraining } from './train.js';

async function collect(opts: TrainOptions): Promise<{ events: TrainingEvent[]; result: TrainResult; id: string }> {
  const events: TrainingEvent[] = [];
  const job = startTraining({ backend: 'cpu', ...opts, onEvent: (e) => events.push(e) });
  const result = await job.done;
  result.model?.dispose();
  return { events, result, id: job.id };
}

const xorNet = (epochs: number, extra: Partial<Project['training']> = {}) =>
  chain([2], [['Dense', { units: 2, activation: 'tanh' }], ['Dense', { units: 1, activation: 'sigmoid' }]], { epochs, seed: 3, ...extra });

describe('training on XOR (the lecture counter-example)', () => {
  it('a hidden layer of 2 reaches 100 % accuracy', async () => {
    const { result, events } = await collect({ project: xorNet(150), dataset: xorDataset(), batchEvery: 1000 });
    expect(result.status).toBe('finished');
    expect(result.evaluation?.accuracy).toBe(1);
    expect(result.evaluation?.confusion).toEqual([[2, 0], [0, 2]]);
    const finished = events.at(-1);
    expect(finished).toMatchObject({ event: 'finished', epochs: 150, test: { accuracy: 1 } });
  });

  it('a single perceptron cannot learn it (accuracy ≤ 0.75), on the wasm backend as well as cpu', async () => {
    const p = chain([2], [['Dense', { units: 1, activation: 'sigmoid' }]], { epochs: 150, seed: 3 });
    for (const backend of ['cpu', 'wasm']) {
      const { result, events } = await collect({ project: p, dataset: xorDataset(), batchEvery: 1000, backend });
      expect(events[0]).toMatchObject({ event: 'started', backend });
      expect(result.status).toBe('finished');
      expect(result.evaluation!.accuracy).toBeLessThanOrEqual(0.75);
    }
  });
});

describe('a training job', () => {
  // 48 training rows after a 25 % validation split of 64, batches of 8 → 6 batches per epoch.
  const blobNet = (extra: Partial<Project['training']> = {}): Project =>
    chain([2], [['Dense', { units: 8, activation: 'relu' }], ['Dropout', { rate: 0.3 }], ['Dense', { units: 3, activation: 'softmax' }]], {
      loss: 'categoricalCrossentropy', metrics: ['accuracy', 'precision', 'recall'], epochs: 3, batchSize: 8, validationSplit: 0.25, seed: 11, ...extra,
    });
  const data: Dataset = blobs(64, 1, 3);

  it('emits started, batch every k, epoch (with val_ metrics) and finished, in order, with their fields', async () => {
    const { events, result, id } = await collect({ project: blobNet(), dataset: data, batchEvery: 2 });
    expect(events.map((e) => e.event)).toEqual(['started', ...Array(3).fill(['batch', 'batch', 'batch', 'epoch']).flat(), 'finished']);
    expect(events.every((e) => e.jobId === id)).toBe(true);
    expect(events[0]).toMatchObject({ event: 'started', backend: 'cpu', epochs: 3, batchesPerEpoch: 6, trainCount: 48, validationCount: 16, totalParams: 2 * 8 + 8 + 8 * 3 + 3 });
    const batches = events.filter((e) => e.event === 'batch');
    expect(batches.map((b) => [b.epoch, b.batch, b.step])).toEqual([
      [1, 2, 2], [1, 4, 4], [1, 6, 6], [2, 2, 8], [2, 4, 10], [2, 6, 12], [3, 2, 14], [3, 4, 16], [3, 6, 18],
    ]);
    for (const b of batches) {
      expect(Number.isFinite(b.metrics.loss)).toBe(true);
      expect(b.metrics.accuracy).toBeGreaterThanOrEqual(0);
      expect(b.imagesPerSec).toBeGreaterThan(0);
    }
    const epochs = events.filter((e) => e.event === 'epoch');
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    for (const e of epochs) {
      expect(Object.keys(e.metrics).sort()).toEqual(['accuracy', 'loss', 'precision', 'recall', 'val_accuracy', 'val_loss', 'val_precision', 'val_recall']);
      expect(e.learningRate).toBe(0.1);
      expect(e.seconds).toBeGreaterThan(0);
    }
    expect(result.history).toEqual(epochs);
    const finished = events.at(-1)!;
    expect(finished.event === 'finished' && finished.test).toMatchObject({ loss: expect.any(Number), accuracy: expect.any(Number), precision: expect.any(Number), recall: expect.any(Number) });
    expect(result.evaluation?.confusion?.length).toBe(3);
    expect(result.evaluation?.perClass?.map((c) => c.name)).toEqual(['c0', 'c1', 'c2']);
  });

  it('is repeatable with the same seed (shuffling, initializers, dropout) and differs with another', async () => {
    const losses = async (seed: number) => (await collect({ project: blobNet({ seed }), dataset: data })).result.history.map((h) => h.metrics.loss);
    const a = await losses(11);
    expect(await losses(11)).toEqual(a);
    expect(await losses(12)).not.toEqual(a);
  });

  it('is repeatable with the same seed through GaussianNoise too', async () => {
    const noisy = (seed: number): Project =>
      chain([2], [['GaussianNoise', { stddev: 0.5 }], ['Dense', { units: 8, activation: 'relu' }], ['Dense', { units: 3, activation: 'softmax' }]], {
        loss: 'categoricalCrossentropy', epochs: 2, batchSize: 8, validationSplit: 0.25, seed,
      });
    const losses = async (seed: number) => (await collect({ project: noisy(seed), dataset: data })).result.history.map((h) => h.metrics.loss);
    const a = await losses(11);
    expect(await losses(11)).toEqual(a);
    expect(await losses(12)).not.toEqual(a);
  });

  it('stop() ends the job with a stopped event', async () => {
    const events: TrainingEvent[] = [];
    const job = startTraining({
      project: blobNet({ epochs: 50 }), dataset: data, backend: 'cpu',
      onEvent: (e) => {
        events.push(e);
        if (e.event === 'epoch' && e.epoch === 2) job.stop('enough');
      },
    });
    const result = await job.done;
    expect(result.status).toBe('stopped');
    expect(events.at(-1)).toEqual({ event: 'stopped', jobId: job.id, epoch: 2, reason: 'enough' });
    expect(events.filter((e) => e.event === 'epoch')).toHaveLength(2);
    // The stopped job still hands back the model as epoch 2 left it.
    expect(result.model?.countParams()).toBeGreaterThan(0);
    result.model?.dispose();
  });

  it('an AbortSignal stops it too', async () => {
    const ac = new AbortController();
    const job = startTraining({ project: blobNet({ epochs: 50 }), dataset: data, backend: 'cpu', batchEvery: 1, signal: ac.signal, onEvent: (e) => e.event === 'batch' && ac.abort() });
    const result = await job.done;
    expect(result.status).toBe('stopped');
    expect(result.history).toHaveLength(0);
    result.model?.dispose();
  });
});
