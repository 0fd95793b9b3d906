import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { MaxPooling2D } from './MaxPooling2D.js';

describe('MaxPooling2D', () => {
  it('halves by default, strides default to the window', () => {
    expect(shapeOf(MaxPooling2D, [[22, 22, 15]])).toEqual([11, 11, 15]);
    expect(shapeOf(MaxPooling2D, [[5, 5, 1]])).toEqual([2, 2, 1]);
    expect(shapeOf(MaxPooling2D, [[5, 5, 1]], { padding: 'same' })).toEqual([3, 3, 1]);
    expect(shapeOf(MaxPooling2D, [[6, 6, 2]], { poolSize: [3, 2], strides: 1 })).toEqual([4, 5, 2]);
  });
  it('refuses a window larger than the image', () => {
    expect(errorOf(MaxPooling2D, [[2, 2, 8]], { poolSize: 3 })).toBe(
      "MaxPooling2D window 3×3 is larger than its input 2×2 (from [batch, 2, 2, 8]); use a smaller poolSize or padding 'same'",
    );
  });
  it('needs an image', () => {
    expect(errorOf(MaxPooling2D, [[784]])).toMatch(/^MaxPooling2D needs a 4-D input .* gets \[batch, 784\]; insert a Reshape to \[28, 28, 1\]$/);
  });
  it('has no weights and writes code', () => {
    expect(countOf(MaxPooling2D, [[4, 4, 1]])).toEqual({ trainable: 0, nonTrainable: 0 });
    expect(keras(MaxPooling2D)).toBe('layers.MaxPooling2D(name="n")');
    expect(keras(MaxPooling2D, { poolSize: 3, strides: 2 })).toBe('layers.MaxPooling2D(pool_size=3, strides=2, name="n")');
    expect(tfjs(MaxPooling2D, { poolSize: [2, 3] })).toBe('tf.layers.maxPooling2d({poolSize: [2,3], name: "n"})');
  });
});
