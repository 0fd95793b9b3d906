// The checker against a dataset: one consistent piece of advice when the Input does not fit
// the data, and the warnings that training would fail on marked as such.
import { describe, expect, it } from 'vitest';
import { check } from './check.js';
import type { DatasetInfo } from './training.js';
import { project } from './fixtures.js';
import type { LossName } from '../project/types.js';

const XOR: DatasetInfo = { id: 'xor', task: 'classification', inputShape: [2], targetShape: [], numClasses: 2 };
const MNIST: DatasetInfo = { id: 'mnist', task: 'classification', inputShape: [28, 28, 1], targetShape: [], numClasses: 10 };

// An MNIST network drawn on a project whose dataset is still XOR.
const mnistOnXor = () =>
  project(
    [['in', 'Input', { shape: [784] }], ['c1', 'Conv2D', { filters: 8, kernelSize: 3, activation: 'relu' }], ['f', 'Flatten'], ['out', 'Dense', { units: 10, activation: 'softmax' }]],
    ['in->c1', 'c1->f', 'f->out'],
    'categoricalCrossentropy',
  );

describe('an Input that does not match the dataset', () => {
  it('is the one thing to fix: the Conv2D below it points at the Input, not at a reshape the data cannot take', () => {
    const r = check(mnistOnXor(), { dataset: XOR });
    const input = r.warnings.find((w) => w.code === 'input-shape')!;
    expect(input).toMatchObject({ nodeId: 'in', param: 'shape', blocksTraining: true });
    expect(input.message).toBe("Input 'in' has shape [784] but dataset 'xor' gives examples of shape [2]; set its shape to [2], or train it on a dataset whose examples have shape [784]");
    const conv = r.errors.find((e) => e.nodeId === 'c1')!;
    expect(conv.message).toMatch(/^Conv2D 'c1' needs a 4-D input \[batch, height, width, channels\] but gets \[batch, 784\]/);
    expect(conv.message).toContain("first make the Input 'in' match the dataset (its examples have shape [2])");
    expect(conv.message).not.toContain('Reshape');
  });

  it('leaves the layers their own advice when the Input matches the data', () => {
    const r = check(mnistOnXor(), { dataset: MNIST });
    // [784] holds MNIST's 28×28×1 values: the loader reshapes, so the Input is fine; the Conv2D needs an image.
    expect(r.warnings.filter((w) => w.code === 'input-shape')).toEqual([]);
    expect(r.errors.find((e) => e.nodeId === 'c1')!.message).toContain('insert a Reshape to [28, 28, 1]');
  });

  it('without a dataset, the layers keep their own advice', () => {
    expect(check(mnistOnXor()).errors.find((e) => e.nodeId === 'c1')!.message).toContain('insert a Reshape to [28, 28, 1]');
  });
});

describe('warnings that block training', () => {
  const dense = (units: number, activation: string, loss: LossName, shape = [2]) =>
    project([['in', 'Input', { shape }], ['out', 'Dense', { units, activation }]], ['in->out'], loss);
  const blockers = (r: ReturnType<typeof check>) => r.warnings.filter((w) => w.blocksTraining).map((w) => w.code);

  it('too few output units for the classes block; more units, or one sigmoid unit for two classes, do not', () => {
    expect(blockers(check(dense(5, 'softmax', 'categoricalCrossentropy', [784]), { dataset: MNIST }))).toEqual(['output-classes']);
    expect(blockers(check(dense(12, 'softmax', 'categoricalCrossentropy', [784]), { dataset: MNIST }))).toEqual([]);
    expect(blockers(check(dense(1, 'sigmoid', 'binaryCrossentropy'), { dataset: XOR }))).toEqual([]);
    expect(blockers(check(dense(1, 'sigmoid', 'binaryCrossentropy', [784]), { dataset: MNIST }))).toEqual(['output-classes']);
  });

  it('one unit with a categorical loss blocks; a loss-activation mismatch only warns', () => {
    expect(blockers(check(dense(1, 'softmax', 'categoricalCrossentropy'), { dataset: XOR }))).toEqual(['loss-output']);
    const r = check(dense(2, 'relu', 'categoricalCrossentropy'), { dataset: XOR });
    expect(r.warnings.map((w) => w.code)).toEqual(['loss-activation']);
    expect(blockers(r)).toEqual([]);
  });

  it('a mismatched Input blocks, a reshaped one does not', () => {
    expect(blockers(check(dense(10, 'softmax', 'categoricalCrossentropy', [100]), { dataset: MNIST }))).toEqual(['input-shape']);
    expect(blockers(check(dense(10, 'softmax', 'categoricalCrossentropy', [784]), { dataset: MNIST }))).toEqual([]);
  });
});
