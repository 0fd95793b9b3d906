import { describe, expect, it } from 'vitest';
import { smooth } from './smoothing.js';

describe('smooth', () => {
  it('weight 0 is the raw series', () => {
    expect(Array.from(smooth([3, 1, 4], 0))).toEqual([3, 1, 4]);
  });

  it('is debiased: a constant series stays constant', () => {
    for (const v of smooth([2, 2, 2, 2], 0.9)) expect(v).toBeCloseTo(2, 10);
  });

  it('damps noise around a trend', () => {
    const ys = Array.from({ length: 400 }, (_, i) => 1 + (i % 2 ? 0.5 : -0.5));
    const s = smooth(ys, 0.95);
    expect(Math.abs(s[399]! - 1)).toBeLessThan(0.05);
  });

  it('passes NaN gaps through without poisoning later values', () => {
    const s = smooth([1, NaN, 1], 0.5);
    expect(Number.isNaN(s[1])).toBe(true);
    expect(s[2]).toBeCloseTo(1, 10);
  });
});
