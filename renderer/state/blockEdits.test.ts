import { describe, expect, it } from 'vitest';
import { check } from '../../engine/check/check.js';
import { testNode, testProject } from '../../engine/project/fixtures.js';
import { applyEdit } from './edits.js';
import { createEditor, editorReducer } from './editor.js';
import { mlp } from './fixtures.js';

describe('block edits', () => {
  it('group, nest and ungroup leave the flat graph as it was', () => {
    const p = mlp();
    const g = applyEdit(p, { type: 'group', nodeIds: ['h', 'out'], name: 'head' });
    expect(g.groups).toEqual([{ id: 'block_1', name: 'head', nodes: ['h', 'out'] }]);
    const nested = applyEdit(g, { type: 'group', nodeIds: ['in', 'block_1'] });
    expect(nested.groups!.map((x) => x.nodes)).toEqual([['h', 'out'], ['in', 'h', 'out']]);
    expect(nested.graph).toEqual(p.graph);
    expect(applyEdit(applyEdit(nested, { type: 'ungroup', groupId: 'block_2' }), { type: 'ungroup', groupId: 'block_1' })).toEqual(p);
  });

  it('a linked edit reaches every instance; detached, it stays in one', () => {
    const p = { ...testProject({ nodes: ['a1', 'a2'].map((id) => testNode(id, 'Dense', { units: 2 })) }), groups: [
      { id: 'g1', name: 'b', nodes: ['a1'], link: 'L' },
      { id: 'g2', name: 'b', nodes: ['a2'], link: 'L' },
    ] };
    const linked = applyEdit(p, { type: 'setParam', nodeId: 'a1', param: 'units', value: 7 });
    expect(linked.graph.nodes.map((n) => n.params.units)).toEqual([7, 7]);
    const detached = applyEdit(applyEdit(p, { type: 'setGroup', groupId: 'g2', patch: { link: null } }), { type: 'setParam', nodeId: 'a1', param: 'units', value: 7 });
    expect(detached.graph.nodes.map((n) => n.params.units)).toEqual([7, 2]);
  });
});

describe('one-click fixes', () => {
  const conv = () => testProject({
    nodes: [testNode('in', 'Input', { shape: [784] }), testNode('c', 'Conv2D', { filters: 2, kernelSize: 3 }, 100)],
    edges: [{ id: 'e1', source: 'in', target: 'c' }],
  });

  it('Input(784) → Conv2D: the insert fix clears the error in one undo step', () => {
    const p = conv();
    const err = check(p).errors.find((d) => d.fix);
    expect(err?.fix).toMatchObject({ kind: 'insert', layer: 'Reshape' });
    let s = createEditor(p);
    s = editorReducer(s, { type: 'edit', edits: [{ type: 'applyFix', fix: err!.fix! }] });
    expect(check(s.history.present).errors).toEqual([]);
    s = editorReducer(s, { type: 'undo' });
    expect(s.history.present).toBe(p);
  });

  it('activation and loss fixes clear their warnings', () => {
    const p = applyEdit(mlp(), { type: 'setParam', nodeId: 'out', param: 'activation', value: 'relu' });
    const w = check(p).warnings.find((d) => d.code === 'loss-activation');
    expect(w?.fix).toEqual({ kind: 'setParam', node: 'out', param: 'activation', value: 'sigmoid' });
    expect(check(applyEdit(p, { type: 'applyFix', fix: w!.fix! })).warnings.filter((d) => d.code === 'loss-activation')).toEqual([]);
    const loss = applyEdit(p, { type: 'applyFix', fix: { kind: 'setLoss', loss: 'meanSquaredError' } });
    expect(loss.training.loss).toBe('meanSquaredError');
  });
});
