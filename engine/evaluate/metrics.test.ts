import { describe, expect, it } from 'vitest';
import { headlineMetrics, metricsFromConfusion } from './metrics.js';

describe('metricsFromConfusion (the lecture definitions)', () => {
  it('skewed classes: an "always negative" classifier on 2 positives among 100 has accuracy 0.98, precision 0, recall 0', () => {
    // rows = true (negative, positive), columns = predicted
    const m = metricsFromConfusion([[98, 0], [2, 0]], ['negative', 'positive']);
    expect(m.accuracy).toBeCloseTo(0.98, 12);
    const pos = m.perClass[1]!;
    expect(pos).toMatchObject({ name: 'positive', precision: 0, recall: 0, f1: 0, support: 2 });
    expect(headlineMetrics(m)).toEqual({ accuracy: 0.98, precision: 0, recall: 0 });
  });

  it('3 classes: rows A (30, 50, 20), B (20, 60, 20), C (10, 10, 80) give precision(A) = 0.5 and recall(A) = 0.3', () => {
    const m = metricsFromConfusion([[30, 50, 20], [20, 60, 20], [10, 10, 80]], ['A', 'B', 'C']);
    const [a, b, c] = m.perClass;
    expect(a!.precision).toBeCloseTo(0.5, 12);
    expect(a!.recall).toBeCloseTo(0.3, 12);
    expect(a!.f1).toBeCloseTo((2 * 0.5 * 0.3) / 0.8, 12);
    expect(b!.precision).toBeCloseTo(60 / 120, 12);
    expect(b!.recall).toBeCloseTo(0.6, 12);
    expect(c!.precision).toBeCloseTo(80 / 120, 12);
    expect(c!.recall).toBeCloseTo(0.8, 12);
    expect(m.accuracy).toBeCloseTo(170 / 300, 12);
    expect(m.macro.precision).toBeCloseTo((0.5 + 0.5 + 80 / 120) / 3, 12);
    expect(m.macro.recall).toBeCloseTo((0.3 + 0.6 + 0.8) / 3, 12);
    expect(m.perClass.map((x) => x.support)).toEqual([100, 100, 100]);
  });

  it('names missing classes, copies the matrix and rejects a non-square one', () => {
    const input = [[1, 0], [0, 1]];
    const m = metricsFromConfusion(input);
    expect(m.classNames).toEqual(['class 0', 'class 1']);
    m.confusion[0]![0] = 99;
    expect(input[0]![0]).toBe(1);
    expect(() => metricsFromConfusion([[1, 2], [3]])).toThrow(/row 1 has 1 entries, expected 2/);
  });

  it('an empty matrix gives zeros rather than NaN', () => {
    const m = metricsFromConfusion([[0, 0], [0, 0]]);
    expect(m.accuracy).toBe(0);
    expect(m.macro).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});
