// Training-configuration warnings: the loss against the last activation and the output
// size, the network against the dataset, and outputs that lead nowhere.
import { describe, expect, it } from 'vitest';
import type { LossName } from '../project/types.js';
import { check, type DatasetInfo } from './check.js';
import { project, type NodeSpec } from './fixtures.js';

const MNIST: DatasetInfo = { id: 'mnist', task: 'classification', inputShape: [28, 28, 1], targetShape: [], numClasses: 10 };
const LINE: DatasetInfo = { task: 'regression', inputShape: [1], targetShape: [1] };

/** Input [n] → Dense(units, activation) with the given loss. */
function net(units: number, activation: string, loss: LossName, inputShape: (number | null)[] = [784]) {
  return project([['in', 'Input', { shape: inputShape }], ['out', 'Dense', { units, activation }]], ['in->out'], loss);
}

function codes(r: ReturnType<typeof check>) {
  return r.warnings.map((w) => `${w.code}@${w.nodeId ?? ''}`);
}

describe('check: loss and last activation', () => {
  it('accepts the usual pairings without warnings', () => {
    expect(check(net(10, 'softmax', 'categoricalCrossentropy'), { dataset: MNIST }).warnings).toEqual([]);
    expect(check(net(10, 'softmax', 'sparseCategoricalCrossentropy'), { dataset: MNIST }).warnings).toEqual([]);
    expect(check(net(1, 'sigmoid', 'binaryCrossentropy', [2]), { dataset: { task: 'classification', inputShape: [2], targetShape: [], numClasses: 2 } }).warnings).toEqual([]);
    expect(check(net(1, 'linear', 'meanSquaredError', [1]), { dataset: LINE }).warnings).toEqual([]);
  });

  it('warns about categoricalCrossentropy without softmax, on the output node', () => {
    const r = check(net(10, 'relu', 'categoricalCrossentropy'));
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([
      { severity: 'warning', code: 'loss-activation', nodeId: 'out', message: "Dense 'out' ends with activation 'relu', but categoricalCrossentropy expects class probabilities; set its activation to softmax", fix: { kind: 'setParam', node: 'out', param: 'activation', value: 'softmax' } },
    ]);
  });

  it('warns about binaryCrossentropy without sigmoid on 1 unit', () => {
    const r = check(net(1, 'linear', 'binaryCrossentropy'));
    expect(codes(r)).toEqual(['loss-activation@out']);
    expect(r.warnings[0]!.message).toMatch(/from its 1 unit; set its activation to sigmoid$/);
  });

  it('warns about a categorical loss on a 1-unit output', () => {
    for (const loss of ['categoricalCrossentropy', 'sparseCategoricalCrossentropy'] as const) {
      const r = check(net(1, 'sigmoid', loss));
      expect(codes(r)).toEqual(['loss-output@out']);
      expect(r.warnings[0]!.message).toMatch(/1 unit, but .* needs one unit per class/);
    }
  });

  it('hints that softmax with a squared error trains slowly', () => {
    const r = check(net(10, 'softmax', 'meanSquaredError'));
    expect(codes(r)).toEqual(['loss-activation@out']);
    expect(r.warnings[0]!.message).toMatch(/ends with softmax but the loss is meanSquaredError/);
  });

  it('looks through Dropout to the layer with the activation', () => {
    const nodes: NodeSpec[] = [['in', 'Input', { shape: [8] }], ['d', 'Dense', { units: 10, activation: 'relu' }], ['x', 'Dropout', { rate: 0.5 }]];
    const r = check(project(nodes, ['in->d', 'd->x']));
    expect(codes(r)).toEqual(['loss-activation@d']);
    expect(r.warnings[0]!.message).toMatch(/^Dense 'd', which feeds the output 'x', ends with activation 'relu'/);
  });

  it('says nothing about the loss when the output is behind an error', () => {
    const r = check(project([['in', 'Input', { shape: [8] }], ['c', 'Conv2D'], ['out', 'Dense', { units: 3 }]], ['in->c', 'c->out']));
    expect(r.errors.map((e) => e.code)).toEqual(['shape']);
    expect(r.warnings).toEqual([]);
  });
});

