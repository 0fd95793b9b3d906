import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { SimpleRNN } from './SimpleRNN.js';

describe('SimpleRNN', () => {
  it('outputs the last state, or every state with returnSequences', () => {
    expect(shapeOf(SimpleRNN, [[20, 10]], { units: 32 })).toEqual([32]);
    expect(shapeOf(SimpleRNN, [[20, 10]], { units: 32, returnSequences: true })).toEqual([20, 32]);
    expect(shapeOf(SimpleRNN, [[null, 10]], { units: 4, returnSequences: true })).toEqual([null, 4]);
  });
  it('needs a sequence [timesteps, features]', () => {
    expect(errorOf(SimpleRNN, [[20]], { units: 4 })).toBe(
      'SimpleRNN needs a 3-D input [batch, timesteps, features] but gets [batch, 20]; insert a Reshape to [20, 1] (one feature per step) or a RepeatVector',
    );
  });
  it('counts input, recurrent and bias weights', () => {
    expect(countOf(SimpleRNN, [[20, 10]], { units: 32 })).toEqual({ trainable: 1376, nonTrainable: 0 });
  });
  it('writes code', () => {
    expect(keras(SimpleRNN, { units: 8, returnSequences: true, kernelInitializer: 'glorotUniform' })).toBe(
      'layers.SimpleRNN(8, return_sequences=True, name="n")',
    );
    expect(tfjs(SimpleRNN, { units: 8, dropout: 0.2 })).toBe('tf.layers.simpleRNN({units: 8, dropout: 0.2, name: "n"})');
  });
});
