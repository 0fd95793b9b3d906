// Every diagnostic that carries a fix: the fix is the expected edit, and applying it (as the
// editor does, through applyEdit) makes the checker drop that diagnostic without trading it
// for another one.
import { describe, expect, it } from 'vitest';
import { check, type DatasetInfo } from '../../engine/check/check.js';
import { project, type NodeSpec } from '../../engine/check/fixtures.js';
import type { DiagnosticCode } from '../../engine/check/codes.js';
import type { ShapeFix } from '../../engine/layers/types.js';
import type { LossName } from '../../engine/project/types.js';
import { applyEdit } from './edits.js';
import { createEditor, editorReducer } from './editor.js';

const MNIST: DatasetInfo = { id: 'mnist', task: 'classification', inputShape: [28, 28, 1], targetShape: [], numClasses: 10 };
const XOR: DatasetInfo = { id: 'xor', task: 'classification', inputShape: [2], targetShape: [], numClasses: 2 };
const LINE: DatasetInfo = { id: 'line', task: 'regression', inputShape: [1], targetShape: [1] };

interface Case {
  name: string;
  nodes: NodeSpec[];
  edges: string[];
  loss?: LossName;
  dataset?: DatasetInfo;
  code: DiagnosticCode;
  node?: string;
  fix: ShapeFix;
}

const dense = (units: number, activation: string) => ({ units, activation });

