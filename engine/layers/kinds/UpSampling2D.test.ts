import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { UpSampling2D } from './UpSampling2D.js';

describe('UpSampling2D', () => {
  it('multiplies height and width', () => {
    expect(shapeOf(UpSampling2D, [[7, 7, 8]])).toEqual([14, 14, 8]);
    expect(shapeOf(UpSampling2D, [[7, 5, 8]], { size: [2, 3] })).toEqual([14, 15, 8]);
  });
  it('needs an image', () => {
    expect(errorOf(UpSampling2D, [[49]])).toBe(
      'UpSampling2D needs a 4-D input [batch, height, width, channels] but gets [batch, 49]; insert a Reshape to [7, 7, 1]',
    );
  });
  it('has no weights', () => {
    expect(countOf(UpSampling2D, [[2, 2, 1]])).toEqual({ trainable: 0, nonTrainable: 0 });
  });
  it('always gives TensorFlow.js a pair (it cannot read a single number)', () => {
    expect(tfjs(UpSampling2D)).toBe('tf.layers.upSampling2d({size: [2,2], name: "n"})');
    expect(tfjs(UpSampling2D, { size: 3, interpolation: 'bilinear' })).toBe('tf.layers.upSampling2d({size: [3,3], interpolation: "bilinear", name: "n"})');
    expect(keras(UpSampling2D, { size: [2, 3] })).toBe('layers.UpSampling2D(size=(2, 3), name="n")');
  });
});
