// The report of sound graphs: shapes with the batch dimension first, parameter counts that
// match the lecture's MNIST programs, the order, the inputs and the outputs.
import { describe, expect, it } from 'vitest';
import { check } from './check.js';
import { chain, project, residual } from './fixtures.js';

function node(report: ReturnType<typeof check>, id: string) {
  return report.nodes.find((n) => n.id === id);
}

describe('check: sound graphs', () => {
  it('reports shapes with a null batch dimension, parameter counts and totals', () => {
    const r = check(project([['in', 'Input', { shape: [4] }], ['h', 'Dense', { units: 3, activation: 'relu' }], ['out', 'Dense', { units: 2, activation: 'softmax' }]], ['in->h', 'h->out']));
    expect(r.ok).toBe(true);
    expect(r.errors).toEqual([]);
    expect(node(r, 'in')).toEqual({ id: 'in', kind: 'Input', outputShape: [null, 4], params: 0, trainableParams: 0 });
    expect(node(r, 'h')).toMatchObject({ outputShape: [null, 3], params: 15 });
    expect(node(r, 'out')).toMatchObject({ outputShape: [null, 2], params: 8 });
    expect(r.totalParams).toBe(23);
    expect(r.trainableParams).toBe(23);
    expect(r.order).toEqual(['in', 'h', 'out']);
    expect(r.inputs).toEqual(['in']);
    expect(r.outputs).toEqual(['out']);
  });

  it('orders nodes topologically even when the file lists them backwards', () => {
    const r = check(project([['out', 'Dense', { units: 1, activation: 'sigmoid' }], ['h', 'Dense', { units: 2 }], ['in', 'Input', { shape: [2] }]], ['h->out', 'in->h'], 'binaryCrossentropy'));
    expect(r.ok).toBe(true);
    expect(r.order).toEqual(['in', 'h', 'out']);
    expect(r.nodes.map((n) => n.id)).toEqual(['out', 'h', 'in']);
  });

  it('counts the standard MNIST program at 669,706 parameters', () => {
    const r = check(
      project(
        [
          ['in', 'Input', { shape: [28, 28, 1] }],
          ['f', 'Flatten'],
          ['d1', 'Dense', { units: 512, activation: 'relu' }],
          ['x1', 'Dropout', { rate: 0.2 }],
          ['d2', 'Dense', { units: 512, activation: 'relu' }],
          ['x2', 'Dropout', { rate: 0.2 }],
          ['out', 'Dense', { units: 10, activation: 'softmax' }],
        ],
        ['in->f', 'f->d1', 'd1->x1', 'x1->d2', 'd2->x2', 'x2->out'],
      ),
    );
    expect(r.errors).toEqual([]);
    expect(node(r, 'f')?.outputShape).toEqual([null, 784]);
    expect(r.totalParams).toBe(669_706);
  });

  it('counts the simplified MNIST program at 79,510 parameters', () => {
    const r = check(project([['in', 'Input', { shape: [784] }], ['d', 'Dense', { units: 100, activation: 'relu' }], ['out', 'Dense', { units: 10, activation: 'softmax' }]], ['in->d', 'd->out']));
    expect(r.ok).toBe(true);
    expect(r.totalParams).toBe(79_510);
  });

  it('counts the convolutional MNIST program at 244,253 parameters with the right shapes', () => {
    const r = check(
      project(
        [
          ['in', 'Input', { shape: [28, 28, 1] }],
          ['c1', 'Conv2D', { filters: 30, kernelSize: 5, activation: 'relu' }],
          ['c2', 'Conv2D', { filters: 15, kernelSize: 3, activation: 'relu' }],
          ['p', 'MaxPooling2D', { poolSize: 2 }],
          ['x', 'Dropout', { rate: 0.2 }],
          ['f', 'Flatten'],
          ['d1', 'Dense', { units: 128, activation: 'relu' }],
          ['d2', 'Dense', { units: 50, activation: 'relu' }],
          ['out', 'Dense', { units: 10, activation: 'softmax' }],
        ],
        ['in->c1', 'c1->c2', 'c2->p', 'p->x', 'x->f', 'f->d1', 'd1->d2', 'd2->out'],
      ),
    );
    expect(r.errors).toEqual([]);
    expect(node(r, 'c1')?.outputShape).toEqual([null, 24, 24, 30]);
    expect(node(r, 'c2')?.outputShape).toEqual([null, 22, 22, 15]);
    expect(node(r, 'p')?.outputShape).toEqual([null, 11, 11, 15]);
    expect(node(r, 'f')?.outputShape).toEqual([null, 1815]);
    expect(r.totalParams).toBe(244_253);
  });

  it('handles branches and merges: residual blocks', () => {
    const r = check(residual(3, 8));
    expect(r.ok).toBe(true);
    expect(node(r, 's2')?.outputShape).toEqual([null, 8]);
    expect(r.outputs).toEqual(['s2']);
    expect(r.totalParams).toBe(3 * 2 * (8 * 8 + 8));
  });

  it('checks a long chain', () => {
    const r = check(chain(1000, 4));
    expect(r.ok).toBe(true);
    expect(r.order).toHaveLength(1000);
    expect(r.totalParams).toBe(999 * 20);
  });

  it('is pure: the project is not changed and a second run gives the same report', () => {
    const p = residual(2);
    const before = JSON.stringify(p);
    const a = check(p);
    expect(JSON.stringify(p)).toBe(before);
    expect(check(p)).toEqual(a);
  });
});