const CASES: Case[] = [
  {
    name: 'Input(784) → Conv2D: insert a Reshape to [28, 28, 1]',
    nodes: [['in', 'Input', { shape: [784] }], ['c', 'Conv2D', { filters: 2, kernelSize: 3 }], ['f', 'Flatten'], ['out', 'Dense', dense(10, 'softmax')]],
    edges: ['in->c', 'c->f', 'f->out'],
    dataset: MNIST,
    code: 'shape',
    node: 'c',
    fix: { kind: 'insert', node: 'c', layer: 'Reshape', params: { targetShape: [28, 28, 1] } },
  },
  {
    name: 'a flat sequence into an LSTM: insert a Reshape to [steps, 1]',
    nodes: [['in', 'Input', { shape: [12] }], ['l', 'LSTM', { units: 4 }], ['out', 'Dense', dense(1, 'linear')]],
    edges: ['in->l', 'l->out'],
    loss: 'meanSquaredError',
    code: 'shape',
    node: 'l',
    fix: { kind: 'insert', node: 'l', layer: 'Reshape', params: { targetShape: [12, 1] } },
  },
  {
    name: 'a kernel larger than the image: padding same',
    nodes: [['in', 'Input', { shape: [2, 2, 1] }], ['c', 'Conv2D', { filters: 2, kernelSize: 3 }], ['f', 'Flatten'], ['out', 'Dense', dense(2, 'softmax')]],
    edges: ['in->c', 'c->f', 'f->out'],
    code: 'shape',
    node: 'c',
    fix: { kind: 'setParam', node: 'c', param: 'padding', value: 'same' },
  },
  {
    name: 'a Flatten on a flat input: remove it',
    nodes: [['in', 'Input', { shape: [4] }], ['f', 'Flatten'], ['out', 'Dense', dense(2, 'softmax')]],
    edges: ['in->f', 'f->out'],
    code: 'shape',
    node: 'f',
    fix: { kind: 'remove', node: 'f' },
  },
  {
    name: 'RepeatVector on a 2-D input: insert a Flatten',
    nodes: [['in', 'Input', { shape: [3, 4] }], ['r', 'RepeatVector', { n: 2 }], ['l', 'LSTM', { units: 2 }], ['out', 'Dense', dense(1, 'linear')]],
    edges: ['in->r', 'r->l', 'l->out'],
    loss: 'meanSquaredError',
    code: 'shape',
    node: 'r',
    fix: { kind: 'insert', node: 'r', layer: 'Flatten', params: {} },
  },
  {
    name: 'Concatenate on the wrong axis: the axis they differ on',
    nodes: [['a', 'Input', { shape: [4, 3] }], ['b', 'Input', { shape: [2, 3] }], ['cat', 'Concatenate', { axis: -1 }], ['f', 'Flatten'], ['out', 'Dense', dense(2, 'softmax')]],
    edges: ['a->cat:0', 'b->cat:1', 'cat->f', 'f->out'],
    code: 'merge-mismatch',
    node: 'cat',
    fix: { kind: 'setParam', node: 'cat', param: 'axis', value: 1 },
  },
  {
    name: "the Input does not take the dataset's examples: set its shape",
    nodes: [['in', 'Input', { shape: [784] }], ['h', 'Dense', dense(4, 'tanh')], ['out', 'Dense', dense(1, 'sigmoid')]],
    edges: ['in->h', 'h->out'],
    loss: 'binaryCrossentropy',
    dataset: XOR,
    code: 'input-shape',
    node: 'in',
    fix: { kind: 'setInputShape', node: 'in', shape: [2] },
  },
  {
    name: 'categoricalCrossentropy after relu: softmax',
    nodes: [['in', 'Input', { shape: [784] }], ['out', 'Dense', dense(10, 'relu')]],
    edges: ['in->out'],
    dataset: MNIST,
    code: 'loss-activation',
    node: 'out',
    fix: { kind: 'setParam', node: 'out', param: 'activation', value: 'softmax' },
  },
  {
    name: 'binaryCrossentropy after linear: sigmoid',
    nodes: [['in', 'Input', { shape: [2] }], ['out', 'Dense', dense(1, 'linear')]],
    edges: ['in->out'],
    loss: 'binaryCrossentropy',
    dataset: XOR,
    code: 'loss-activation',
    node: 'out',
    fix: { kind: 'setParam', node: 'out', param: 'activation', value: 'sigmoid' },
  },
  {
    name: 'softmax with meanSquaredError: the loss that fits softmax',
    nodes: [['in', 'Input', { shape: [784] }], ['out', 'Dense', dense(10, 'softmax')]],
    edges: ['in->out'],
    loss: 'meanSquaredError',
    dataset: MNIST,
    code: 'loss-activation',
    node: 'out',
    fix: { kind: 'setLoss', node: 'out', loss: 'categoricalCrossentropy' },
  },
  {
    name: 'sigmoid with hinge: the loss that fits sigmoid',
    nodes: [['in', 'Input', { shape: [2] }], ['out', 'Dense', dense(1, 'sigmoid')]],
    edges: ['in->out'],
    loss: 'hinge',
    dataset: XOR,
    code: 'loss-activation',
    node: 'out',
    fix: { kind: 'setLoss', node: 'out', loss: 'binaryCrossentropy' },
  },
  {
    name: 'a sigmoid output on a regression: linear',
    nodes: [['in', 'Input', { shape: [1] }], ['out', 'Dense', dense(1, 'sigmoid')]],
    edges: ['in->out'],
    loss: 'meanSquaredError',
    dataset: LINE,
    code: 'loss-activation',
    node: 'out',
    fix: { kind: 'setParam', node: 'out', param: 'activation', value: 'linear' },
  },
  {
    name: 'a classification loss on a regression: meanSquaredError',
    nodes: [['in', 'Input', { shape: [1] }], ['out', 'Dense', dense(1, 'linear')]],
    edges: ['in->out'],
    loss: 'categoricalCrossentropy',
    dataset: LINE,
    code: 'loss-task',
    fix: { kind: 'setLoss', loss: 'meanSquaredError' },
  },
  {
    name: 'too few output units: the number of classes',
    nodes: [['in', 'Input', { shape: [784] }], ['out', 'Dense', dense(3, 'softmax')]],
    edges: ['in->out'],
    dataset: MNIST,
    code: 'output-classes',
    node: 'out',
    fix: { kind: 'setParam', node: 'out', param: 'units', value: 10 },
  },
  {
    name: 'one unit with categoricalCrossentropy: one unit per class',
    nodes: [['in', 'Input', { shape: [784] }], ['out', 'Dense', dense(1, 'softmax')]],
    edges: ['in->out'],
    dataset: MNIST,
    code: 'loss-output',
    node: 'out',
    fix: { kind: 'setParam', node: 'out', param: 'units', value: 10 },
  },
  {
    name: 'one sigmoid unit with categoricalCrossentropy: units and softmax in one fix',
    nodes: [['in', 'Input', { shape: [784] }], ['out', 'Dense', dense(1, 'sigmoid')]],
    edges: ['in->out'],
    dataset: MNIST,
    code: 'loss-output',
    node: 'out',
    fix: { kind: 'all', node: 'out', fixes: [{ kind: 'setParam', node: 'out', param: 'units', value: 10 }, { kind: 'setParam', node: 'out', param: 'activation', value: 'softmax' }] },
  },
  {
    name: 'binaryCrossentropy on ten classes: units, softmax and categoricalCrossentropy',
    nodes: [['in', 'Input', { shape: [784] }], ['out', 'Dense', dense(1, 'sigmoid')]],
    edges: ['in->out'],
    loss: 'binaryCrossentropy',
    dataset: MNIST,
    code: 'output-classes',
    node: 'out',
    fix: {
      kind: 'all',
      node: 'out',
      fixes: [
        { kind: 'setParam', node: 'out', param: 'units', value: 10 },
        { kind: 'setParam', node: 'out', param: 'activation', value: 'softmax' },
        { kind: 'setLoss', node: 'out', loss: 'categoricalCrossentropy' },
      ],
    },
  },
  {
    name: 'a classifier that outputs an image: insert a Flatten before the last Dense',
    nodes: [['in', 'Input', { shape: [28, 28, 1] }], ['out', 'Dense', dense(10, 'softmax')]],
    edges: ['in->out'],
    dataset: MNIST,
    code: 'output-shape',
    node: 'out',
    fix: { kind: 'insert', node: 'out', input: 0, layer: 'Flatten', params: {} },
  },
  {
    name: 'a regression with three output units: one unit',
    nodes: [['in', 'Input', { shape: [1] }], ['out', 'Dense', dense(3, 'linear')]],
    edges: ['in->out'],
    loss: 'meanSquaredError',
    dataset: LINE,
    code: 'output-target',
    node: 'out',
    fix: { kind: 'setParam', node: 'out', param: 'units', value: 1 },
  },
  {
    name: 'a regression output that is not flat: a Flatten and one unit',
    nodes: [['in', 'Input', { shape: [1, 1] }], ['out', 'Dense', dense(4, 'linear')]],
    edges: ['in->out'],
    loss: 'meanSquaredError',
    dataset: LINE,
    code: 'output-target',
    node: 'out',
    fix: { kind: 'all', node: 'out', fixes: [{ kind: 'insert', node: 'out', input: 0, layer: 'Flatten', params: {} }, { kind: 'setParam', node: 'out', param: 'units', value: 1 }] },
  },
];

