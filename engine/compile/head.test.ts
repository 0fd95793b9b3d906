import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../data/types.js';
import type { LossName } from '../project/types.js';
import { split } from '../train/testkit.js';
import { makeHead } from './head.js';
import { LOSS_FUNCTIONS } from './losses.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const classes3: Dataset = {
  id: 't', name: 't', description: '', source: 'test', task: 'classification', inputShape: [1], targetShape: [],
  classNames: ['a', 'b', 'c'], train: split([[0], [1], [2]], [0, 2, 1]), test: split([], []),
};
const binary: Dataset = { ...classes3, classNames: ['no', 'yes'], train: split([[0], [1]], [0, 1]) };

function encoded(loss: LossName, ds: Dataset, units: number): number[][] {
  const head = makeHead(loss, ds, [null, units]);
  return Array.from({ length: ds.train.count }, (_, i) => {
    const out = new Float32Array(head.width);
    head.encode(ds.train.y, i, out, 0);
    return Array.from(out);
  });
}

describe('targets per loss and output units', () => {
  it('one-hot for categorical, index for sparse', () => {
    expect(encoded('categoricalCrossentropy', classes3, 3)).toEqual([[1, 0, 0], [0, 0, 1], [0, 1, 0]]);
    expect(encoded('sparseCategoricalCrossentropy', classes3, 3)).toEqual([[0], [2], [1]]);
    expect(encoded('meanSquaredError', classes3, 3)).toEqual([[1, 0, 0], [0, 0, 1], [0, 1, 0]]);
  });

  it('a 0/1 column for a single unit, -1/+1 for hinge', () => {
    expect(encoded('binaryCrossentropy', binary, 1)).toEqual([[0], [1]]);
    expect(encoded('hinge', binary, 1)).toEqual([[-1], [1]]);
    expect(encoded('hinge', classes3, 3)).toEqual([[1, -1, -1], [-1, -1, 1], [-1, 1, -1]]);
  });

  it('says what does not fit', () => {
    expect(() => makeHead('binaryCrossentropy', classes3, [null, 1])).toThrow(/3 classes but the output layer has 1 unit/);
    expect(() => makeHead('categoricalCrossentropy', binary, [null, 1])).toThrow(/one output unit per class/);
    expect(() => makeHead('categoricalCrossentropy', classes3, [null, 2])).toThrow(/3 classes but the output layer has 2 units/);
    expect(() => makeHead('categoricalCrossentropy', classes3, [null, 4, 3])).toThrow(/Flatten/);
    const badLabel: Dataset = { ...classes3, train: split([[0], [1]], [0, 3]) };
    expect(() => makeHead('categoricalCrossentropy', badLabel, [null, 3])).toThrow(/train label at row 1 is 3, which is not a class index in 0\.\.2/);
    const reg: Dataset = { ...classes3, task: 'regression', targetShape: [2], classNames: undefined };
    expect(() => makeHead('meanSquaredError', reg, [null, 3])).toThrow(/\[2\] \(2 numbers\).*\[3\]/);
  });

  it('reads classes off the output: argmax, or a threshold for one unit', () => {
    const head = makeHead('binaryCrossentropy', binary, [null, 1]);
    const multi = makeHead('categoricalCrossentropy', classes3, [null, 3]);
    const hinge = makeHead('hinge', binary, [null, 1]);
    tf.tidy(() => {
      expect(Array.from(head.predictedClass(tf.tensor2d([[0.2], [0.7]])).dataSync())).toEqual([0, 1]);
      expect(Array.from(hinge.predictedClass(tf.tensor2d([[-0.2], [0.1]])).dataSync())).toEqual([0, 1]);
      expect(Array.from(multi.predictedClass(tf.tensor2d([[0.1, 0.2, 0.7], [0.5, 0.3, 0.2]])).dataSync())).toEqual([2, 0]);
    });
  });
});

describe('losses (Keras definitions, batch mean)', () => {
  const value = (loss: LossName, t: number[][], p: number[][]) => tf.tidy(() => LOSS_FUNCTIONS[loss](tf.tensor2d(t), tf.tensor2d(p)).dataSync()[0]!);

  it('computes the textbook values', () => {
    expect(value('meanSquaredError', [[1, 2]], [[2, 4]])).toBeCloseTo(2.5, 6);
    expect(value('meanAbsoluteError', [[1, 2]], [[2, 4]])).toBeCloseTo(1.5, 6);
    expect(value('binaryCrossentropy', [[1], [0]], [[0.8], [0.4]])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 5);
    expect(value('categoricalCrossentropy', [[0, 1, 0]], [[0.2, 0.5, 0.3]])).toBeCloseTo(-Math.log(0.5), 5);
    expect(value('sparseCategoricalCrossentropy', [[1]], [[0.2, 0.5, 0.3]])).toBeCloseTo(-Math.log(0.5), 5);
    expect(value('hinge', [[1], [-1]], [[0.3], [0.5]])).toBeCloseTo((0.7 + 1.5) / 2, 6);
  });

  it('stays finite on saturated predictions', () => {
    expect(Number.isFinite(value('binaryCrossentropy', [[1]], [[0]]))).toBe(true);
    expect(Number.isFinite(value('categoricalCrossentropy', [[1, 0]], [[0, 1]]))).toBe(true);
  });
});
