import { describe, expect, it } from 'vitest';
import { loadDataset } from '../index.js';
import { DATASETS } from '../registry.js';

const GENERATED = DATASETS.filter((d) => d.format === 'generated').map((d) => d.id);

describe('generated teaching sets', () => {
  it('cover the ids the lecture needs', () => {
    expect(GENERATED.sort()).toEqual(['blobs', 'circles', 'line', 'moons', 'polynomial', 'sine', 'skewed', 'spirals', 'xor']);
  });

  it.each(GENERATED)('%s is deterministic per seed, differs across seeds, and is shaped right', async (id) => {
    const a = await loadDataset({ id }, { seed: 7 });
    const b = await loadDataset({ id }, { seed: 7 });
    const c = await loadDataset({ id }, { seed: 8 });
    expect(Array.from(a.train.x)).toEqual(Array.from(b.train.x));
    expect(Array.from(a.test.y)).toEqual(Array.from(b.test.y));
    expect(Array.from(a.train.x)).not.toEqual(Array.from(c.train.x));
    const xSize = a.inputShape.reduce((p, d) => p * d, 1);
    const ySize = a.targetShape.reduce((p, d) => p * d, 1);
    for (const s of [a.train, a.test]) {
      expect(s.x.length).toBe(s.count * xSize);
      expect(s.y.length).toBe(s.count * ySize);
      expect(s.x.every(Number.isFinite)).toBe(true);
    }
    expect(a.train.count).toBeGreaterThan(a.test.count);
    if (a.task === 'classification') {
      const k = a.classNames!.length;
      expect(a.targetShape).toEqual([]);
      expect(a.train.y.every((v) => Number.isInteger(v) && v >= 0 && v < k)).toBe(true);
      expect(new Set(a.train.y).size).toBe(k); // every class shows up
    }
  });

  it('size and noise options change the data', async () => {
    const small = await loadDataset({ id: 'moons', options: { size: 50, noise: 0 } });
    expect(small.train.count + small.test.count).toBe(50);
    // noise 0: every upper-moon point lies on the unit circle
    const { x, y } = small.train;
    for (let i = 0; i < small.train.count; i++) {
      if (y[i] === 0) expect(Math.hypot(x[2 * i]!, x[2 * i + 1]!)).toBeCloseTo(1, 5);
    }
  });

  it('xor labels are the exclusive or of the corners, and exact gives the truth table', async () => {
    const t = await loadDataset({ id: 'xor', options: { exact: true } });
    expect(t.train.count).toBe(4);
    expect(Array.from(t.train.x)).toEqual([0, 0, 0, 1, 1, 0, 1, 1]);
    expect(Array.from(t.train.y)).toEqual([0, 1, 1, 0]);
    const n = await loadDataset({ id: 'xor', options: { noise: 0.05 } });
    for (let i = 0; i < n.train.count; i++) {
      const a = Math.round(n.train.x[2 * i]!);
      const b = Math.round(n.train.x[2 * i + 1]!);
      expect(n.train.y[i]).toBe(a ^ b);
    }
  });

  it('skewed has 2 % positives, kept in proportion in train and test', async () => {
    const d = await loadDataset({ id: 'skewed' });
    const pos = (y: Float32Array) => y.reduce((a, v) => a + v, 0);
    expect(d.train.count + d.test.count).toBe(5000);
    expect(pos(d.train.y) + pos(d.test.y)).toBe(100);
    expect(pos(d.test.y)).toBe(20);
    expect(d.classNames).toEqual(['negative', 'positive']);
  });

  it('blobs takes k classes and a feature count', async () => {
    const d = await loadDataset({ id: 'blobs', options: { classes: 5, features: 3, size: 100 } });
    expect(d.inputShape).toEqual([3]);
    expect(d.classNames).toHaveLength(5);
  });

  it('line follows slope and intercept', async () => {
    const d = await loadDataset({ id: 'line', options: { noise: 0, slope: 3, intercept: -1 } });
    expect(d.task).toBe('regression');
    for (let i = 0; i < 10; i++) expect(d.train.y[i]).toBeCloseTo(3 * d.train.x[i]! - 1, 5);
  });

  it('polynomial evaluates its coefficients', async () => {
    const d = await loadDataset({ id: 'polynomial', options: { noise: 0, coefficients: [1, 0, 2] } });
    for (let i = 0; i < 10; i++) expect(d.train.y[i]).toBeCloseTo(1 + 2 * d.train.x[i]! ** 2, 5);
    await expect(loadDataset({ id: 'polynomial', options: { coefficients: 'x' } })).rejects.toThrow(/option coefficients must be a list/);
  });

  it('sine gives [timesteps, 1] windows and the next value as target', async () => {
    const d = await loadDataset({ id: 'sine', options: { timesteps: 12, noise: 0, size: 50, period: 10 } });
    expect(d.task).toBe('sequence');
    expect(d.inputShape).toEqual([12, 1]);
    expect(d.targetShape).toEqual([1]);
    // without noise the series is a sine of period 10 steps: x[t+10] == x[t]
    expect(d.train.x[10]).toBeCloseTo(d.train.x[0]!, 4);
    const sq = await loadDataset({ id: 'sine', options: { wave: 'square', noise: 0 } });
    expect(new Set(Array.from(sq.train.x)).size).toBe(2);
    await expect(loadDataset({ id: 'sine', options: { wave: 'wobble' } })).rejects.toThrow(/option wave must be one of sine, square/);
  });

  it('rejects out-of-range options naming dataset and option', async () => {
    await expect(loadDataset({ id: 'circles', options: { size: -3 } })).rejects.toThrow(/dataset "circles": option size must be a whole number from 2/);
    await expect(loadDataset({ id: 'spirals', options: { noise: 'lots' } })).rejects.toThrow(/option noise must be a number/);
  });
});
