import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { BatchNormalization } from './BatchNormalization.js';

describe('BatchNormalization', () => {
  it('keeps the shape', () => {
    expect(shapeOf(BatchNormalization, [[28, 28, 8]])).toEqual([28, 28, 8]);
    expect(shapeOf(BatchNormalization, [[5, 3]], { axis: 1 })).toEqual([5, 3]);
  });
  it('refuses an axis that is the batch or outside the input', () => {
    expect(errorOf(BatchNormalization, [[10]], { axis: 0 })).toBe(
      'BatchNormalization axis 0 does not fit an input [batch, 10]: it must name a non-batch axis, 1..1 or -1..-1',
    );
    expect(errorOf(BatchNormalization, [[10]], { axis: 2 })).toMatch(/axis 2 does not fit/);
  });
  it('counts moving mean and variance as non-trainable, as TensorFlow.js does', () => {
    expect(countOf(BatchNormalization, [[7, 7, 64]])).toEqual({ trainable: 128, nonTrainable: 128 });
    expect(countOf(BatchNormalization, [[5, 3]], { axis: 1 })).toEqual({ trainable: 10, nonTrainable: 10 });
  });
  it('writes code with Keras names', () => {
    expect(keras(BatchNormalization, { momentum: 0.9, gammaRegularizer: { l2: 0.001 } })).toBe(
      'layers.BatchNormalization(momentum=0.9, gamma_regularizer=regularizers.L1L2(l1=0, l2=0.001), name="n")',
    );
    expect(tfjs(BatchNormalization, { epsilon: 0.01 })).toBe('tf.layers.batchNormalization({epsilon: 0.01, name: "n"})');
  });
});
