import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { Add } from './Add.js';

describe('Add', () => {
  it('keeps the common shape of its inputs', () => {
    expect(shapeOf(Add, [[4, 3], [4, 3]])).toEqual([4, 3]);
    expect(shapeOf(Add, [[null, 3], [4, 3], [4, 3]])).toEqual([4, 3]);
  });
  it('says which inputs differ', () => {
    expect(errorOf(Add, [[10], [10], [12]])).toBe(
      'Add needs inputs of equal shape but input 1 is [batch, 10] and input 3 is [batch, 12]; make them equal (e.g. a Dense or Reshape before input 3)',
    );
    expect(errorOf(Add, [[10], [2, 5]])).toMatch(/input 2 is \[batch, 2, 5\]/);
    expect(errorOf(Add, [[10]])).toBe('Add needs at least 2 inputs but gets 1');
  });
  it('has no weights and writes code', () => {
    expect(countOf(Add, [[2], [2]])).toEqual({ trainable: 0, nonTrainable: 0 });
    expect(keras(Add, {}, 'm')).toBe('layers.Add(name="m")');
    expect(tfjs(Add, {}, 'm')).toBe('tf.layers.add({name: "m"})');
  });
});
