// Why Train is off: an empty network, errors, or a network and dataset that cannot train together.
import { describe, expect, it } from 'vitest';
import { check } from '../../engine/check/check.js';
import type { DatasetInfo } from '../../engine/check/training.js';
import { project } from '../../engine/check/fixtures.js';
import { trainBlock } from './trainBlock.js';

const XOR: DatasetInfo = { id: 'xor', task: 'classification', inputShape: [2], targetShape: [], numClasses: 2 };
const MNIST: DatasetInfo = { id: 'mnist', task: 'classification', inputShape: [28, 28, 1], targetShape: [], numClasses: 10 };
const mlp = (shape: number[], units: number) =>
  project([['in', 'Input', { shape }], ['h', 'Dense', { units: 16, activation: 'relu' }], ['out', 'Dense', { units, activation: 'softmax' }]], ['in->h', 'h->out']);

describe('trainBlock', () => {
  it('keeps Train off for a project that names no dataset, saying where to choose one', () => {
    const { dataset: _none, ...graphOnly } = mlp([2], 2);
    const r = check(graphOnly);
    expect(r.ok).toBe(true);
    expect(trainBlock(r, false, undefined, true)).toMatch(/^This project names no dataset: choose one in the Data view/);
    // The empty network is still said first.
    expect(trainBlock(check(project([], [])), true, undefined, true)).toMatch(/empty/);
  });

  it('lets a network that fits its dataset train', () => {
    expect(trainBlock(check(mlp([784], 10), { dataset: MNIST }), false)).toBeNull();
  });

  it('names the empty network and the first error', () => {
    expect(trainBlock(check(project([], [])), true)).toMatch(/empty/);
    const broken = project([['in', 'Input', { shape: [8] }], ['c', 'Conv2D'], ['out', 'Dense', { units: 3 }]], ['in->c', 'c->out']);
    expect(trainBlock(check(broken), false)).toMatch(/^Fix the error on the canvas first: Conv2D 'c' needs a 4-D input/);
  });

  it('stops a dataset the host cannot load, saying why', () => {
    expect(trainBlock(check(mlp([784], 10)), false, 'dataset file data/gone.csv: no such file')).toBe('The dataset cannot be loaded: dataset file data/gone.csv: no such file');
  });

  it('stops an MNIST network on XOR, saying the Input does not take the examples', () => {
    const reason = trainBlock(check(mlp([784], 10), { dataset: XOR }), false);
    expect(reason).toMatch(/^The network and the dataset cannot train together: Input 'in' has shape \[784\] but dataset 'xor' gives examples of shape \[2\]/);
  });

  it('stops too few output units for the classes, but not a mere activation mismatch', () => {
    expect(trainBlock(check(mlp([784], 5), { dataset: MNIST }), false)).toMatch(/has 5 units but dataset 'mnist' has 10 classes/);
    const relu = project([['in', 'Input', { shape: [784] }], ['out', 'Dense', { units: 10, activation: 'relu' }]], ['in->out']);
    const r = check(relu, { dataset: MNIST });
    expect(r.warnings.length).toBeGreaterThan(0);
    expect(trainBlock(r, false)).toBeNull();
  });
});
