import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { Dense } from './Dense.js';

describe('Dense', () => {
  it('replaces the last dimension with units', () => {
    expect(shapeOf(Dense, [[784]], { units: 512 })).toEqual([512]);
    expect(shapeOf(Dense, [[5, 3]], { units: 2 })).toEqual([5, 2]);
  });
  it('needs a known last dimension', () => {
    expect(errorOf(Dense, [[3, null]], { units: 2 })).toMatch(/Dense needs a known last dimension but gets \[batch, 3, \?\]/);
    // The usual cause: a Reshape with -1, which TensorFlow.js leaves unknown in the graph.
    expect(errorOf(Dense, [[null]], { units: 2 })).toMatch(/a Reshape with -1 .* write the size there instead$/);
  });
  it('counts the MNIST layers as Keras does', () => {
    expect(countOf(Dense, [[784]], { units: 512 })).toEqual({ trainable: 401_920, nonTrainable: 0 });
    expect(countOf(Dense, [[100]], { units: 10, useBias: false })).toEqual({ trainable: 1000, nonTrainable: 0 });
  });
  it('writes Keras and TensorFlow.js code, with Keras told the TensorFlow.js initializer', () => {
    const k = keras(Dense, { units: 10, activation: 'softmax', kernelRegularizer: { l2: 0.01 } });
    expect(k).toBe(
      'layers.Dense(10, activation="softmax", kernel_initializer="glorot_normal", kernel_regularizer=regularizers.L1L2(l1=0, l2=0.01), name="n")',
    );
    expect(keras(Dense, { units: 4, kernelInitializer: 'glorotUniform' })).toBe('layers.Dense(4, name="n")');
    expect(tfjs(Dense, { units: 10, activation: 'softmax' })).toBe('tf.layers.dense({units: 10, activation: "softmax", name: "n"})');
  });
});
