import { describe, expect, it } from 'vitest';
import { canConnect } from './connect.js';
import { applyEdit, applyEdits } from './edits.js';
import { mlp } from './fixtures.js';

describe('edits', () => {
  it('adds a node with a readable unique id', () => {
    let p = applyEdit(mlp(), { type: 'addNode', kind: 'Dense', position: { x: 5, y: 6 } });
    p = applyEdit(p, { type: 'addNode', kind: 'Dense', position: { x: 5, y: 6 } });
    expect(p.graph.nodes.slice(-2).map((n) => n.id)).toEqual(['dense_1', 'dense_2']);
    expect(p.graph.nodes.at(-1)!.position).toEqual({ x: 5, y: 6 });
  });

  it('does not mutate the original project', () => {
    const p = mlp();
    const before = JSON.stringify(p);
    applyEdits(p, [
      { type: 'setParam', nodeId: 'h', param: 'units', value: 8 },
      { type: 'moveNodes', moves: [{ id: 'h', position: { x: 9, y: 9 } }] },
      { type: 'remove', nodeIds: ['out'], edgeIds: [] },
    ]);
    expect(JSON.stringify(p)).toBe(before);
  });

  it('removing a node removes its edges', () => {
    const p = applyEdit(mlp(), { type: 'remove', nodeIds: ['h'], edgeIds: [] });
    expect(p.graph.nodes.map((n) => n.id)).toEqual(['in', 'out']);
    expect(p.graph.edges).toEqual([]);
  });

  it('setParam with undefined restores the default; no-op edits return the same object', () => {
    const p = mlp();
    expect(applyEdit(p, { type: 'setParam', nodeId: 'h', param: 'units', value: 4 })).toBe(p);
    const q = applyEdit(p, { type: 'setParam', nodeId: 'h', param: 'units', value: undefined });
    expect(q.graph.nodes[1]!.params).toEqual({ activation: 'tanh' });
    expect(applyEdit(p, { type: 'moveNodes', moves: [{ id: 'h', position: { x: 0, y: 100 } }] })).toBe(p);
  });

  it('connect refuses edges into an Input, cycles, and a second edge into a single-input layer', () => {
    const p = applyEdit(mlp(), { type: 'addNode', kind: 'Input', position: { x: 0, y: 0 }, id: 'in2' });
    expect(canConnect(p.graph, 'h', 'in')).toMatchObject({ ok: false, reason: expect.stringContaining('takes no inputs') });
    expect(canConnect(p.graph, 'out', 'h')).toMatchObject({ ok: false, reason: expect.stringContaining('already has one') });
    const cut = applyEdit(p, { type: 'remove', nodeIds: [], edgeIds: ['e1'] });
    expect(canConnect(cut.graph, 'out', 'h')).toMatchObject({ ok: false, reason: expect.stringContaining('cycle') });
    expect(canConnect(cut.graph, 'h', 'h')).toMatchObject({ ok: false });
    expect(canConnect(cut.graph, 'in2', 'h')).toEqual({ ok: true, targetPort: 0 });
    // A refused connect edit leaves the project untouched.
    expect(applyEdit(p, { type: 'connect', source: 'h', target: 'in' })).toBe(p);
    const joined = applyEdit(cut, { type: 'connect', source: 'in2', target: 'h' });
    expect(joined.graph.edges.at(-1)).toEqual({ id: 'e1', source: 'in2', target: 'h' });
  });

  it('setTraining patches the training section', () => {
    const p = applyEdit(mlp(), { type: 'setTraining', patch: { epochs: 7 } });
    expect(p.training.epochs).toBe(7);
    expect(p.training.batchSize).toBe(4);
  });
});
