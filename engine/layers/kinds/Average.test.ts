import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { Average } from './Average.js';

describe('Average', () => {
  it('keeps the common shape of its inputs', () => {
    expect(shapeOf(Average, [[4, 3], [4, 3]])).toEqual([4, 3]);
    expect(shapeOf(Average, [[null, 3], [4, 3], [4, 3]])).toEqual([4, 3]);
  });
  it('says which inputs differ', () => {
    expect(errorOf(Average, [[10], [10], [12]])).toBe(
      'Average needs inputs of equal shape but input 1 is [batch, 10] and input 3 is [batch, 12]; make them equal (e.g. a Dense or Reshape before input 3)',
    );
    expect(errorOf(Average, [[10], [2, 5]])).toMatch(/input 2 is \[batch, 2, 5\]/);
    expect(errorOf(Average, [[10]])).toBe('Average needs at least 2 inputs but gets 1');
  });
  it('has no weights and writes code', () => {
    expect(countOf(Average, [[2], [2]])).toEqual({ trainable: 0, nonTrainable: 0 });
    expect(keras(Average, {}, 'm')).toBe('layers.Average(name="m")');
    expect(tfjs(Average, {}, 'm')).toBe('tf.layers.average({name: "m"})');
  });
});
