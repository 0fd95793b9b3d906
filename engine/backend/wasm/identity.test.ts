// Identity on wasm shares the input's buffer and counts it, so clones cost no copy and
// outlive their originals.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../index.js';
import type { Wasm } from './heap.js';

// Through the ladder, so the in-place optimizer updates are installed as in the app.
beforeAll(async () => {
  await useBackend('wasm');
});

const backend = () => tf.backend() as unknown as Wasm;

describe('Identity on wasm', () => {
  it('shares the buffer: one more count, no more bytes', () => {
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    const heapBefore = (backend().wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8.length;
    const y = tf.clone(x);
    expect(backend().refCount(x.dataId)).toBe(2);
    expect(y.dataId).toBe(x.dataId);
    expect((backend().wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8.length).toBe(heapBefore);
    tf.dispose([x, y]);
  });

  it('keeps the clone readable after the original is disposed, and frees the buffer after both', () => {
    const start = tf.memory().numBytes;
    const x = tf.tensor1d([5, 6, 7]);
    const y = tf.clone(x);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([5, 6, 7]);
    expect(backend().refCount(y.dataId)).toBe(1);
    y.dispose();
    expect(tf.memory().numBytes).toBe(start);
  });

  it('leaves strings to the stock kernel', () => {
    const s = tf.tensor1d(['a', 'bc'], 'string');
    expect(tf.clone(s).dataSync()).toEqual(['a', 'bc']);
  });

  it('does not let an in-place optimizer update reach a clone of the weight', () => {
    for (const make of [() => tf.train.rmsprop(0.1), () => tf.train.adam(0.1)]) {
      const w = tf.variable(tf.tensor1d([1, 2, 3, 4, 5]));
      const keep = tf.clone(w);
      const opt = make();
      for (let i = 0; i < 2; i++) opt.minimize(() => tf.sum(tf.square(w)) as tf.Scalar);
      expect(Array.from(keep.dataSync())).toEqual([1, 2, 3, 4, 5]);
      expect(w.dataSync()[0]).toBeLessThan(1);
      tf.dispose([w, keep]);
      opt.dispose();
    }
  });
});
