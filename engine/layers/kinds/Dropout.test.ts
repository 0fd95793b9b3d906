import { describe, expect, it } from 'vitest';
import { resolveParams } from '../params.js';
import { countOf, keras, shapeOf, tfjs } from '../testkit.js';
import { Dropout } from './Dropout.js';

describe('Dropout', () => {
  it('keeps the shape', () => {
    expect(shapeOf(Dropout, [[512]], { rate: 0.2 })).toEqual([512]);
  });
  it('rejects rates outside [0, 1)', () => {
    expect(resolveParams(Dropout.params, { rate: 1 }).issues[0]?.message).toMatch(/'rate' must be ≤ 0.99, got 1/);
    expect(resolveParams(Dropout.params, { rate: -0.1 }).issues[0]?.message).toMatch(/'rate' must be ≥ 0/);
  });
  it('has no weights', () => {
    expect(countOf(Dropout, [[512]])).toEqual({ trainable: 0, nonTrainable: 0 });
  });
  it('writes the rate', () => {
    expect(keras(Dropout, { rate: 0.2 }, 'd1')).toBe('layers.Dropout(0.2, name="d1")');
    expect(tfjs(Dropout, { rate: 0.2 }, 'd1')).toBe('tf.layers.dropout({rate: 0.2, name: "d1"})');
  });
});
