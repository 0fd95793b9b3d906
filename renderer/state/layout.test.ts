import { describe, expect, it } from 'vitest';
import { applyEdits } from './edits.js';
import { mlp } from './fixtures.js';
import { LAYOUT_GAP, layeredLayout, overlaps, withLayout } from './layout.js';

describe('layeredLayout', () => {
  it('puts a chain in a column, top to bottom', () => {
    const pos = layeredLayout(mlp().graph);
    expect(pos.get('in')).toEqual({ x: 0, y: 0 });
    expect(pos.get('h')).toEqual({ x: 0, y: LAYOUT_GAP.y });
    expect(pos.get('out')).toEqual({ x: 0, y: 2 * LAYOUT_GAP.y });
  });

  it('places a node below its deepest input and spreads siblings side by side', () => {
    const p = applyEdits(mlp(), [
      { type: 'addNode', kind: 'Dense', id: 'b', position: { x: 0, y: 0 } },
      { type: 'connect', source: 'in', target: 'b' },
    ]);
    const pos = layeredLayout(p.graph);
    expect(pos.get('b')!.y).toBe(pos.get('h')!.y);
    expect(Math.abs(pos.get('b')!.x - pos.get('h')!.x)).toBe(LAYOUT_GAP.x);
    expect(pos.get('out')!.y).toBeGreaterThan(pos.get('h')!.y);
  });

  it('lays out every node, even unconnected ones', () => {
    const p = applyEdits(mlp(), [{ type: 'addNode', kind: 'Dense', id: 'lonely', position: { x: 999, y: 999 } }]);
    expect(layeredLayout(p.graph).size).toBe(4);
  });
});

describe('overlaps / withLayout', () => {
  it('detects nodes drawn on top of each other and lays them out apart', () => {
    const tight = mlp().graph; // 100 px apart vertically: closer than a node is tall
    expect(overlaps(tight)).toBe(true);
    const spread = withLayout(tight);
    expect(overlaps(spread)).toBe(false);
    expect(spread.edges).toBe(tight.edges);
  });
});
