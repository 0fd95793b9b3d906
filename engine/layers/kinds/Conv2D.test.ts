import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { Conv2D } from './Conv2D.js';

describe('Conv2D', () => {
  it('computes valid and same padding with strides', () => {
    expect(shapeOf(Conv2D, [[28, 28, 1]], { filters: 30, kernelSize: 5 })).toEqual([24, 24, 30]);
    expect(shapeOf(Conv2D, [[28, 28, 1]], { filters: 8, kernelSize: 3, padding: 'same', strides: 2 })).toEqual([14, 14, 8]);
    expect(shapeOf(Conv2D, [[null, 10, 3]], { filters: 4, kernelSize: [3, 5] })).toEqual([null, 6, 4]);
  });
  it('asks for a Reshape when given a flat input', () => {
    expect(errorOf(Conv2D, [[784]], { filters: 8 })).toBe(
      'Conv2D needs a 4-D input [batch, height, width, channels] but gets [batch, 784]; insert a Reshape to [28, 28, 1]',
    );
    expect(errorOf(Conv2D, [[10, 6]], { filters: 8 })).toMatch(/gets \[batch, 10, 6\]; insert a Reshape to \[10, 6, 1\]/);
  });
  it('refuses a kernel larger than the image', () => {
    expect(errorOf(Conv2D, [[4, 4, 3]], { filters: 2, kernelSize: 5 })).toBe(
      "Conv2D kernel 5×5 is larger than its input 4×4 (from [batch, 4, 4, 3]); use a smaller kernelSize or padding 'same'",
    );
  });
  it('counts the convolutional MNIST program', () => {
    expect(countOf(Conv2D, [[28, 28, 1]], { filters: 30, kernelSize: 5 })).toEqual({ trainable: 780, nonTrainable: 0 });
    expect(countOf(Conv2D, [[24, 24, 30]], { filters: 15, kernelSize: 3 })).toEqual({ trainable: 4065, nonTrainable: 0 });
  });
  it('writes filters and kernel size positionally in Keras', () => {
    expect(keras(Conv2D, { filters: 30, kernelSize: 5, activation: 'relu', kernelInitializer: 'glorotUniform' })).toBe(
      'layers.Conv2D(30, 5, activation="relu", name="n")',
    );
    expect(keras(Conv2D, { filters: 4, kernelSize: [3, 5], strides: 2, padding: 'same', kernelInitializer: 'heNormal' })).toBe(
      'layers.Conv2D(4, (3, 5), strides=2, padding="same", kernel_initializer="he_normal", name="n")',
    );
    expect(tfjs(Conv2D, { filters: 30, kernelSize: 5, activation: 'relu' })).toBe(
      'tf.layers.conv2d({filters: 30, kernelSize: 5, activation: "relu", name: "n"})',
    );
  });
});
