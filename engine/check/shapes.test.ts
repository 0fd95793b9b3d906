// Parameter and shape mistakes: on the node, naming the parameter or the upstream node,
// and one message per mistake (nodes behind it get no shape and no message).
import { describe, expect, it } from 'vitest';
import { check } from './check.js';
import { project } from './fixtures.js';

describe('check: kinds and parameters', () => {
  it('suggests the closest kind for a misspelt one', () => {
    const r = check(project([['in', 'Input', { shape: [4] }], ['d1', 'Dence', { units: 3 }]], ['in->d1']));
    expect(r.errors).toEqual([{ severity: 'error', code: 'unknown-kind', nodeId: 'd1', message: "node 'd1' has unknown kind 'Dence'; did you mean 'Dense'?" }]);
    expect(r.nodes[1]).toMatchObject({ kind: 'Dence', outputShape: null });
  });

  it('suggests by case and lists the kinds when nothing is close', () => {
    expect(check(project([['in', 'Input', { shape: [4] }], ['c', 'conv2d']], ['in->c'])).errors[0]!.message).toMatch(/did you mean 'Conv2D'\?$/);
    expect(check(project([['in', 'Input', { shape: [4] }], ['q', 'QuantumLayer']], ['in->q'])).errors[0]!.message).toMatch(/known kinds are Input, Dense, .*Conv2D/);
    const none = check({ ...project([['in', 'Input', { shape: [4] }]], []), graph: { nodes: [{ id: 'x', params: {} }], edges: [] } } as never);
    expect(none.errors.find((e) => e.code === 'unknown-kind')?.message).toBe(`node 'x' has no kind; set "kind" to a layer such as "Dense"`);
  });

  it('names an unknown parameter and suggests the known one', () => {
    const r = check(project([['in', 'Input', { shape: [4] }], ['d1', 'Dense', { unit: 3 }]], ['in->d1']));
    expect(r.errors).toEqual([{ severity: 'error', code: 'unknown-param', nodeId: 'd1', param: 'unit', message: "Dense 'd1' has an unknown parameter 'unit'; did you mean 'units'?" }]);
  });

  it('treats inherited object names as unknown parameters', () => {
    const r = check(project([['in', 'Input', { shape: [4] }], ['d1', 'Dense', { toString: 1 }]], ['in->d1']));
    expect(r.errors[0]).toMatchObject({ code: 'unknown-param', param: 'toString' });
  });

  it('names an invalid parameter value', () => {
    const r = check(project([['in', 'Input', { shape: [4] }], ['d1', 'Dense', { units: 0 }], ['d2', 'Dense', { units: 2, activation: 'relux' }]], ['in->d1', 'd1->d2']));
    expect(r.errors[0]).toMatchObject({ code: 'invalid-param', nodeId: 'd1', param: 'units' });
    expect(r.errors[0]!.message).toBe("Dense 'd1': 'units' must be ≥ 1, got 0");
    // d2's own mistake is still reported although it sits behind d1's.
    expect(r.errors[1]).toMatchObject({ code: 'invalid-param', nodeId: 'd2', param: 'activation' });
    expect(r.errors[1]!.message).toMatch(/^Dense 'd2': 'activation' must be one of linear, relu/);
    expect(r.errors).toHaveLength(2);
  });

  it('reports params that are not an object', () => {
    const p = project([['in', 'Input', { shape: [4] }], ['d1', 'Dense']], ['in->d1']);
    (p.graph.nodes[1] as { params: unknown }).params = [1, 2];
    const r = check(p);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: 'invalid-param', nodeId: 'd1' });
    expect(r.errors[0]!.message).toMatch(/graph\.nodes\[1\]\.params/);
  });
});

