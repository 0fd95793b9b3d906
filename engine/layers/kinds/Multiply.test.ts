import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { Multiply } from './Multiply.js';

describe('Multiply', () => {
  it('keeps the common shape of its inputs', () => {
    expect(shapeOf(Multiply, [[4, 3], [4, 3]])).toEqual([4, 3]);
    expect(shapeOf(Multiply, [[null, 3], [4, 3], [4, 3]])).toEqual([4, 3]);
  });
  it('says which inputs differ', () => {
    expect(errorOf(Multiply, [[10], [10], [12]])).toBe(
      'Multiply needs inputs of equal shape but input 1 is [batch, 10] and input 3 is [batch, 12]; make them equal (e.g. a Dense or Reshape before input 3)',
    );
    expect(errorOf(Multiply, [[10], [2, 5]])).toMatch(/input 2 is \[batch, 2, 5\]/);
    expect(errorOf(Multiply, [[10]])).toBe('Multiply needs at least 2 inputs but gets 1');
  });
  it('has no weights and writes code', () => {
    expect(countOf(Multiply, [[2], [2]])).toEqual({ trainable: 0, nonTrainable: 0 });
    expect(keras(Multiply, {}, 'm')).toBe('layers.Multiply(name="m")');
    expect(tfjs(Multiply, {}, 'm')).toBe('tf.layers.multiply({name: "m"})');
  });
});
