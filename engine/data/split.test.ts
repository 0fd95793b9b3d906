import { describe, expect, it } from 'vitest';
import { holdOut, splitAll } from './split.js';
import type { Split } from './types.js';

const examples = (n: number, classOf: (i: number) => number): Split => ({
  x: Float32Array.from({ length: n * 2 }, (_, i) => Math.floor(i / 2)),
  y: Float32Array.from({ length: n }, (_, i) => classOf(i)),
  count: n,
});

describe('splits', () => {
  it('cut test and validation off a seeded shuffle, with no example lost or repeated', () => {
    const all = examples(100, (i) => i % 2);
    const s = splitAll(all, 2, 1, { seed: 3, testFraction: 0.2, validationFraction: 0.1 });
    expect([s.train.count, s.test.count, s.validation!.count]).toEqual([70, 20, 10]);
    const ids = [s.train, s.test, s.validation!].flatMap((p) => Array.from(p.x.filter((_, i) => i % 2 === 0)));
    expect(ids.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const again = splitAll(all, 2, 1, { seed: 3, testFraction: 0.2, validationFraction: 0.1 });
    expect(Array.from(again.test.x)).toEqual(Array.from(s.test.x));
    const other = splitAll(all, 2, 1, { seed: 4, testFraction: 0.2 });
    expect(Array.from(other.test.x)).not.toEqual(Array.from(s.test.x));
  });

  it('keeps a rare class in proportion when stratified', () => {
    const all = examples(1000, (i) => (i < 20 ? 1 : 0));
    for (const seed of [1, 2, 3]) {
      const s = splitAll(all, 2, 1, { seed, testFraction: 0.25, classes: 2 });
      expect(s.test.y.reduce((a, v) => a + v, 0)).toBe(5);
    }
  });

  it('holds validation out of a fixed training split', () => {
    const h = holdOut(examples(50, () => 0), 2, 1, 0.2, 1);
    expect([h.train.count, h.validation!.count]).toEqual([40, 10]);
    expect(holdOut(examples(5, () => 0), 2, 1, 0, 1).validation).toBeUndefined();
  });
});
