import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { Project } from '../project/types.js';
import type { EpochEvent, FailedEvent, FinishedEvent, TrainingEvent } from './events.js';
import { blobs, chain, edge, line, node, project, xorDataset } from './testkit.js';
import { type TrainOptions, type TrainResult, startTraining } from './train.js';

async function collect(opts: TrainOptions, keepModel = false): Promise<{ events: TrainingEvent[]; result: TrainResult }> {
  const events: TrainingEvent[] = [];
  const result = await startTraining({ backend: 'cpu', ...opts, onEvent: (e) => events.push(e) }).done;
  if (!keepModel) result.model?.dispose();
  return { events, result };
}

const epochsOf = (events: TrainingEvent[]) => events.filter((e): e is EpochEvent => e.event === 'epoch');

describe('numerical failure', () => {
  it('a NaN or infinite loss fails the job with an explanation', async () => {
    const p = chain([1], [['Dense', { units: 1 }]], { loss: 'meanSquaredError', optimizer: { kind: 'sgd', learningRate: 5 }, epochs: 20, batchSize: 8 });
    const { events, result } = await collect({ project: p, dataset: line(64, 100), batchEvery: 1 });
    expect(result.status).toBe('failed');
    const failed = events.at(-1) as FailedEvent;
    expect(failed.event).toBe('failed');
    expect(failed.message).toMatch(/^loss became (NaN|infinite) at epoch 1, batch \d+: the learning rate 5 is probably too high/);
    expect(failed.message).toMatch(/inputs are not scaled \(they reach 98\.4\).*try a learning rate of 0\.01/);
    expect(failed.epoch).toBe(1);
    expect(failed.batch).toBeGreaterThanOrEqual(1);
    expect(result.error).toBe(failed.message);
  });
});

describe('early stopping', () => {
  const net = (extra: Partial<Project['training']>) =>
    chain([2], [['Dense', { units: 4, activation: 'tanh' }], ['Dense', { units: 2, activation: 'softmax' }]], {
      loss: 'categoricalCrossentropy', batchSize: 8, validationSplit: 0.25, seed: 5, epochs: 30, ...extra,
    });
  const data = blobs(32, 2);
  const weightsOf = (r: TrainResult) => r.model!.getWeights().map((w) => Array.from(w.dataSync()));

  it('stops after patience epochs without improvement and restores the best weights', async () => {
    // minDelta so large that nothing after epoch 1 counts as an improvement: stop at epoch 3.
    const es = { monitor: 'val_loss' as const, patience: 2, minDelta: 1000, restoreBestWeights: true };
    const stopped = await collect({ project: net({ earlyStopping: es }), dataset: data }, true);
    expect(epochsOf(stopped.events)).toHaveLength(3);
    expect((stopped.events.at(-1) as FinishedEvent).stoppedEarly).toEqual({ epoch: 3, bestEpoch: 1, monitor: 'val_loss' });
    // The same seed for one epoch gives the epoch-1 weights: the restored ones equal them.
    const one = await collect({ project: net({ epochs: 1 }), dataset: data }, true);
    const noRestore = await collect({ project: net({ earlyStopping: { ...es, restoreBestWeights: false } }), dataset: data }, true);
    expect(weightsOf(stopped.result)).toEqual(weightsOf(one.result));
    expect(weightsOf(noRestore.result)).not.toEqual(weightsOf(one.result));
    for (const r of [stopped, one, noRestore]) r.result.model!.dispose();
  });
});

describe('learning-rate decay', () => {
  it('step decay changes the rate every `every` epochs, and the optimizer uses it', async () => {
    for (const kind of ['sgd', 'adam'] as const) {
      const p = chain([2], [['Dense', { units: 2, activation: 'softmax' }]], {
        loss: 'categoricalCrossentropy', optimizer: { kind, learningRate: 0.1 }, batchSize: 8, epochs: 4, seed: 1,
        // From epoch 2 on the rate is ~0: the weights freeze, so epochs 2–4 see the same loss.
        lrSchedule: { kind: 'step', every: 1, factor: 1e-12 },
      });
      const { events } = await collect({ project: p, dataset: blobs(32, 3) });
      const epochs = epochsOf(events);
      expect(epochs.map((e) => e.learningRate)).toEqual([0.1, 0.1 * 1e-12, 0.1 * 1e-24, 0.1 * 1e-36].map((x, i) => (i === 0 ? x : expect.closeTo(x, 40))));
      expect(epochs[0]!.metrics.loss).not.toBeCloseTo(epochs[1]!.metrics.loss!, 4);
      expect(epochs[2]!.metrics.loss).toBeCloseTo(epochs[1]!.metrics.loss!, 5);
      expect(epochs[3]!.metrics.loss).toBeCloseTo(epochs[1]!.metrics.loss!, 5);
    }
  });

  it('exponential decay lowers the rate per batch', async () => {
    const p = chain([2], [['Dense', { units: 2, activation: 'softmax' }]], {
      loss: 'categoricalCrossentropy', batchSize: 8, epochs: 3, lrSchedule: { kind: 'exponential', decayRate: 0.5, decaySteps: 4 },
    });
    const { events } = await collect({ project: p, dataset: blobs(32, 3) });
    // 4 batches per epoch; the rate reported is the one of the epoch's last batch (steps 3, 7, 11).
    expect(epochsOf(events).map((e) => e.learningRate)).toEqual([3, 7, 11].map((s) => expect.closeTo(0.1 * 0.5 ** (s / 4), 12)));
  });
});

