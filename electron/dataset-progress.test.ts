// The training worker says how far its dataset has loaded: phase events with a count that
// grows to the whole, few enough not to flood the channel, all before the first batch.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PhaseEvent, TrainingEvent } from '../engine/train/events.js';
import { tinyProject } from './fixtures.js';
import { Trainer, tsxWorker } from './trainer.js';

describe('dataset loading progress', () => {
  it('the worker sends dataset phases with progress, ending at every row, before training', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ds-progress-')), 'points.csv');
    const rows = Array.from({ length: 6000 }, (_, i) => `${(i % 97) / 97},${(i % 13) / 13},${i % 2}`);
    writeFileSync(file, `a,b,label\n${rows.join('\n')}\n`);
    const events: TrainingEvent[] = [];
    const t = new Trainer({ worker: tsxWorker(), emit: (e) => events.push(e) });
    try {
      const base = tinyProject();
      await t.start({ ...base, dataset: { file }, training: { ...base.training, epochs: 1 } });
      while (!events.some((e) => e.event === 'finished' || e.event === 'failed')) await new Promise((r) => setTimeout(r, 10));
      expect(events.filter((e) => e.event === 'failed')).toEqual([]);
      const counted = events.filter((e): e is PhaseEvent => e.event === 'phase' && e.phase === 'dataset' && e.progress !== undefined);
      expect(counted.length).toBeGreaterThanOrEqual(5);
      expect(counted.length).toBeLessThanOrEqual(60);
      for (const e of counted) {
        expect(e.progress!.unit).toBe('rows');
        expect(e.progress!.total).toBe(6000);
        expect(e.message).toBe("Loading dataset 'points.csv'…");
      }
      for (let i = 1; i < counted.length; i++) expect(counted[i]!.progress!.done).toBeGreaterThan(counted[i - 1]!.progress!.done);
      expect(counted.at(-1)!.progress!.done).toBe(6000);
      const lastCount = events.lastIndexOf(counted.at(-1)!);
      expect(events.findIndex((e) => e.event === 'batch')).toBeGreaterThan(lastCount);
    } finally {
      await t.dispose();
    }
  }, 120_000);
});
