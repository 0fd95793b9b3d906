import { describe, expect, it } from 'vitest';
import { boundedNumber, boundText, inBound, settingProblem, TRAINING_BOUNDS } from './bounds.js';

describe('setting bounds', () => {
  it('say their range in words as refusals give it', () => {
    expect(boundText(TRAINING_BOUNDS.epochs)).toBe('a whole number ≥ 1');
    expect(boundText(TRAINING_BOUNDS.validationSplit)).toBe('in [0, 1)');
    expect(boundText(TRAINING_BOUNDS.learningRate)).toBe('> 0');
    expect(settingProblem('training.batchSize', TRAINING_BOUNDS.batchSize, 2.5)).toBe('training.batchSize must be a whole number ≥ 1, got 2.5');
    expect(settingProblem('training.batchSize', TRAINING_BOUNDS.batchSize, 8)).toBeNull();
  });

  it('the zod number and the predicate agree on every bound, at and around its ends', () => {
    const probes = [-1, -0.5, 0, 1e-9, 0.5, 0.99, 1, 1.5, 2, 100, Number.NaN, Number.POSITIVE_INFINITY];
    for (const [name, b] of Object.entries(TRAINING_BOUNDS)) {
      const schema = boundedNumber(b);
      for (const v of probes) expect(schema.safeParse(v).success, `${name} at ${v}`).toBe(inBound(b, v));
    }
  });

  it('a validation split is in [0, 1)', () => {
    const b = TRAINING_BOUNDS.validationSplit;
    expect([0, 0.5, 0.999].every((v) => inBound(b, v))).toBe(true);
    expect([1, -0.01, '0.5'].some((v) => inBound(b, v))).toBe(false);
  });
});
