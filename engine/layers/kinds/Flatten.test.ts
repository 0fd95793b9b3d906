import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { Flatten } from './Flatten.js';

describe('Flatten', () => {
  it('multiplies out the dimensions', () => {
    expect(shapeOf(Flatten, [[28, 28, 1]])).toEqual([784]);
    expect(shapeOf(Flatten, [[12, 12, 15]])).toEqual([2160]);
  });
  it('refuses an input that is already flat, as TensorFlow.js does', () => {
    expect(errorOf(Flatten, [[784]])).toBe(
      'Flatten needs an input with at least 2 dimensions [batch, a, b, …] but gets [batch, 784], which is already flat; remove the Flatten',
    );
  });
  it('needs every dimension known', () => {
    expect(errorOf(Flatten, [[null, 3]])).toMatch(/Flatten needs every dimension known but gets \[batch, \?, 3\]/);
  });
  it('has no weights and simple code', () => {
    expect(countOf(Flatten, [[2, 2]])).toEqual({ trainable: 0, nonTrainable: 0 });
    expect(keras(Flatten, {}, 'f')).toBe('layers.Flatten(name="f")');
    expect(tfjs(Flatten, {}, 'f')).toBe('tf.layers.flatten({name: "f"})');
  });
});
