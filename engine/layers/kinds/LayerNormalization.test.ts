import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { LayerNormalization } from './LayerNormalization.js';

describe('LayerNormalization', () => {
  it('keeps the shape', () => {
    expect(shapeOf(LayerNormalization, [[10, 32]])).toEqual([10, 32]);
  });
  it('needs a known size on its axis, and an axis that fits', () => {
    expect(errorOf(LayerNormalization, [[4, null]])).toMatch(/LayerNormalization needs a known size on axis -1 but gets \[batch, 4, \?\]/);
    expect(errorOf(LayerNormalization, [[4]], { axis: -3 })).toMatch(/axis -3 does not fit an input \[batch, 4\]/);
  });
  it('counts gamma and beta of the normalised axis', () => {
    expect(countOf(LayerNormalization, [[10, 64]])).toEqual({ trainable: 128, nonTrainable: 0 });
  });
  it('writes code', () => {
    expect(keras(LayerNormalization, { epsilon: 0.00001 })).toBe('layers.LayerNormalization(epsilon=0.00001, name="n")');
    expect(tfjs(LayerNormalization)).toBe('tf.layers.layerNormalization({name: "n"})');
  });
});
