import { describe, expect, it } from 'vitest';
import { check } from '../../engine/check/check.js';
import type { Project } from '../../engine/project/types.js';
import { applyEdit } from '../state/edits.js';
import { mlp } from '../state/fixtures.js';
import { canvasView, connectionEnds } from './blockView.js';

const view = (p: Project) => canvasView(p, check(p));

describe('the canvas view of blocks', () => {
  it('a collapsed block is one node whose edges attach to its ports', () => {
    const p = applyEdit(mlp(), { type: 'group', nodeIds: ['h', 'out'], name: 'head', collapsed: true });
    const v = view(p);
    expect(v.layers.map((n) => n.id)).toEqual(['in']);
    expect(v.blocks.map((b) => b.group.id)).toEqual(['block_1']);
    expect(v.frames).toEqual([]);
    // in → h becomes in → the block's first input port; h → out is inside and not drawn.
    expect(v.edges).toEqual([{ id: 'e1', source: 'in', target: 'block_1', targetHandle: 'in-0', from: 'in' }]);
    const b = v.blocks[0]!;
    expect(b.ports.outputs).toEqual(['out']);
    expect(b.outputs).toEqual([{ node: 'out', shape: [null, 1] }]);
    // Dense 2→4 (12) and 4→1 (5).
    expect(b.params).toBe(17);
    expect(b.kinds).toEqual(['Dense', 'Dense']);
  });

  it('an expanded block is a frame around its layers; blocks nest', () => {
    const outer = applyEdit(mlp(), { type: 'group', nodeIds: ['in', 'h', 'out'], name: 'all' });
    const nested = applyEdit(outer, { type: 'group', nodeIds: ['h', 'out'], name: 'head', collapsed: true });
    const v = view(nested);
    expect(v.layers.map((n) => n.id)).toEqual(['in']);
    expect(v.blocks.map((b) => b.group.name)).toEqual(['head']);
    expect(v.frames.map((f) => f.group.name)).toEqual(['all']);
    const f = v.frames[0]!.rect;
    // Around the Input at (0, 0) and the collapsed block at its members' corner (0, 100).
    expect(f.x).toBeLessThan(0);
    expect(f.y).toBeLessThan(0);
    expect(f.y + f.height).toBeGreaterThan(100);
    // Collapsing the outer block hides the inner one and the frame.
    const both = applyEdit(nested, { type: 'setGroup', groupId: 'block_1', patch: { collapsed: true } });
    const w = view(both);
    expect(w.layers).toEqual([]);
    expect(w.blocks.map((b) => b.group.name)).toEqual(['all']);
    expect(w.frames).toEqual([]);
    expect(w.edges).toEqual([]);
  });

  it("errors inside a collapsed block show on it, naming the inner node", () => {
    let p = applyEdit(mlp(), { type: 'group', nodeIds: ['h', 'out'], name: 'head', collapsed: true });
    p = applyEdit(p, { type: 'remove', nodeIds: [], edgeIds: ['e1'] });
    const b = view(p).blocks[0]!;
    expect(b.errors.length).toBeGreaterThan(0);
    expect(b.errors[0]!.nodeId).toBe('h');
    expect(b.errors[0]!.message).toMatch(/^h: /);
    // The block's free input port feeds h: a connection drawn to it connects in → h.
    expect(b.ports.inputs).toEqual([{ source: null, targets: [{ node: 'h', port: 0 }] }]);
    expect(connectionEnds(p, { source: 'in', target: 'block_1', targetHandle: 'in-0' })).toEqual({ source: 'in', target: 'h' });
    expect(connectionEnds(p, { source: 'block_1', target: 'in', sourceHandle: 'out-out' })).toEqual({ source: 'out', target: 'in' });
  });
});
