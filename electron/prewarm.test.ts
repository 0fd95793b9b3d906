// The spare training worker: started ahead of a job (prewarm), it is the one the next job
// takes, so that job does not wait for a process to start and TensorFlow.js to load.
import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../engine/train/events.js';
import { tinyProject } from './fixtures.js';
import { Trainer, tsxWorker } from './trainer.js';

/** Milliseconds from start() to the job's first batch event. */
async function toFirstBatch(t: Trainer, events: TrainingEvent[]): Promise<number> {
  events.length = 0;
  const t0 = performance.now();
  await t.start(tinyProject());
  while (!events.some((e) => e.event === 'batch' || e.event === 'failed')) await new Promise((r) => setTimeout(r, 5));
  const ms = performance.now() - t0;
  expect(events.some((e) => e.event === 'failed'), JSON.stringify(events.filter((e) => e.event === 'failed'))).toBe(false);
  while (!events.some((e) => e.event === 'finished' || e.event === 'failed')) await new Promise((r) => setTimeout(r, 5));
  return ms;
}

describe('prewarm', () => {
  it('a job after prewarm() takes the started worker: its first batch comes well before a cold job’s', async () => {
    const events: TrainingEvent[] = [];
    const t = new Trainer({ worker: tsxWorker(), emit: (e) => events.push(e) });
    try {
      // Cold: a worker process started by the job itself.
      const cold = await toFirstBatch(t, events);
      // The finished job made a spare for the next one; give it time to load (the cold start
      // says how long loading takes on this machine now).
      await new Promise((r) => setTimeout(r, Math.max(5_000, 1.5 * cold)));
      const warm = await toFirstBatch(t, events);
      console.log(`start → first batch: cold ${Math.round(cold)} ms, prewarmed ${Math.round(warm)} ms`);
      expect(warm).toBeLessThan(cold / 2);
    } finally {
      await t.dispose();
    }
  }, 180_000);

  it('starts no spare while a job trains, and one at most', async () => {
    const t = new Trainer({ worker: tsxWorker(), emit: () => undefined });
    try {
      const release = t.pool.acquireJob('a job');
      t.pool.prewarm();
      const first = t.pool.jobWorker();
      release();
      t.pool.prewarm();
      t.pool.prewarm();
      const spare = t.pool.jobWorker();
      // Taken: the next ask for a job worker starts a new one.
      const fresh = t.pool.jobWorker();
      expect(spare).not.toBe(first);
      expect(fresh).not.toBe(spare);
      await Promise.all([first, spare, fresh].map((w) => w.terminate()));
    } finally {
      await t.dispose();
    }
  }, 30_000);
});