describe('check: network against dataset', () => {
  it('warns when the output units do not match the number of classes', () => {
    const r = check(net(5, 'softmax', 'categoricalCrossentropy'), { dataset: MNIST });
    expect(codes(r)).toEqual(['output-classes@out']);
    expect(r.warnings[0]).toMatchObject({ param: 'units', message: "Dense 'out' has 5 units but dataset 'mnist' has 10 classes; set units to 10" });
  });

  it('warns about binaryCrossentropy on more than two classes', () => {
    const r = check(net(1, 'sigmoid', 'binaryCrossentropy'), { dataset: MNIST });
    expect(codes(r)).toEqual(['output-classes@out']);
    expect(r.warnings[0]!.message).toMatch(/separates 2 classes but dataset 'mnist' has 10/);
  });

  it('warns about a classifier output that is not flat', () => {
    const r = check(project([['in', 'Input', { shape: [28, 28, 1] }], ['out', 'Conv2D', { filters: 10, activation: 'softmax' }]], ['in->out']), { dataset: MNIST });
    expect(codes(r)).toEqual(['output-shape@out']);
    expect(r.warnings[0]!.message).toMatch(/outputs \[batch, 26, 26, 10\].*insert a Flatten/);
  });

  it('warns when the Input cannot take the dataset examples, but not when only their layout differs', () => {
    expect(check(net(10, 'softmax', 'categoricalCrossentropy', [784]), { dataset: MNIST }).warnings).toEqual([]);
    const r = check(net(10, 'softmax', 'categoricalCrossentropy', [100]), { dataset: MNIST });
    expect(codes(r)).toEqual(['input-shape@in']);
    expect(r.warnings[0]!.message).toBe("Input 'in' has shape [100] but dataset 'mnist' gives examples of shape [28, 28, 1]; set its shape to [28, 28, 1], or train it on a dataset whose examples have shape [100]");
  });

  it('warns about several Inputs when the dataset has one tensor per example', () => {
    const r = check(
      project([['a', 'Input', { shape: [1] }], ['b', 'Input', { shape: [1] }], ['cat', 'Concatenate'], ['out', 'Dense', { units: 1 }]], ['a->cat:0', 'b->cat:1', 'cat->out'], 'meanSquaredError'),
      { dataset: LINE },
    );
    expect(codes(r)).toEqual(['dataset-inputs@b']);
  });

  it('warns when a regression output does not match the targets', () => {
    const r = check(net(3, 'linear', 'meanSquaredError', [1]), { dataset: LINE });
    expect(codes(r)).toEqual(['output-target@out']);
    expect(r.warnings[0]!.message).toBe("Dense 'out' outputs [batch, 3] but the dataset's targets are [batch, 1]; set units to 1");
  });

  it('warns about a classification loss on a regression dataset, and a squashing output', () => {
    expect(codes(check(net(1, 'softmax', 'categoricalCrossentropy', [1]), { dataset: LINE }))).toEqual(['loss-task@']);
    // Sigmoid with binaryCrossentropy fits targets in [0, 1] (an autoencoder's pixels): fine.
    expect(codes(check(net(1, 'sigmoid', 'binaryCrossentropy', [1]), { dataset: LINE }))).toEqual([]);
    expect(codes(check(net(1, 'sigmoid', 'meanSquaredError', [1]), { dataset: LINE }))).toEqual(['loss-activation@out']);
  });
});

describe('check: outputs', () => {
  it('warns on a dangling layer that becomes a second output, naming the main one', () => {
    const r = check(
      project(
        [['in', 'Input', { shape: [4] }], ['h', 'Dense', { units: 8, activation: 'relu' }], ['side', 'Dense', { units: 2 }], ['h2', 'Dense', { units: 8 }], ['out', 'Dense', { units: 3, activation: 'softmax' }]],
        ['in->h', 'h->side', 'h->h2', 'h2->out'],
      ),
    );
    expect(r.ok).toBe(true);
    expect(r.outputs).toEqual(['side', 'out']);
    expect(codes(r)).toEqual(['multiple-outputs@side']);
    expect(r.warnings[0]!.message).toMatch(/^Dense 'side' leads nowhere: .* same targets as 'out'; connect it onward or delete it$/);
    expect(r.warnings[0]!.nodeIds).toEqual(['side', 'out']);
  });
});
