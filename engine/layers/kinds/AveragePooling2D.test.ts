import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { AveragePooling2D } from './AveragePooling2D.js';

describe('AveragePooling2D', () => {
  it('pools windows of pixels', () => {
    expect(shapeOf(AveragePooling2D, [[8, 8, 3]], { poolSize: 4 })).toEqual([2, 2, 3]);
    expect(shapeOf(AveragePooling2D, [[8, 8, 3]], { poolSize: 2, strides: 1 })).toEqual([7, 7, 3]);
  });
  it('refuses a window larger than the image and non-images', () => {
    expect(errorOf(AveragePooling2D, [[3, 8, 1]], { poolSize: 4 })).toMatch(/^AveragePooling2D window 4×4 is larger than its input 3×8/);
    expect(errorOf(AveragePooling2D, [[8, 8]])).toMatch(/needs a 4-D input .* gets \[batch, 8, 8\]; insert a Reshape to \[8, 8, 1\]/);
  });
  it('has no weights and writes code', () => {
    expect(countOf(AveragePooling2D, [[4, 4, 1]])).toEqual({ trainable: 0, nonTrainable: 0 });
    expect(keras(AveragePooling2D, { padding: 'same' })).toBe('layers.AveragePooling2D(padding="same", name="n")');
    expect(tfjs(AveragePooling2D)).toBe('tf.layers.averagePooling2d({name: "n"})');
  });
});
