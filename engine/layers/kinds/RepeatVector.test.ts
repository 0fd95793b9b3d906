import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { RepeatVector } from './RepeatVector.js';

describe('RepeatVector', () => {
  it('turns a vector into a sequence of n copies', () => {
    expect(shapeOf(RepeatVector, [[16]], { n: 10 })).toEqual([10, 16]);
  });
  it('needs a vector', () => {
    expect(errorOf(RepeatVector, [[10, 16]], { n: 3 })).toBe(
      'RepeatVector needs a 2-D input [batch, features] but gets [batch, 10, 16]; insert a Flatten before it, or use a recurrent layer without returnSequences',
    );
  });
  it('has no weights and writes n', () => {
    expect(countOf(RepeatVector, [[4]], { n: 3 })).toEqual({ trainable: 0, nonTrainable: 0 });
    expect(keras(RepeatVector, { n: 3 })).toBe('layers.RepeatVector(3, name="n")');
    expect(tfjs(RepeatVector, { n: 3 })).toBe('tf.layers.repeatVector({n: 3, name: "n"})');
  });
});
