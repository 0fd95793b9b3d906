import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { LSTM } from './LSTM.js';

describe('LSTM', () => {
  it('outputs the last state, or every state with returnSequences', () => {
    expect(shapeOf(LSTM, [[20, 10]], { units: 32 })).toEqual([32]);
    expect(shapeOf(LSTM, [[20, 10]], { units: 32, returnSequences: true })).toEqual([20, 32]);
  });
  it('needs a sequence, and explains how to make one from an image', () => {
    expect(errorOf(LSTM, [[28, 28, 1]], { units: 4 })).toBe(
      'LSTM needs a 3-D input [batch, timesteps, features] but gets [batch, 28, 28, 1]; insert a Reshape to [28, 28] (one row per step)',
    );
    expect(errorOf(LSTM, [[5, null]], { units: 4 })).toMatch(/LSTM needs a known feature count/);
  });
  it('counts four gates', () => {
    expect(countOf(LSTM, [[20, 10]], { units: 32 })).toEqual({ trainable: 5504, nonTrainable: 0 });
    expect(countOf(LSTM, [[20, 10]], { units: 32, useBias: false })).toEqual({ trainable: 5376, nonTrainable: 0 });
  });
  it("tells Keras TensorFlow.js's gate activation and forget-bias defaults", () => {
    expect(keras(LSTM, { units: 16 })).toBe(
      'layers.LSTM(16, recurrent_activation="hard_sigmoid", kernel_initializer="glorot_normal", unit_forget_bias=False, name="n")',
    );
    expect(keras(LSTM, { units: 16, recurrentActivation: 'sigmoid', kernelInitializer: 'glorotUniform', unitForgetBias: true, recurrentDropout: 0.1 })).toBe(
      'layers.LSTM(16, recurrent_dropout=0.1, name="n")',
    );
    expect(tfjs(LSTM, { units: 16, unitForgetBias: true, returnSequences: true })).toBe(
      'tf.layers.lstm({units: 16, returnSequences: true, unitForgetBias: true, name: "n"})',
    );
  });
});
