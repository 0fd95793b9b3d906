import { describe, expect, it } from 'vitest';
import { resolveParams } from '../params.js';
import { countOf, keras, shapeOf, tfjs } from '../testkit.js';
import { Input } from './Input.js';

describe('Input', () => {
  it('outputs its shape, unknown dimensions included', () => {
    expect(shapeOf(Input, [], { shape: [28, 28, 1] })).toEqual([28, 28, 1]);
    expect(shapeOf(Input, [], { shape: [null, 8] })).toEqual([null, 8]);
  });
  it('rejects shapes that are not lists of positive whole numbers', () => {
    expect(resolveParams(Input.params, { shape: [0, 3] }).issues[0]?.message).toMatch(/shape.*≥ 1/);
    expect(resolveParams(Input.params, { shape: [] }).issues[0]?.message).toMatch(/non-empty/);
  });
  it('has no weights', () => {
    expect(countOf(Input, [], { shape: [784] })).toEqual({ trainable: 0, nonTrainable: 0 });
  });
  it('emits keras.Input and tf.input', () => {
    expect(keras(Input, { shape: [784] }, 'x')).toBe('keras.Input(shape=(784,), name="x")');
    expect(keras(Input, { shape: [null, 3] }, 'x')).toBe('keras.Input(shape=(None, 3), name="x")');
    expect(tfjs(Input, { shape: [28, 28, 1] }, 'x')).toBe('tf.input({shape: [28,28,1], name: "x"})');
  });
});
