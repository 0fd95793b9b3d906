import { describe, expect, it } from 'vitest';
import { copySelection, freeOffset, parseClip, pasteClip } from './clipboard.js';
import { applyEdit } from './edits.js';
import { mlp } from './fixtures.js';

describe('clipboard', () => {
  it('copies the selected nodes and only the edges between them', () => {
    const clip = copySelection(mlp().graph, ['h', 'out']);
    expect(clip.nodes.map((n) => n.id)).toEqual(['h', 'out']);
    expect(clip.edges.map((e) => e.id)).toEqual(['e2']);
  });

  it('round-trips through text and rejects foreign text', () => {
    const clip = copySelection(mlp().graph, ['h']);
    expect(parseClip(JSON.stringify(clip))).toEqual(clip);
    expect(parseClip('hello')).toBeNull();
    expect(parseClip('{"nodes": []}')).toBeNull();
  });

  it('pastes with fresh ids, shifted positions and rewired internal edges', () => {
    const p = mlp();
    const clip = copySelection(p.graph, ['h', 'out']);
    const { nodes, edges } = pasteClip(p.graph, clip, { x: 40, y: 40 });
    expect(nodes.map((n) => n.id)).toEqual(['dense_1', 'dense_2']);
    expect(nodes[0]!.position).toEqual({ x: 40, y: 140 });
    expect(nodes[0]!.params).toEqual({ units: 4, activation: 'tanh' });
    expect(edges).toEqual([{ id: 'e3', source: 'dense_1', target: 'dense_2' }]);
    const q = applyEdit(p, { type: 'addElements', nodes, edges });
    expect(new Set(q.graph.nodes.map((n) => n.id)).size).toBe(5);
    // Pasting twice still gives unique ids.
    const again = pasteClip(q.graph, clip, { x: 80, y: 80 });
    expect(again.nodes.map((n) => n.id)).toEqual(['dense_3', 'dense_4']);
  });
});

describe('paste offset', () => {
  it('offsets a paste from its original, and a second paste or duplicate from the first copy', () => {
    const p = mlp();
    const clip = copySelection(p.graph, ['h']);
    const first = freeOffset(p.graph, clip);
    expect(first).toEqual({ x: 40, y: 40 });
    const once = applyEdit(p, { type: 'addElements', ...pasteClip(p.graph, clip, first) });
    // The same clip again: not on the original, not on the first copy.
    const second = freeOffset(once.graph, clip);
    expect(second).toEqual({ x: 80, y: 80 });
    const twice = applyEdit(once, { type: 'addElements', ...pasteClip(once.graph, clip, second) });
    const positions = twice.graph.nodes.map((n) => `${n.position.x},${n.position.y}`);
    expect(new Set(positions).size).toBe(positions.length);
  });
});
