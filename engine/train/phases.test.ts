// What a job says before its first batch (phases), and the run's last batch always sent.
import { describe, expect, it } from 'vitest';
import type { PhaseEvent, TrainingEvent } from './events.js';
import { blobs, chain } from './testkit.js';
import { startTraining, type TrainOptions } from './train.js';

async function collect(opts: TrainOptions) {
  const events: TrainingEvent[] = [];
  const phases: PhaseEvent[] = [];
  const job = startTraining({ backend: 'cpu', ...opts, onEvent: (e) => events.push(e), onPhase: (p) => phases.push(p) });
  const result = await job.done;
  result.model?.dispose();
  return { events, phases, result, id: job.id };
}

// 48 training rows after a 25 % validation split of 64, batches of 8 → 6 batches per epoch.
const net = (epochs: number) =>
  chain([2], [['Dense', { units: 4, activation: 'relu' }], ['Dense', { units: 3, activation: 'softmax' }]], {
    loss: 'categoricalCrossentropy', epochs, batchSize: 8, validationSplit: 0.25, seed: 5,
  });
const data = blobs(64, 1, 3);

describe('phases', () => {
  it('names the backend and the model being built, under the given job id, before started; the event stream itself begins with started', async () => {
    const { events, phases, id } = await collect({ project: net(1), dataset: data, id: 'job-42' });
    expect(id).toBe('job-42');
    expect(phases.map((p) => p.phase)).toEqual(['backend', 'model']);
    expect(phases.every((p) => p.jobId === 'job-42' && p.message.length > 0)).toBe(true);
    expect(phases[1]!.message).toContain('cpu');
    expect(events[0]).toMatchObject({ event: 'started', jobId: 'job-42' });
  });
});

describe('the last batch', () => {
  it('is sent when the run is no multiple of batchEvery (18 steps, every 4th)', async () => {
    const { events } = await collect({ project: net(3), dataset: data, batchEvery: 4 });
    const steps = events.flatMap((e) => (e.event === 'batch' ? [[e.epoch, e.batch, e.step]] : []));
    expect(steps).toEqual([[1, 4, 4], [2, 2, 8], [2, 6, 12], [3, 4, 16], [3, 6, 18]]);
    // Sent before its epoch's event, and its metrics are the epoch's training metrics.
    const kinds = events.map((e) => e.event);
    expect(kinds.slice(-3)).toEqual(['batch', 'epoch', 'finished']);
    const last = events.at(-3)!;
    const epoch = events.at(-2)!;
    expect(last.event === 'batch' && epoch.event === 'epoch' && last.metrics.loss).toBe(epoch.event === 'epoch' ? epoch.metrics.loss : NaN);
  });

  it('is not sent twice when the run ends on a multiple of batchEvery', async () => {
    const { events } = await collect({ project: net(2), dataset: data, batchEvery: 3 });
    expect(events.flatMap((e) => (e.event === 'batch' ? [e.step] : []))).toEqual([3, 6, 9, 12]);
  });

  it('is sent when the user stops mid-epoch', async () => {
    const events: TrainingEvent[] = [];
    // After epoch 1, a stop a few turns of the event loop later: the loop yields once a batch,
    // so it lands inside epoch 2.
    const job: ReturnType<typeof startTraining> = startTraining({
      project: net(50), dataset: data, backend: 'cpu', batchEvery: 100,
      onEvent: (e) => {
        events.push(e);
        let turns = 0;
        const tick = () => (++turns === 3 ? job.stop() : setImmediate(tick));
        if (e.event === 'epoch' && e.epoch === 1) setImmediate(tick);
      },
    });
    const result = await job.done;
    result.model?.dispose();
    expect(result.status).toBe('stopped');
    const batches = events.flatMap((e) => (e.event === 'batch' ? [e] : []));
    expect(batches.length).toBe(1);
    const b = batches[0]!;
    expect(b.epoch).toBe(2);
    expect(b.batch).toBeGreaterThanOrEqual(1);
    expect(b.batch).toBeLessThan(6);
    expect(b.step).toBe(6 + b.batch);
    expect(events.at(-1)).toMatchObject({ event: 'stopped', epoch: 1 });
  });
});
