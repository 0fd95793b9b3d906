import { describe, expect, it } from 'vitest';
import { loadProjectDataset } from '../data/index.js';
import { loadTemplate } from '../project/templates.js';
import type { Project } from '../project/types.js';
import type { TrainingEvent, WarningEvent } from './events.js';
import { blobs, chain, xorDataset } from './testkit.js';
import { startTraining, type TrainOptions } from './train.js';
import { batchSizeWarning, formatRate, LEARNING_RATE_TOO_HIGH, STUCK_EPOCHS, stuckLossWarning } from './warnings.js';

async function collect(opts: TrainOptions) {
  const events: TrainingEvent[] = [];
  const job = startTraining({ backend: 'cpu', batchEvery: 1000, ...opts, onEvent: (e) => events.push(e) });
  const result = await job.done;
  result.model?.dispose();
  const warnings = events.filter((e): e is WarningEvent => e.event === 'warning');
  return { events, result, warnings };
}

const withOptimizer = (p: Project, kind: Project['training']['optimizer']['kind'], learningRate: number, epochs: number): Project => ({
  ...p,
  training: { ...p.training, optimizer: { kind, learningRate }, epochs },
});

describe('the loss-stuck rule', () => {
  const flat = [0.9, 7.9712, 7.9712, 7.9712, 7.9712, 7.9712, 7.9712];

  it(`warns after ${STUCK_EPOCHS} flat epochs at a far too high rate, with the rate written as people write it`, () => {
    expect(stuckLossWarning(flat, 1e6, 'adam')).toBe(
      'the loss has not changed for 5 epochs (7.9712) at learning rate 1e6: the learning rate is probably far too high for adam; try 0.001',
    );
    expect(stuckLossWarning(flat, 2.5, 'rmsprop')).toMatch(/at learning rate 2\.5: .* too high for rmsprop; try 0\.001$/);
  });

  it('needs 5 epochs of no change: 4 are not enough, and a change of 2e-4 is movement, 5e-5 is not', () => {
    expect(stuckLossWarning(flat.slice(0, STUCK_EPOCHS + 1), 1e6, 'adam')).toBeNull(); // the first value moved
    expect(stuckLossWarning(flat.slice(1, STUCK_EPOCHS + 1), 1e6, 'adam')).toBeNull(); // only 4 epochs of change
    expect(stuckLossWarning([1, 1, 1, 1, 1, 1 - 2e-4], 1e6, 'adam')).toBeNull();
    expect(stuckLossWarning([1, 1, 1, 1, 1, 1 - 5e-5], 1e6, 'adam')).not.toBeNull();
  });

  it('is silent below each optimizer’s too-high mark, and for a loss flat at 0 (nothing left to learn)', () => {
    for (const [kind, { from }] of Object.entries(LEARNING_RATE_TOO_HIGH) as [keyof typeof LEARNING_RATE_TOO_HIGH, { from: number }][]) {
      expect(stuckLossWarning(flat, from * 0.99, kind)).toBeNull();
      expect(stuckLossWarning(flat, from, kind)).toContain(`too high for ${kind}`);
    }
    expect(LEARNING_RATE_TOO_HIGH.adam.from).toBe(1);
    expect(LEARNING_RATE_TOO_HIGH.sgd.from).toBe(10);
    expect(stuckLossWarning([0, 0, 0, 0, 0, 0], 1e6, 'adam')).toBeNull();
    expect(stuckLossWarning([1e-9, 1e-9, 1e-9, 1e-9, 1e-9, 1e-9], 1e6, 'adam')).toBeNull();
  });

  it('formats rates compactly', () => {
    expect([1e6, 1e-6, 0.001, 2.5, 1, 12345, 1.5e7].map(formatRate)).toEqual(['1e6', '1e-6', '0.001', '2.5', '1', '1.2345e4', '1.5e7']);
  });
});

describe('training warnings, from real runs', () => {
  it('Adam at a learning rate of 1e6 on the XOR template says the rate is far too high, once', async () => {
    const template = await loadTemplate('xor');
    const project = withOptimizer(template, 'adam', 1e6, 30);
    const { result, warnings, events } = await collect({ project, dataset: await loadProjectDataset(project) });
    expect(result.status).toBe('finished');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'loss-stuck', epoch: expect.any(Number) });
    expect(warnings[0]!.message).toMatch(/^the loss has not changed for 5 epochs \([\d.]+\) at learning rate 1e6: the learning rate is probably far too high for adam; try 0\.001$/);
    // It comes right after the epoch that completed the flat stretch.
    const at = events.indexOf(warnings[0]!);
    expect(events[at - 1]).toMatchObject({ event: 'epoch', epoch: warnings[0]!.epoch });
  });

  it('the XOR template at its own learning rate gives no warning', async () => {
    const template = await loadTemplate('xor');
    const project = { ...template, training: { ...template.training, epochs: 40 } };
    const { result, warnings } = await collect({ project, dataset: await loadProjectDataset(project) });
    expect(result.status).toBe('finished');
    expect(warnings).toEqual([]);
  });

  it('a batch larger than the training split trains in one batch of the split, with a warning after started', async () => {
    const project = chain([2], [['Dense', { units: 2, activation: 'tanh' }], ['Dense', { units: 1, activation: 'sigmoid' }]], { epochs: 3, batchSize: 64, seed: 3 });
    const { result, events, warnings } = await collect({ project, dataset: xorDataset(), batchEvery: 1 });
    expect(result.status).toBe('finished');
    expect(events[0]).toMatchObject({ event: 'started', batchesPerEpoch: 1, trainCount: 4 });
    expect(events[1]).toEqual({
      event: 'warning',
      jobId: events[0]!.jobId,
      code: 'batch-size',
      message: 'batch size 64 is larger than the 4 training examples: each epoch trains them as one batch of 4; set the batch size to 4 or less to make this explicit',
    });
    expect(warnings).toHaveLength(1);
    expect(events.filter((e) => e.event === 'batch').map((e) => e.batch)).toEqual([1, 1, 1]);
  });

  it('the batch-size warning counts what validation leaves for training', async () => {
    // 64 rows, 25 % for validation: 48 to train on.
    const project = chain([2], [['Dense', { units: 3, activation: 'softmax' }]], { loss: 'categoricalCrossentropy', epochs: 1, batchSize: 50, validationSplit: 0.25, seed: 2 });
    const { warnings, events } = await collect({ project, dataset: blobs(64, 1, 3) });
    expect(events[0]).toMatchObject({ event: 'started', batchesPerEpoch: 1, trainCount: 48, validationCount: 16 });
    expect(warnings.map((w) => w.message)).toEqual([batchSizeWarning(50, 48, 16)]);
    expect(warnings[0]!.message).toMatch(/^batch size 50 is larger than the 48 training examples \(16 of the split's examples are held out for validation\)/);
  });

  it('a batch that fits gives no warning', async () => {
    const project = chain([2], [['Dense', { units: 1, activation: 'sigmoid' }]], { epochs: 1, batchSize: 4 });
    expect((await collect({ project, dataset: xorDataset() })).warnings).toEqual([]);
  });
});
