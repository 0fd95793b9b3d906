import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { Conv2DTranspose } from './Conv2DTranspose.js';

describe('Conv2DTranspose', () => {
  it('grows the image', () => {
    expect(shapeOf(Conv2DTranspose, [[7, 7, 16]], { filters: 8, kernelSize: 3, strides: 2, padding: 'same' })).toEqual([14, 14, 8]);
    expect(shapeOf(Conv2DTranspose, [[7, 7, 16]], { filters: 8, kernelSize: 3, strides: 2 })).toEqual([15, 15, 8]);
    expect(shapeOf(Conv2DTranspose, [[7, 7, 16]], { filters: 8, kernelSize: 3 })).toEqual([9, 9, 8]);
  });
  it('needs an image', () => {
    expect(errorOf(Conv2DTranspose, [[64]], { filters: 8 })).toBe(
      'Conv2DTranspose needs a 4-D input [batch, height, width, channels] but gets [batch, 64]; insert a Reshape to [8, 8, 1]',
    );
  });
  it('counts kernel and bias', () => {
    expect(countOf(Conv2DTranspose, [[7, 7, 8]], { filters: 16, kernelSize: 3 })).toEqual({ trainable: 1168, nonTrainable: 0 });
  });
  it('writes code', () => {
    expect(keras(Conv2DTranspose, { filters: 8, kernelSize: 3, strides: 2, kernelInitializer: 'glorotUniform' })).toBe(
      'layers.Conv2DTranspose(8, 3, strides=2, name="n")',
    );
    expect(tfjs(Conv2DTranspose, { filters: 8, kernelSize: 3 })).toBe('tf.layers.conv2dTranspose({filters: 8, kernelSize: 3, name: "n"})');
  });
});
