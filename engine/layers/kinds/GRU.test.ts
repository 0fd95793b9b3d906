import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { GRU } from './GRU.js';

describe('GRU', () => {
  it('outputs the last state, or every state with returnSequences', () => {
    expect(shapeOf(GRU, [[20, 10]], { units: 32 })).toEqual([32]);
    expect(shapeOf(GRU, [[20, 10]], { units: 3, returnSequences: true })).toEqual([20, 3]);
  });
  it('needs a sequence', () => {
    expect(errorOf(GRU, [[10]], { units: 4 })).toMatch(/^GRU needs a 3-D input \[batch, timesteps, features\] but gets \[batch, 10\]/);
  });
  it('counts three gates with one bias each (TensorFlow.js GRU)', () => {
    expect(countOf(GRU, [[20, 10]], { units: 32 })).toEqual({ trainable: 4128, nonTrainable: 0 });
  });
  it('asks Keras for the same GRU variant', () => {
    expect(keras(GRU, { units: 8 })).toBe(
      'layers.GRU(8, recurrent_activation="hard_sigmoid", kernel_initializer="glorot_normal", reset_after=False, name="n")',
    );
    expect(tfjs(GRU, { units: 8, goBackwards: true })).toBe('tf.layers.gru({units: 8, goBackwards: true, name: "n"})');
  });
});
