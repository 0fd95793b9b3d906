import { describe, expect, it } from 'vitest';
import { EarlyStopping } from './earlyStopping.js';
import { makeRng, shuffleInPlace } from '../data/random.js';
import { learningRateAt, scheduleProblem } from './schedule.js';

describe('learning-rate schedules', () => {
  it('step decay multiplies by factor every `every` epochs', () => {
    const s = { kind: 'step', every: 2, factor: 0.5 } as const;
    expect([1, 2, 3, 4, 5].map((e) => learningRateAt(0.1, s, e, 0))).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
  });
  it('exponential decay follows decayRate^(step / decaySteps)', () => {
    const s = { kind: 'exponential', decayRate: 0.5, decaySteps: 10 } as const;
    expect(learningRateAt(0.2, s, 1, 0)).toBe(0.2);
    expect(learningRateAt(0.2, s, 3, 10)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(0.2, s, 9, 25)).toBeCloseTo(0.2 * 0.5 ** 2.5, 12);
  });
  it('no schedule keeps the rate, and bad schedules are explained', () => {
    expect(learningRateAt(0.3, null, 7, 99)).toBe(0.3);
    expect(scheduleProblem({ kind: 'step', every: 0, factor: 0.5 })).toMatch(/every must be a whole number ≥ 1, got 0/);
    expect(scheduleProblem({ kind: 'exponential', decayRate: 0.9, decaySteps: 0 })).toMatch(/decaySteps must be > 0/);
    expect(scheduleProblem({ kind: 'exponential', decayRate: 0.9, decaySteps: 100 })).toBeNull();
  });
});

describe('early stopping', () => {
  it('stops after `patience` epochs without improvement and remembers the best', () => {
    const es = new EarlyStopping({ monitor: 'val_loss', patience: 2 }, true);
    const seen = [1.0, 0.8, 0.85, 0.81].map((v, i) => es.update(i + 1, { val_loss: v }));
    expect(seen).toEqual([
      { improved: true, stop: false },
      { improved: true, stop: false },
      { improved: false, stop: false },
      { improved: false, stop: true },
    ]);
    expect(es.bestEpoch).toBe(2);
    expect(es.bestValue).toBe(0.8);
  });
  it('maximises accuracy, honours minDelta, and falls back to training metrics without validation', () => {
    const es = new EarlyStopping({ monitor: 'val_accuracy', patience: 1, minDelta: 0.05 }, false);
    expect(es.monitor).toBe('accuracy');
    expect(es.update(1, { accuracy: 0.5 }).improved).toBe(true);
    expect(es.update(2, { accuracy: 0.52 })).toEqual({ improved: false, stop: true });
    expect(() => new EarlyStopping({ monitor: 'val_loss', patience: 1 }, true).update(1, { loss: 1 })).toThrow(/watches 'val_loss'/);
  });
});

describe('seeded shuffling', () => {
  it('is a permutation, repeatable by seed', () => {
    const a = shuffleInPlace(Int32Array.from({ length: 50 }, (_, i) => i), makeRng(5));
    const b = shuffleInPlace(Int32Array.from({ length: 50 }, (_, i) => i), makeRng(5));
    const c = shuffleInPlace(Int32Array.from({ length: 50 }, (_, i) => i), makeRng(6));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
