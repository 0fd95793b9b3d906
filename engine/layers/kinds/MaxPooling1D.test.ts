import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { MaxPooling1D } from './MaxPooling1D.js';

describe('MaxPooling1D', () => {
  it('shortens a sequence', () => {
    expect(shapeOf(MaxPooling1D, [[10, 4]])).toEqual([5, 4]);
    expect(shapeOf(MaxPooling1D, [[10, 4]], { poolSize: 3, strides: 1 })).toEqual([8, 4]);
  });
  it('needs a sequence and a window that fits', () => {
    expect(errorOf(MaxPooling1D, [[10]])).toMatch(/^MaxPooling1D needs a 3-D input \[batch, steps, channels\] but gets \[batch, 10\]; insert a Reshape to \[10, 1\]/);
    expect(errorOf(MaxPooling1D, [[2, 4]], { poolSize: 3 })).toMatch(/^MaxPooling1D window 3 is larger than its input 2 /);
  });
  it('has no weights and writes code', () => {
    expect(countOf(MaxPooling1D, [[4, 1]])).toEqual({ trainable: 0, nonTrainable: 0 });
    expect(keras(MaxPooling1D, { poolSize: 3 })).toBe('layers.MaxPooling1D(pool_size=3, name="n")');
    expect(tfjs(MaxPooling1D, { poolSize: 3 })).toBe('tf.layers.maxPooling1d({poolSize: 3, name: "n"})');
  });
});
