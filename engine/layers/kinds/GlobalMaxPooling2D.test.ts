import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { GlobalMaxPooling2D } from './GlobalMaxPooling2D.js';

describe('GlobalMaxPooling2D', () => {
  it('keeps one number per channel', () => {
    expect(shapeOf(GlobalMaxPooling2D, [[5, 3, 10]])).toEqual([10]);
  });
  it('needs an image with known channels', () => {
    expect(errorOf(GlobalMaxPooling2D, [[5, 10]])).toMatch(/^GlobalMaxPooling2D needs a 4-D input .* gets \[batch, 5, 10\]; insert a Reshape to \[5, 10, 1\]/);
    expect(errorOf(GlobalMaxPooling2D, [[5, 5, null]])).toMatch(/needs a known channel count/);
  });
  it('has no weights and writes code', () => {
    expect(countOf(GlobalMaxPooling2D, [[2, 2, 3]])).toEqual({ trainable: 0, nonTrainable: 0 });
    expect(keras(GlobalMaxPooling2D)).toBe('layers.GlobalMaxPooling2D(name="n")');
    expect(tfjs(GlobalMaxPooling2D)).toBe('tf.layers.globalMaxPooling2d({name: "n"})');
  });
});
