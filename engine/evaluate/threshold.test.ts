import { describe, expect, it } from 'vitest';
import { binaryMetrics, confusionAtThreshold, metricsAtThreshold } from './threshold.js';

describe('two-class metrics at a threshold', () => {
  // Six examples, counted by hand below.
  const scores = [0.1, 0.4, 0.5, 0.6, 0.8, 0.95];
  const labels = [0, 1, 0, 0, 1, 1];

  it('at 0.5: 0.5 itself is not flagged (p > t, the sigmoid rule)', () => {
    // flagged: 0.6 (neg → FP), 0.8, 0.95 (pos → TP); not: 0.1, 0.5 (neg → TN), 0.4 (pos → FN)
    expect(confusionAtThreshold(scores, labels, 0.5)).toEqual([[2, 1], [1, 2]]);
    const m = metricsAtThreshold(scores, labels, 0.5);
    expect([m.tn, m.fp, m.fn, m.tp]).toEqual([2, 1, 1, 2]);
    expect(m.accuracy.value).toBeCloseTo(4 / 6, 12);
    expect(m.precision).toEqual({ value: 2 / 3, num: 2, den: 3 });
    expect(m.recall).toEqual({ value: 2 / 3, num: 2, den: 3 });
    expect(m.f1).toBeCloseTo(2 / 3, 12);
  });

  it('a lower threshold trades precision for recall', () => {
    // at 0.3 everything but 0.1 is flagged: TP 3, FP 2, TN 1, FN 0
    const m = metricsAtThreshold(scores, labels, 0.3);
    expect(m.confusion).toEqual([[1, 2], [0, 3]]);
    expect(m.precision.value).toBeCloseTo(3 / 5, 12);
    expect(m.recall.value).toBe(1);
    expect(m.f1).toBeCloseTo((2 * 0.6 * 1) / 1.6, 12);
    expect(m.accuracy.value).toBeCloseTo(4 / 6, 12);
  });

  it('a high threshold: only 0.95 flagged, precision 1, recall 1/3', () => {
    const m = metricsAtThreshold(scores, labels, 0.9);
    expect(m.confusion).toEqual([[3, 0], [2, 1]]);
    expect(m.precision.value).toBe(1);
    expect(m.recall.value).toBeCloseTo(1 / 3, 12);
    expect(m.f1).toBeCloseTo(0.5, 12);
  });

  it('the lecture\'s "always negative" on 2 % positives: 98 % accuracy, precision 0 of 0, recall 0', () => {
    const labels = Array.from({ length: 1000 }, (_, i) => (i < 20 ? 1 : 0));
    const scores = labels.map(() => 0.01);
    const m = metricsAtThreshold(scores, labels, 0.5);
    expect(m.confusion).toEqual([[980, 0], [20, 0]]);
    expect(m.accuracy.value).toBe(0.98);
    // Nothing flagged: precision is 0/0, shown as 0 with its parts kept (num 0, den 0).
    expect(m.precision).toEqual({ value: 0, num: 0, den: 0 });
    expect(m.recall).toEqual({ value: 0, num: 0, den: 20 });
    expect(m.f1).toBe(0);
  });

  it('"always positive" at threshold 0 (scores above 0): recall 1, precision the prevalence', () => {
    const labels = Array.from({ length: 100 }, (_, i) => (i < 2 ? 1 : 0));
    const m = metricsAtThreshold(labels.map(() => 0.3), labels, 0);
    expect(m.confusion).toEqual([[0, 98], [0, 2]]);
    expect(m.recall.value).toBe(1);
    expect(m.precision.value).toBeCloseTo(0.02, 12);
    expect(m.accuracy.value).toBeCloseTo(0.02, 12);
  });

  it('an empty set and bad input', () => {
    const m = binaryMetrics([[0, 0], [0, 0]]);
    expect([m.accuracy.value, m.precision.value, m.recall.value, m.f1]).toEqual([0, 0, 0, 0]);
    expect(() => binaryMetrics([[1, 2, 3], [4, 5, 6]])).toThrow(/2×2/);
    expect(() => confusionAtThreshold([0.1], [0, 1], 0.5)).toThrow(/1 scores but 2 labels/);
  });
});
