import { describe, expect, it } from 'vitest';
import { applyScaling, fitScaling, oneHot, preprocessDataset } from './preprocess.js';
import type { Dataset } from './types.js';

const f32 = (v: number[]) => Array.from(Float32Array.from(v));
const train = { x: Float32Array.from([0, 10, 2, 20, 4, 60]), y: new Float32Array(3), count: 3 };

describe('feature scaling (statistics from the training split only)', () => {
  it('scale divides by the range', () => {
    const p = fitScaling('scale', train, 2);
    expect(p.divisor).toEqual([4, 50]);
    expect(Array.from(applyScaling(train.x, p))).toEqual(f32([0, 0.2, 0.5, 0.4, 1, 1.2]));
  });

  it('meanNorm subtracts the mean and divides by the range', () => {
    const p = fitScaling('meanNorm', train, 2);
    expect(p.offset).toEqual([2, 30]);
    const s = applyScaling(train.x, p);
    expect(s[0]).toBeCloseTo(-0.5);
    expect(s[1]).toBeCloseTo(-0.4);
  });

  it('standardize gives mean 0 and standard deviation 1 on train', () => {
    const p = fitScaling('standardize', train, 2);
    const s = applyScaling(train.x, p);
    const col = [s[0]!, s[2]!, s[4]!];
    expect(col.reduce((a, v) => a + v, 0)).toBeCloseTo(0, 5);
    expect(Math.sqrt(col.reduce((a, v) => a + v * v, 0) / 3)).toBeCloseTo(1, 5);
  });

  it('pixels divides by 255, and a constant feature is left unscaled', () => {
    expect(Array.from(applyScaling(Float32Array.from([255, 51]), fitScaling('pixels', train, 2)))).toEqual(f32([1, 0.2]));
    const flat = { x: Float32Array.from([3, 3]), y: new Float32Array(2), count: 2 };
    expect(fitScaling('standardize', flat, 1).divisor).toEqual([1]);
  });

  it('fits on train and applies the same numbers to test', () => {
    const ds: Dataset = {
      id: 't', name: 't', description: '', source: '', task: 'regression', inputShape: [2], targetShape: [1],
      train, test: { x: Float32Array.from([8, 110]), y: new Float32Array(1), count: 1 },
    };
    const out = preprocessDataset(ds, 'scale');
    expect(Array.from(out.test.x)).toEqual(f32([2, 2.2]));
    expect(out.preprocessing).toMatchObject({ method: 'scale', divisor: [4, 50], from: 'training split, 3 examples' });
  });

  it('one-hot encodes class indices and rejects labels out of range', () => {
    expect(Array.from(oneHot([2, 0], 3))).toEqual([0, 0, 1, 1, 0, 0]);
    expect(() => oneHot([3], 3)).toThrow(/index 0: label 3 is not a class index below 3/);
  });
});
