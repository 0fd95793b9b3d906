import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { GlobalAveragePooling2D } from './GlobalAveragePooling2D.js';

describe('GlobalAveragePooling2D', () => {
  it('keeps one number per channel', () => {
    expect(shapeOf(GlobalAveragePooling2D, [[7, 7, 64]])).toEqual([64]);
    expect(shapeOf(GlobalAveragePooling2D, [[null, null, 3]])).toEqual([3]);
  });
  it('needs an image', () => {
    expect(errorOf(GlobalAveragePooling2D, [[64]])).toBe(
      'GlobalAveragePooling2D needs a 4-D input [batch, height, width, channels] but gets [batch, 64]; insert a Reshape to [8, 8, 1]',
    );
  });
  it('has no weights and writes code', () => {
    expect(countOf(GlobalAveragePooling2D, [[2, 2, 3]])).toEqual({ trainable: 0, nonTrainable: 0 });
    expect(keras(GlobalAveragePooling2D)).toBe('layers.GlobalAveragePooling2D(name="n")');
    expect(tfjs(GlobalAveragePooling2D)).toBe('tf.layers.globalAveragePooling2d({name: "n"})');
  });
});
