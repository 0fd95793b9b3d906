import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { AveragePooling1D } from './AveragePooling1D.js';

describe('AveragePooling1D', () => {
  it('shortens a sequence', () => {
    expect(shapeOf(AveragePooling1D, [[9, 2]], { poolSize: 3 })).toEqual([3, 2]);
    expect(shapeOf(AveragePooling1D, [[9, 2]], { padding: 'same' })).toEqual([5, 2]);
  });
  it('needs a sequence', () => {
    expect(errorOf(AveragePooling1D, [[4, 4, 1]])).toMatch(/^AveragePooling1D needs a 3-D input .* gets \[batch, 4, 4, 1\]; insert a Reshape to \[4, 4\]/);
  });
  it('has no weights and writes code', () => {
    expect(countOf(AveragePooling1D, [[4, 1]])).toEqual({ trainable: 0, nonTrainable: 0 });
    expect(keras(AveragePooling1D)).toBe('layers.AveragePooling1D(name="n")');
    expect(tfjs(AveragePooling1D, { strides: 1 })).toBe('tf.layers.averagePooling1d({strides: 1, name: "n"})');
  });
});
