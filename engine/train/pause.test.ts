import { describe, expect, it } from 'vitest';
import type { BatchEvent, TrainingEvent } from './events.js';
import { blobs, chain } from './testkit.js';
import { type ControlState, startTraining } from './train.js';

const net = () => chain([2], [['Dense', { units: 3, activation: 'tanh' }], ['Dense', { units: 2, activation: 'softmax' }]], { loss: 'categoricalCrossentropy', batchSize: 4, epochs: 2, seed: 3 });

describe('pause, step and resume', () => {
  it('a job started paused trains exactly one batch per step, and the same seed gives the same weights as an unpaused run', async () => {
    const data = blobs(16, 4); // 4 batches per epoch
    const events: TrainingEvent[] = [];
    const controls: ControlState[] = [];
    const job = startTraining({ backend: 'cpu', project: net(), dataset: data, batchEvery: 100, paused: true, onEvent: (e) => events.push(e), onControl: (c) => controls.push(c) });
    const until = async (f: () => boolean) => {
      for (let i = 0; i < 2000 && !f(); i++) await new Promise((r) => setTimeout(r, 5));
    };
    await until(() => controls.length === 1);
    expect(controls[0]).toEqual({ paused: true, step: 0, epoch: 1, batch: 0 });
    for (let k = 1; k <= 3; k++) {
      job.step();
      await until(() => controls.filter((c) => c.paused).length === k + 1);
      expect(controls.at(-1)).toEqual({ paused: true, step: k, epoch: 1, batch: k });
      // Each step sends its batch, whatever batchEvery says.
      expect((events.filter((e) => e.event === 'batch').at(-1) as BatchEvent).step).toBe(k);
    }
    job.resume();
    const paused = await job.done;
    expect(paused.status).toBe('finished');
    expect(controls.at(-1)!.paused).toBe(false);
    const plain = await startTraining({ backend: 'cpu', project: net(), dataset: data }).done;
    const w = (r: typeof plain) => r.model!.getWeights().map((t) => Array.from(t.dataSync()));
    expect(w(paused)).toEqual(w(plain));
    paused.model!.dispose();
    plain.model!.dispose();
  });

  it('stop wakes a paused job', async () => {
    const job = startTraining({ backend: 'cpu', project: net(), dataset: blobs(16, 4), paused: true });
    setTimeout(() => job.stop('stopped by the test'), 50);
    expect((await job.done).status).toBe('stopped');
  });
});
