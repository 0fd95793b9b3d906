import { describe, expect, it } from 'vitest';
import { resolveParams } from '../params.js';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { Conv1D } from './Conv1D.js';

describe('Conv1D', () => {
  it('convolves along time steps', () => {
    expect(shapeOf(Conv1D, [[100, 4]], { filters: 8, kernelSize: 3 })).toEqual([98, 8]);
    expect(shapeOf(Conv1D, [[100, 4]], { filters: 8, kernelSize: 3, strides: 2, padding: 'same' })).toEqual([50, 8]);
    expect(shapeOf(Conv1D, [[null, 4]], { filters: 2 })).toEqual([null, 2]);
  });
  it('asks for a sequence', () => {
    expect(errorOf(Conv1D, [[100]], { filters: 8 })).toBe(
      'Conv1D needs a 3-D input [batch, steps, channels] but gets [batch, 100]; insert a Reshape to [100, 1] (one feature per step) or a RepeatVector',
    );
    expect(errorOf(Conv1D, [[28, 28, 1]], { filters: 8 })).toMatch(/insert a Reshape to \[28, 28\] \(one row per step\)/);
  });
  it('refuses a kernel longer than the sequence', () => {
    expect(errorOf(Conv1D, [[2, 4]], { filters: 8, kernelSize: 3 })).toBe(
      "Conv1D kernel of 3 steps is longer than its input of 2 steps (from [batch, 2, 4]); use a smaller kernelSize or padding 'same'",
    );
  });
  it('has no causal padding (TensorFlow.js 4.22 lacks it)', () => {
    expect(resolveParams(Conv1D.params, { padding: 'causal' }).issues).toHaveLength(1);
  });
  it('counts kernel and bias', () => {
    expect(countOf(Conv1D, [[10, 4]], { filters: 8, kernelSize: 3 })).toEqual({ trainable: 104, nonTrainable: 0 });
  });
  it('writes code', () => {
    expect(keras(Conv1D, { filters: 8, kernelSize: 3, kernelInitializer: 'glorotUniform' })).toBe('layers.Conv1D(8, 3, name="n")');
    expect(tfjs(Conv1D, { filters: 8, kernelSize: 3, strides: 2 })).toBe('tf.layers.conv1d({filters: 8, kernelSize: 3, strides: 2, name: "n"})');
  });
});