describe('graphs and data', () => {
  it('a two-input, two-branch graph compiles and trains (features split across the inputs)', async () => {
    const p = project(
      [
        node('x1', 'Input', { shape: [1] }), node('x2', 'Input', { shape: [1] }),
        node('h1', 'Dense', { units: 2, activation: 'tanh' }), node('h2', 'Dense', { units: 2, activation: 'tanh' }),
        node('cat', 'Concatenate'), node('h3', 'Dense', { units: 4, activation: 'tanh' }), node('out', 'Dense', { units: 1, activation: 'sigmoid' }),
      ],
      [edge('x1', 'h1'), edge('x2', 'h2'), edge('h1', 'cat', 0), edge('h2', 'cat', 1), edge('cat', 'h3'), edge('h3', 'out')],
      { epochs: 80, seed: 3 },
    );
    const { result, events } = await collect({ project: p, dataset: xorDataset(), batchEvery: 1000 });
    expect(result.status).toBe('finished');
    const epochs = epochsOf(events);
    expect(epochs.at(-1)!.metrics.loss).toBeLessThan(epochs[0]!.metrics.loss! / 2);
    expect(result.evaluation!.accuracy).toBeGreaterThanOrEqual(0.75);
  });

  it('regression trains to a small error', async () => {
    const p = chain([1], [['Dense', { units: 1 }]], { loss: 'meanSquaredError', epochs: 40, batchSize: 8 });
    const { result, events } = await collect({ project: p, dataset: line(32, 1) });
    expect(result.status).toBe('finished');
    expect(epochsOf(events)[0]!.metrics).toHaveProperty('mae');
    expect(result.evaluation!.mae).toBeLessThan(0.2);
  });

  it('fails with a message that names what does not fit', async () => {
    const two = chain([2], [['Dense', { units: 2 }]], {});
    two.graph.nodes.push(node('other', 'Dense', { units: 1 }));
    two.graph.edges.push(edge('in', 'other'));
    const multi = await collect({ project: two, dataset: xorDataset() });
    expect(multi.result.error).toMatch(/training needs one output, but the graph ends in 'l1', 'other'/);

    const wrongInput = await collect({ project: chain([3], [['Dense', { units: 1, activation: 'sigmoid' }]]), dataset: xorDataset() });
    expect(wrongInput.result.error).toMatch(/dataset gives \[2\] \(2 values\) per example but the Input node takes 'in' \[3\]; set the Input shape to \[2\]/);

    const broken = await collect({ project: chain([784], [['Dense', { units: 4 }], ['Conv2D', { filters: 2 }]]), dataset: xorDataset() });
    expect(broken.events).toEqual([expect.objectContaining({ event: 'failed', message: expect.stringMatching(/Conv2D/) })]);
  });
});

describe('memory', () => {
  it('leaks no tensors: the count after the last epoch equals the count after the first, and all are freed with the model', async () => {
    await collect({ project: chain([2], [['Dense', { units: 1 }]], { epochs: 1 }), dataset: xorDataset() }); // backend warm-up
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const p = chain([2], [['Dense', { units: 6, activation: 'relu' }], ['Dropout', { rate: 0.2 }], ['Dense', { units: 3, activation: 'softmax' }]], {
      loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy', 'precision', 'recall'], optimizer: { kind: 'rmsprop', learningRate: 0.01 },
      epochs: 5, batchSize: 8, validationSplit: 0.25, lrSchedule: { kind: 'exponential', decayRate: 0.9, decaySteps: 3 },
      earlyStopping: { monitor: 'val_loss', patience: 10, restoreBestWeights: true },
    });
    const result = await startTraining({
      project: p, dataset: blobs(48, 4, 3), backend: 'cpu', batchEvery: 2,
      onEvent: (e) => e.event === 'epoch' && counts.push(tf.memory().numTensors),
    }).done;
    expect(result.status).toBe('finished');
    expect(counts).toHaveLength(5);
    expect(counts.at(-1)).toBe(counts[0]);
    result.model!.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
