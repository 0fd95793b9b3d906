import { describe, expect, it } from 'vitest';
import { resolveParams } from '../params.js';
import { countOf, keras, shapeOf, tfjs } from '../testkit.js';
import { Activation } from './Activation.js';

describe('Activation', () => {
  it('keeps the shape', () => {
    expect(shapeOf(Activation, [[4, 5]], { activation: 'softmax' })).toEqual([4, 5]);
  });
  it('knows the activations of the lecture and rejects others', () => {
    for (const a of ['hardSigmoid', 'relu6', 'swish', 'selu']) expect(resolveParams(Activation.params, { activation: a }).issues).toEqual([]);
    expect(resolveParams(Activation.params, { activation: 'gelu' }).issues[0]?.message).toMatch(/'activation' must be one of linear, relu/);
  });
  it('has no weights', () => {
    expect(countOf(Activation, [[10]])).toEqual({ trainable: 0, nonTrainable: 0 });
  });
  it('always writes the activation, in Keras spelling', () => {
    expect(keras(Activation, { activation: 'hardSigmoid' })).toBe('layers.Activation("hard_sigmoid", name="n")');
    expect(keras(Activation)).toBe('layers.Activation("relu", name="n")');
    expect(tfjs(Activation)).toBe('tf.layers.activation({activation: "relu", name: "n"})');
  });
});
