import { describe, expect, it } from 'vitest';
import { countOf, errorOf, keras, shapeOf, tfjs } from '../testkit.js';
import { Embedding } from './Embedding.js';

describe('Embedding', () => {
  it('turns [timesteps] ids into [timesteps, outputDim] vectors', () => {
    expect(shapeOf(Embedding, [[50]], { inputDim: 1000, outputDim: 16 })).toEqual([50, 16]);
    expect(shapeOf(Embedding, [[null]], { outputDim: 4 })).toEqual([null, 4]);
  });
  it('takes only a list of ids per example', () => {
    expect(errorOf(Embedding, [[28, 28, 1]])).toBe(
      'Embedding takes integer ids of shape [batch, timesteps] but gets [batch, 28, 28, 1]; feed it from an Input of shape [timesteps] holding ids below inputDim',
    );
  });
  it('counts one vector per id', () => {
    expect(countOf(Embedding, [[50]], { inputDim: 1000, outputDim: 16 })).toEqual({ trainable: 16000, nonTrainable: 0 });
  });
  it('writes code', () => {
    expect(keras(Embedding, { inputDim: 1000, outputDim: 16 })).toBe('layers.Embedding(1000, 16, name="n")');
    expect(tfjs(Embedding, { inputDim: 1000, outputDim: 16, maskZero: true })).toBe(
      'tf.layers.embedding({inputDim: 1000, outputDim: 16, maskZero: true, name: "n"})',
    );
  });
});
