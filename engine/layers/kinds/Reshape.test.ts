import { describe, expect, it } from 'vitest';
import { resolveParams } from '../params.js';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { Reshape } from './Reshape.js';

describe('Reshape', () => {
  it('reshapes when the element count matches', () => {
    expect(shapeOf(Reshape, [[784]], { targetShape: [28, 28, 1] })).toEqual([28, 28, 1]);
  });
  it('leaves a -1 dimension unknown, as TensorFlow.js does, after checking it divides', () => {
    expect(shapeOf(Reshape, [[784]], { targetShape: [-1, 28] })).toEqual([null, 28]);
    expect(errorOf(Reshape, [[784]], { targetShape: [-1, 5] })).toBe(
      'Reshape to [-1, 5] needs a multiple of 5 values but gets 784 from [batch, 784]; change targetShape so its known dimensions divide 784',
    );
  });
  it('says how many values it needs and gets', () => {
    expect(errorOf(Reshape, [[784]], { targetShape: [28, 28, 2] })).toBe(
      'Reshape to [28, 28, 2] needs 1568 values but gets 784 from [batch, 784]; change targetShape so its dimensions multiply to 784 (or use one -1)',
    );
  });
  it('allows only one -1', () => {
    expect(resolveParams(Reshape.params, { targetShape: [-1, -1] }).issues[0]?.message).toMatch(/at most one -1/);
  });
  it('has no weights and writes the target shape', () => {
    expect(countOf(Reshape, [[4]], { targetShape: [2, 2] })).toEqual({ trainable: 0, nonTrainable: 0 });
    expect(keras(Reshape, { targetShape: [28, 28, 1] })).toBe('layers.Reshape((28, 28, 1), name="n")');
    expect(tfjs(Reshape, { targetShape: [28, 28, 1] })).toBe('tf.layers.reshape({targetShape: [28,28,1], name: "n"})');
  });
});
