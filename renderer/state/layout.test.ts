import { describe, expect, it } from 'vitest';
import { applyEdits } from './edits.js';
import { mlp } from './fixtures.js';
import type { Graph, GraphEdge, GraphNode } from '../../engine/project/types.js';
import { COLUMN_GAP, DEFAULT_NODE_SIZE, LAYOUT_GAP, ROW_GAP, balancedStarts, columnLayout, fitLayout, layeredLayout, overlaps, withLayout } from './layout.js';

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

/** A chain of `n` Dense layers after an Input: in → d1 → … → dn. */
function chain(n: number): Graph {
  const nodes: GraphNode[] = [{ id: 'in', kind: 'Input', params: {}, position: { x: 0, y: 0 } }];
  const edges: GraphEdge[] = [];
  for (let i = 1; i <= n; i++) {
    nodes.push({ id: `d${i}`, kind: 'Dense', params: {}, position: { x: 0, y: 0 } });
    edges.push({ id: `e${i}`, source: i === 1 ? 'in' : `d${i - 1}`, target: `d${i}` });
  }
  return { nodes, edges };
}

/** in → stem → [c1 → c2 → c3] → add (stem → add too) → out: one residual block. */
function residual(): Graph {
  const ids = ['in', 'stem', 'c1', 'c2', 'c3', 'add', 'out'];
  const nodes = ids.map((id) => ({ id, kind: id === 'add' ? 'Add' : 'Dense', params: {}, position: { x: 0, y: 0 } }));
  const pairs = [['in', 'stem'], ['stem', 'c1'], ['c1', 'c2'], ['c2', 'c3'], ['c3', 'add'], ['stem', 'add'], ['add', 'out']];
  return { nodes, edges: pairs.map(([source, target], i) => ({ id: `e${i}`, source: source!, target: target! })) };
}

const W = DEFAULT_NODE_SIZE.width;
const H = DEFAULT_NODE_SIZE.height;

/** No two nodes' boxes (at the default size) overlap. */
function apart(pos: Map<string, { x: number; y: number }>): boolean {
  const ps = [...pos.values()];
  return ps.every((p, i) => ps.every((q, j) => i === j || Math.abs(p.x - q.x) >= W || Math.abs(p.y - q.y) >= H));
}

describe('columnLayout', () => {
  it('puts a chain in one column, each row as tall as its node plus the gap', () => {
    const sizes = new Map([['d1', { width: 220, height: 60 }]]);
    const pos = columnLayout(chain(3), [], sizes);
    expect(pos.get('in')).toEqual({ x: 0, y: 0 });
    expect(pos.get('d1')).toEqual({ x: 0, y: H + ROW_GAP });
    expect(pos.get('d2')).toEqual({ x: 0, y: H + ROW_GAP + 60 + ROW_GAP });
  });

  it('starts a new column to the right at each start', () => {
    const pos = columnLayout(chain(5), [3]);
    // Rows 0–2 (in, d1, d2) in the first column, 3–5 (d3, d4, d5) in the second, from the top.
    expect(pos.get('d2')!.x).toBe(0);
    expect(pos.get('d3')).toEqual({ x: W + COLUMN_GAP, y: 0 });
    expect(pos.get('d5')!.y).toBe(pos.get('d2')!.y);
    expect(apart(pos)).toBe(true);
  });

  it('keeps a shortcut edge clear of the block it skips: the block steps aside, the merge comes back under the stem', () => {
    const pos = columnLayout(residual(), []);
    const centre = (id: string) => pos.get(id)!.x + W / 2;
    // The shortcut stem → add is drawn straight down from the stem's centre to the add's.
    expect(centre('add')).toBe(centre('stem'));
    for (const id of ['c1', 'c2', 'c3']) expect(Math.abs(centre(id) - centre('stem'))).toBeGreaterThan(W / 2);
    expect(apart(pos)).toBe(true);
  });
});

describe('balancedStarts', () => {
  it('cuts rows into columns as even as the allowed cuts let it', () => {
    expect(balancedStarts([1, 1, 1, 1, 1, 1], 1, () => true)).toEqual([]);
    expect(balancedStarts([1, 1, 1, 1, 1, 1], 2, () => true)).toEqual([3]);
    expect(balancedStarts([1, 1, 1, 1, 1, 1], 3, () => true)).toEqual([2, 4]);
    expect(balancedStarts([1, 1, 1, 1, 1, 1], 2, (d) => d === 2)).toEqual([2]);
    expect(balancedStarts([1, 1, 1], 3, (d) => d === 2)).toBeNull();
  });
});

describe('fitLayout', () => {
  // The zoom at which a canvas of w × h shows the bounds, as the framing would.
  const canvas = (w: number, h: number) => (b: { width: number; height: number }) => Math.min(w / b.width, h / b.height);

  it('wraps a long chain into columns on a wide, short canvas, and keeps one column on a tall one', () => {
    const g = chain(11); // 12 rows: 1,950 px in one column
    const wide = fitLayout(g, new Map(), canvas(900, 700));
    expect(wide.columns).toBeGreaterThan(1);
    // Better than the single column would be: 700 / 1950 ≈ 0.36.
    expect(wide.zoom).toBeGreaterThan(0.55);
    expect(apart(wide.positions)).toBe(true);
    const tall = fitLayout(g, new Map(), canvas(400, 4000));
    expect(tall.columns).toBe(1);
  });

  it('breaks columns where a single edge goes on, not through a residual block, while that is legible', () => {
    const g = residual();
    // Cut through the block, the network would show larger (4 rows against 6), but the whole block reads at 0.5.
    const r = fitLayout(g, new Map(), canvas(1200, 560), { legible: 0.5 });
    expect(r.columns).toBeGreaterThan(1);
    // The block c1–c3 and the add it feeds stay in one column together with the stem.
    const xs = new Set(['stem', 'add'].map((id) => r.positions.get(id)!.x));
    expect(xs.size).toBe(1);
    expect(r.positions.get('c1')!.x).toBe(r.positions.get('c3')!.x);
    // Where no layout keeping the block whole is legible, the cut is taken.
    const cut = fitLayout(g, new Map(), canvas(1200, 560), { legible: 0.8 });
    expect(cut.zoom).toBeGreaterThanOrEqual(0.8);
    expect(new Set(['stem', 'add'].map((id) => cut.positions.get(id)!.x)).size).toBe(2);
  });

  it('prefers fewer columns once the network shows comfortably', () => {
    const r = fitLayout(chain(2), new Map(), canvas(3000, 3000));
    expect(r.columns).toBe(1);
  });
});