describe('check: shapes', () => {
  it("names the node, the upstream node and the fix when Conv2D gets a flat input", () => {
    const r = check(
      project(
        [['in', 'Input', { shape: [784] }], ['d1', 'Dense', { units: 784 }], ['c1', 'Conv2D', { filters: 8 }], ['f', 'Flatten'], ['out', 'Dense', { units: 10, activation: 'softmax' }]],
        ['in->d1', 'd1->c1', 'c1->f', 'f->out'],
      ),
    );
    expect(r.errors).toEqual([
      {
        severity: 'error',
        code: 'shape',
        nodeId: 'c1',
        message: "Conv2D 'c1' needs a 4-D input [batch, height, width, channels] but gets [batch, 784] from 'd1'; insert a Reshape to [28, 28, 1]",
        // The same fix as data, for the editor to apply.
        fix: { kind: 'insert', node: 'c1', layer: 'Reshape', params: { targetShape: [28, 28, 1] } },
      },
    ]);
    // Behind the error: no shape, no second message.
    expect(r.nodes.map((n) => n.outputShape)).toEqual([[null, 784], [null, 784], null, null, null]);
    expect(r.totalParams).toBe(784 * 784 + 784);
  });

  it('reports a kernel larger than its input', () => {
    const r = check(project([['in', 'Input', { shape: [4, 4, 1] }], ['c1', 'Conv2D', { filters: 2, kernelSize: 5 }]], ['in->c1']));
    expect(r.errors[0]).toMatchObject({ code: 'shape', nodeId: 'c1' });
    expect(r.errors[0]!.message).toMatch(/^Conv2D 'c1' kernel 5×5 is larger than its input 4×4/);
    expect(r.errors[0]!.message).toContain("'in'");
  });

  it('reports merge inputs that disagree, naming where each comes from', () => {
    const r = check(
      project(
        [['in', 'Input', { shape: [4] }], ['a', 'Dense', { units: 3 }], ['b', 'Dense', { units: 5 }], ['sum', 'Add'], ['out', 'Dense', { units: 1 }]],
        ['in->a', 'in->b', 'a->sum:0', 'b->sum:1', 'sum->out'],
      ),
    );
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: 'merge-mismatch', nodeId: 'sum' });
    expect(r.errors[0]!.message).toMatch(/^Add 'sum' needs inputs of equal shape/);
    expect(r.errors[0]!.message).toContain("[batch, 3] from 'a'");
    expect(r.errors[0]!.message).toContain("[batch, 5] from 'b'");
    expect(r.nodes.find((n) => n.id === 'out')?.outputShape).toBeNull();
  });

  it('concatenates along the last axis in port order', () => {
    const r = check(
      project(
        [['in', 'Input', { shape: [4] }], ['a', 'Dense', { units: 3 }], ['b', 'Dense', { units: 5 }], ['cat', 'Concatenate'], ['out', 'Dense', { units: 2, activation: 'softmax' }]],
        ['in->a', 'in->b', 'b->cat:1', 'a->cat:0', 'cat->out'],
      ),
    );
    expect(r.errors).toEqual([]);
    expect(r.nodes.find((n) => n.id === 'cat')?.outputShape).toEqual([null, 8]);
    expect(r.order.indexOf('cat')).toBeGreaterThan(r.order.indexOf('b'));
  });

  it('keeps unknown (null) dimensions of an Input through the graph', () => {
    const r = check(project([['in', 'Input', { shape: [null, 3] }], ['l', 'LSTM', { units: 4 }], ['out', 'Dense', { units: 1 }]], ['in->l', 'l->out'], 'meanSquaredError'));
    expect(r.errors).toEqual([]);
    expect(r.nodes.map((n) => n.outputShape)).toEqual([[null, null, 3], [null, 4], [null, 1]]);
  });
});

describe('check: fixes as data', () => {
  const mnistNet = () =>
    project(
      [['in', 'Input', { shape: [784] }], ['c1', 'Conv2D', { filters: 8 }], ['f', 'Flatten'], ['out', 'Dense', { units: 10, activation: 'softmax' }]],
      ['in->c1', 'c1->f', 'f->out'],
    );

  it('carries the kind’s fix with the node filled in', () => {
    const r = check(project([['in', 'Input', { shape: [4, 4, 1] }], ['c1', 'Conv2D', { filters: 2, kernelSize: 5 }]], ['in->c1']));
    expect(r.errors[0]!.fix).toEqual({ kind: 'setParam', node: 'c1', param: 'padding', value: 'same' });
  });

  it('when the data needs another Input shape, the layer below takes the Input’s fix', () => {
    const xor = { id: 'xor', task: 'classification' as const, inputShape: [2], targetShape: [], numClasses: 2 };
    const r = check(mnistNet(), { dataset: xor });
    const setInput = { kind: 'setInputShape', node: 'in', shape: [2] };
    expect(r.warnings.find((w) => w.code === 'input-shape')!.fix).toEqual(setInput);
    const conv = r.errors.find((e) => e.nodeId === 'c1')!;
    expect(conv.fix).toEqual(setInput);
    expect(conv.message).toBe(
      "Conv2D 'c1' needs a 4-D input [batch, height, width, channels] but gets [batch, 784] from 'in'; first make the Input 'in' match the dataset (its examples have shape [2]), or choose the dataset this network is for",
    );
  });
});
