import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { Concatenate } from './Concatenate.js';

describe('Concatenate', () => {
  it('adds up the joined axis', () => {
    expect(shapeOf(Concatenate, [[3], [4], [5]])).toEqual([12]);
    expect(shapeOf(Concatenate, [[2, 3], [4, 3]], { axis: 1 })).toEqual([6, 3]);
    expect(shapeOf(Concatenate, [[null, 3], [4, 3]], { axis: 1 })).toEqual([null, 3]);
  });
  it('says which inputs disagree off the axis', () => {
    expect(errorOf(Concatenate, [[2, 3], [2, 4], [5, 3]], { axis: 1 })).toBe(
      'Concatenate on axis 1 needs the other dimensions to agree but input 1 is [batch, 2, 3] and input 2 is [batch, 2, 4] (they differ on axis 2); make them equal or concatenate on axis 2',
    );
    expect(errorOf(Concatenate, [[2, 3], [6]])).toMatch(/same rank but input 1 is \[batch, 2, 3\] and input 2 is \[batch, 6\]/);
  });
  it('refuses the batch axis', () => {
    expect(errorOf(Concatenate, [[2], [2]], { axis: 0 })).toMatch(/Concatenate axis 0 does not fit input 1 \[batch, 2\]/);
  });
  it('has no weights and writes code', () => {
    expect(countOf(Concatenate, [[2], [2]])).toEqual({ trainable: 0, nonTrainable: 0 });
    expect(keras(Concatenate)).toBe('layers.Concatenate(name="n")');
    expect(keras(Concatenate, { axis: 1 })).toBe('layers.Concatenate(axis=1, name="n")');
    expect(tfjs(Concatenate, { axis: 1 })).toBe('tf.layers.concatenate({axis: 1, name: "n"})');
  });
});
