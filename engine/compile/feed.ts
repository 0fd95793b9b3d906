// Turns rows of a dataset split into batch tensors for a compiled model. Buffers are
// allocated once per feeder and reused for every batch (tf.tensor copies them).
// A dataset has one feature vector per example; a model may have several Input nodes:
// with one input the vector is reshaped to it; with several, the vector is split across
// them in input order when their sizes add up, or given whole to each when each takes it all.
import * as tf from '@tensorflow/tfjs-core';
import type { Split } from '../data/types.js';
import type { Head } from './head.js';

export interface Batch {
  xs: tf.Tensor[];
  y: tf.Tensor;
  /** Class indices (classification only). */
  labels?: tf.Tensor1D;
  size: number;
}

interface Slot {
  shape: number[];
  size: number;
  /** Column in the example's feature vector where this input's values start. */
  offset: number;
  buffer: Float32Array;
}

export class Feeder {
  private readonly slots: Slot[];
  private readonly yBuffer: Float32Array;
  private readonly labelBuffer: Int32Array;
  readonly exampleSize: number;

  constructor(
    inputShapes: readonly (readonly (number | null)[])[],
    inputNames: readonly string[],
    datasetInputShape: readonly number[],
    private readonly head: Head,
    readonly batchSize: number,
  ) {
    this.exampleSize = datasetInputShape.reduce((a, b) => a * b, 1);
    const shapes = inputShapes.map((s, i) => {
      const dims = s.slice(1);
      if (dims.some((d) => d === null))
        throw new Error(`Input '${inputNames[i]}' has an unknown dimension ${JSON.stringify(dims)}; training needs fixed shapes`);
      return dims as number[];
    });
    const sizes = shapes.map((s) => s.reduce((a, b) => a * b, 1));
    const total = sizes.reduce((a, b) => a + b, 0);
    const splitAcross = total === this.exampleSize;
    const shareWhole = !splitAcross && sizes.every((n) => n === this.exampleSize);
    if (!splitAcross && !shareWhole) {
      const got = shapes.map((s, i) => `'${inputNames[i]}' ${JSON.stringify(s)}`).join(', ');
      throw new Error(`the dataset gives ${JSON.stringify(datasetInputShape)} (${this.exampleSize} values) per example but the Input ${shapes.length > 1 ? 'nodes take' : 'node takes'} ${got}; set the Input shape to ${JSON.stringify(datasetInputShape)}`);
    }
    let offset = 0;
    this.slots = shapes.map((shape, i) => {
      const slot = { shape, size: sizes[i]!, offset: splitAcross ? offset : 0, buffer: new Float32Array(batchSize * sizes[i]!) };
      offset += sizes[i]!;
      return slot;
    });
    this.yBuffer = new Float32Array(batchSize * head.width);
    this.labelBuffer = new Int32Array(batchSize);
  }

  /** Tensors for examples order[start..end) of the split; the caller disposes them. */
  batch(split: Split, order: ArrayLike<number>, start: number, end: number): Batch {
    const n = end - start;
    const { head } = this;
    for (let b = 0; b < n; b++) {
      const i = order[start + b]!;
      const row = i * this.exampleSize;
      for (const s of this.slots) s.buffer.set(split.x.subarray(row + s.offset, row + s.offset + s.size), b * s.size);
      head.encode(split.y, i, this.yBuffer, b * head.width);
      if (head.classes) this.labelBuffer[b] = split.y[i] ?? 0;
    }
    const xs = this.slots.map((s) => tf.tensor(s.buffer.subarray(0, n * s.size), [n, ...s.shape]));
    const y = tf.tensor(this.yBuffer.subarray(0, n * head.width), [n, ...head.targetShape]);
    const labels = head.classes ? tf.tensor1d(this.labelBuffer.subarray(0, n), 'int32') : undefined;
    return { xs, y, ...(labels ? { labels } : {}), size: n };
  }
}

export function disposeBatch(b: Batch): void {
  tf.dispose([...b.xs, b.y, ...(b.labels ? [b.labels] : [])]);
}

/** 0..count-1 as an index array. */
export function range(count: number): Int32Array {
  const a = new Int32Array(count);
  for (let i = 0; i < count; i++) a[i] = i;
  return a;
}