const all = (r: ReturnType<typeof check>) => [...r.errors, ...r.warnings];

describe('one-click fixes clear their diagnostic', () => {
  for (const c of CASES)
    it(c.name, () => {
      const p = project(c.nodes, c.edges, c.loss);
      const opts = c.dataset ? { dataset: c.dataset } : undefined;
      const before = all(check(p, opts));
      const d = before.find((x) => x.code === c.code && x.nodeId === c.node);
      expect(d, JSON.stringify(before.map((x) => x.message))).toBeDefined();
      expect(d!.fix).toEqual(c.fix);
      const after = all(check(applyEdit(p, { type: 'applyFix', fix: d!.fix! }), opts));
      // Gone, and nothing new in its place: the network checks and trains clean.
      expect(after.map((x) => x.message)).toEqual([]);
    });

  it('a fix of several edits is one undo step', () => {
    const p = project([['in', 'Input', { shape: [784] }], ['out', 'Dense', dense(1, 'sigmoid')]], ['in->out'], 'binaryCrossentropy');
    const fix = check(p, { dataset: MNIST }).warnings.find((w) => w.code === 'output-classes')!.fix!;
    let s = editorReducer(createEditor(p), { type: 'edit', edits: [{ type: 'applyFix', fix }] });
    expect(s.history.present.training.loss).toBe('categoricalCrossentropy');
    expect(s.history.present.graph.nodes.find((n) => n.id === 'out')!.params).toMatchObject({ units: 10, activation: 'softmax' });
    s = editorReducer(s, { type: 'undo' });
    expect(s.history.present).toBe(p);
  });

  it('the message words the fix it carries', () => {
    const p = project([['in', 'Input', { shape: [784] }], ['out', 'Dense', dense(1, 'sigmoid')]], ['in->out'], 'hinge');
    const w = check(p, { dataset: XOR }).warnings.find((x) => x.code === 'loss-activation')!;
    expect(w.message).toMatch(/or binaryCrossentropy with sigmoid$/);
  });
});
