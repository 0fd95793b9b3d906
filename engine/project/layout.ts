// Auto-layout: layered, top to bottom. Each node sits one layer below its deepest input
// (longest path); within a layer, nodes are ordered by the mean x of their inputs, which
// keeps edges from crossing in the common chain-and-branch networks. Pure: the canvas lays
// out files on opening, and the importer lays out the graphs it builds.
import { incomingEdges, topologicalOrder } from './graph.js';
import type { Graph } from './types.js';

export type XY = { x: number; y: number };

// y: the tallest node (two lines of parameters, a wrapped footer: ~115 px) plus room for
// the edge's shape label between them.
export const LAYOUT_GAP = { x: 260, y: 170 };

export function layeredLayout(graph: Graph, origin: XY = { x: 0, y: 0 }): Map<string, XY> {
  const { layers } = layering(graph);
  const incoming = incomingEdges(graph);

  const pos = new Map<string, XY>();
  layers.forEach((layer, d) => {
    const keyed = layer.map((id, i) => {
      const xs = (incoming.get(id) ?? []).map((e) => pos.get(e.source)?.x).filter((x): x is number => x !== undefined);
      return { id, key: xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : i * LAYOUT_GAP.x, i };
    });
    keyed.sort((a, b) => a.key - b.key || a.i - b.i);
    const width = (keyed.length - 1) * LAYOUT_GAP.x;
    keyed.forEach(({ id }, i) => pos.set(id, { x: origin.x - width / 2 + i * LAYOUT_GAP.x, y: origin.y + d * LAYOUT_GAP.y }));
  });
  return pos;
}

/** Room a node needs on the canvas (its drawn size plus a margin). */
export const NODE_FOOTPRINT = { width: 230, height: 130 };

/** True when two nodes sit so close that they would be drawn on top of each other (files
 *  written by other tools, or with tighter spacing, get laid out again on opening). */
export function overlaps(graph: Graph): boolean {
  const ps = graph.nodes.map((n) => n.position);
  for (let i = 0; i < ps.length; i++)
    for (let j = i + 1; j < ps.length; j++)
      if (Math.abs(ps[i]!.x - ps[j]!.x) < NODE_FOOTPRINT.width && Math.abs(ps[i]!.y - ps[j]!.y) < NODE_FOOTPRINT.height) return true;
  return false;
}

/** The graph with every node moved to its layered position. */
export function withLayout(graph: Graph): Graph {
  const pos = layeredLayout(graph);
  return { ...graph, nodes: graph.nodes.map((n) => ({ ...n, position: pos.get(n.id) ?? n.position })) };
}

// --- Laid out to fit a screen ------------------------------------------------------------
// The layered layout in one column is as tall as the network is deep: a 19-layer ResNet does
// not fit a laptop's canvas at a zoom where its text can be read. `fitLayout` wraps the layers
// into side-by-side columns (read top to bottom, then the next column), tries each number of
// columns and keeps the one the canvas shows largest. Node sizes are the ones the canvas
// measured, so rows are as tall as their nodes and no taller.

export type Size = { width: number; height: number };
export type Bounds = { x: number; y: number; width: number; height: number };

/** A node the canvas has not measured yet is taken to be this big (a Conv2D with two lines of parameters). */
export const DEFAULT_NODE_SIZE: Size = { width: 220, height: 116 };
/** Between a node's bottom and the next row: the edge and its shape label. */
export const ROW_GAP = 46;
/** Between two columns: the edge that climbs from the bottom of one to the top of the next. */
export const COLUMN_GAP = 90;
/** Between two nodes side by side. */
const NODE_SEP = 40;
/** Between a node and an edge passing beside it (a skip connection), and between two such edges. */
const LANE = 26;

interface Layering {
  layers: string[][];
  depth: Map<string, number>;
}

function layering(graph: Graph): Layering {
  const { order, cycle } = topologicalOrder(graph);
  const incoming = incomingEdges(graph);
  const depth = new Map<string, number>();
  for (const id of order) {
    let d = 0;
    for (const e of incoming.get(id) ?? []) if (depth.has(e.source)) d = Math.max(d, depth.get(e.source)! + 1);
    depth.set(id, d);
  }
  // Nodes on a cycle cannot be layered; they go in a row underneath.
  const maxDepth = Math.max(-1, ...depth.values());
  for (const id of cycle) depth.set(id, maxDepth + 1);
  const layers: string[][] = [];
  for (const id of [...order, ...cycle]) (layers[depth.get(id)!] ??= []).push(id);
  // Dense: a node at depth d has an input at d - 1, and the cycle's row comes right after.
  return { layers, depth };
}

/**
 * Positions for the graph with its layers cut into columns: `starts` are the layers at which
 * a new column begins (ascending, without 0). Within a column each layer is a row; a node
 * sits under its leftmost input, and an edge that skips rows keeps a lane beside the nodes it
 * passes, so a residual block's shortcut runs clear of the block's layers.
 */
export function columnLayout(graph: Graph, starts: readonly number[], sizes: ReadonlyMap<string, Size> = new Map()): Map<string, XY> {
  const { layers, depth } = layering(graph);
  const size = (id: string) => sizes.get(id) ?? DEFAULT_NODE_SIZE;
  const columnOf = (d: number) => starts.filter((s) => s <= d).length;
  const incoming = incomingEdges(graph);
  const pos = new Map<string, XY>();
  /** A node's centre x within its column. */
  const rel = new Map<string, number>();
  const bounds = [0, ...starts, layers.length];
  let columnX = 0;
  for (let c = 0; c + 1 < bounds.length; c++) {
    const from = bounds[c]!;
    const to = bounds[c + 1]!;
    if (from >= to) continue;
    // Lanes: an edge inside this column that skips rows passes every row between its ends.
    const lane = new Map<string, number>(); // `${edgeId}@${row}` → x
    const long = graph.edges.filter((e) => {
      const a = depth.get(e.source);
      const b = depth.get(e.target);
      return a !== undefined && b !== undefined && b - a > 1 && columnOf(a) === c && columnOf(b) === c;
    });
    let y = 0;
    let left = Infinity;
    let right = -Infinity;
    const placed: string[] = [];
    for (let d = from; d < to; d++) {
      type Item = { id: string; node: boolean; want: number; half: number; i: number };
      const items: Item[] = [];
      layers[d]!.forEach((id, i) => {
        const xs = (incoming.get(id) ?? []).map((e) => {
          const a = depth.get(e.source)!;
          if (columnOf(a) !== c) return rel.get(e.source);
          return d - a > 1 ? lane.get(`${e.id}@${d - 1}`) : rel.get(e.source);
        });
        const known = xs.filter((x): x is number => x !== undefined);
        items.push({ id, node: true, want: known.length ? Math.min(...known) : 0, half: size(id).width / 2, i });
      });
      for (const e of long) {
        const a = depth.get(e.source)!;
        const b = depth.get(e.target)!;
        if (d <= a || d >= b) continue;
        const want = d === a + 1 ? rel.get(e.source)! : lane.get(`${e.id}@${d - 1}`)!;
        items.push({ id: e.id, node: false, want, half: 0, i: items.length });
      }
      // Left to right by where each wants to be; an edge's lane before a node that wants the same place.
      items.sort((p, q) => p.want - q.want || Number(p.node) - Number(q.node) || p.i - q.i);
      let prev: Item | null = null;
      let prevX = -Infinity;
      for (const it of items) {
        const sep = prev === null ? 0 : prev.node && it.node ? prev.half + it.half + NODE_SEP : prev.half + it.half + LANE;
        const x = prev === null ? it.want : Math.max(it.want, prevX + sep);
        if (it.node) {
          rel.set(it.id, x);
          placed.push(it.id);
          left = Math.min(left, x - it.half);
          right = Math.max(right, x + it.half);
        } else lane.set(`${it.id}@${d}`, x);
        prev = it;
        prevX = x;
      }
      for (const id of layers[d]!) pos.set(id, { x: 0, y });
      y += Math.max(...layers[d]!.map((id) => size(id).height)) + ROW_GAP;
    }
    // The column starts at its leftmost node; its nodes' x become top-left corners.
    for (const id of placed) {
      const x = columnX + rel.get(id)! - left - size(id).width / 2;
      pos.set(id, { x: Math.round(x), y: pos.get(id)!.y });
      rel.set(id, rel.get(id)! - left);
    }
    columnX += right - left + COLUMN_GAP;
  }
  return pos;
}

export function layoutBounds(pos: ReadonlyMap<string, XY>, sizes: ReadonlyMap<string, Size> = new Map()): Bounds {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [id, p] of pos) {
    const s = sizes.get(id) ?? DEFAULT_NODE_SIZE;
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x + s.width);
    y1 = Math.max(y1, p.y + s.height);
  }
  return pos.size ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : { x: 0, y: 0, width: 0, height: 0 };
}

/**
 * Column starts that cut the rows into `k` columns as even in height as the cuts allow
 * (the tallest column as short as it can be), or null when there are fewer allowed cuts.
 * `allowed[d]`: a column may start at row d.
 */
export function balancedStarts(heights: readonly number[], k: number, allowed: (d: number) => boolean): number[] | null {
  const n = heights.length;
  if (k <= 1) return [];
  const prefix = [0];
  for (const h of heights) prefix.push(prefix.at(-1)! + h);
  // best[c][i]: the tallest column when rows 0..i-1 fill c columns; from[c][i]: where the last one starts.
  const best = Array.from({ length: k + 1 }, () => new Array<number>(n + 1).fill(Infinity));
  const from = Array.from({ length: k + 1 }, () => new Array<number>(n + 1).fill(-1));
  best[0]![0] = 0;
  for (let c = 1; c <= k; c++)
    for (let i = 1; i <= n; i++) {
      if (i < n && !allowed(i)) continue;
      for (let j = c - 1; j < i; j++) {
        if (j > 0 && !allowed(j)) continue;
        const v = Math.max(best[c - 1]![j]!, prefix[i]! - prefix[j]!);
        if (v < best[c]![i]!) {
          best[c]![i] = v;
          from[c]![i] = j;
        }
      }
    }
  if (!Number.isFinite(best[k]![n]!)) return null;
  const starts: number[] = [];
  for (let c = k, i = n; c > 1; c--) {
    i = from[c]![i]!;
    starts.unshift(i);
  }
  return starts;
}

/**
 * The layout that `zoomFor` (the zoom at which the canvas shows a layout of those bounds)
 * draws largest: one column or several. Columns break, where they can, at a row that one
 * edge alone enters (the chain goes on at the top of the next column), so that a residual
 * block stays in one column with its shortcut beside it: of the layouts shown at `legible`
 * or more, those wins; a cut through a block is taken only when no such layout is legible.
 * A zoom above `enough` counts as `enough`, so of layouts that all show comfortably the one
 * with fewer columns wins.
 */
export function fitLayout(
  graph: Graph,
  sizes: ReadonlyMap<string, Size>,
  zoomFor: (b: Bounds) => number,
  { enough = 1, legible = 0 }: { enough?: number; legible?: number } = {},
): { positions: Map<string, XY>; zoom: number; columns: number } {
  const { layers, depth } = layering(graph);
  const heights = layers.map((l) => Math.max(...l.map((id) => (sizes.get(id) ?? DEFAULT_NODE_SIZE).height)) + ROW_GAP);
  // How many edges enter row d from above it.
  const crossing = layers.map((_, d) => graph.edges.filter((e) => (depth.get(e.source) ?? 0) < d && (depth.get(e.target) ?? 0) >= d).length);
  let best: { positions: Map<string, XY>; zoom: number; columns: number; score: number } | null = null;
  for (let k = 1; k <= Math.min(layers.length, 8); k++)
    for (const clean of [true, false]) {
      const starts = balancedStarts(heights, k, clean ? (d) => crossing[d] === 1 : () => true);
      if (!starts) continue;
      const positions = columnLayout(graph, starts, sizes);
      const zoom = zoomFor(layoutBounds(positions, sizes));
      const rank = zoom >= legible ? (clean ? 2 : 1) : 0;
      const score = rank * 10 + Math.min(zoom, enough) * (clean ? 1 : 0.85) * (1 - 0.02 * (k - 1));
      if (!best || score > best.score + 1e-9) best = { positions, zoom, columns: k, score };
    }
  if (!best) return { positions: columnLayout(graph, [], sizes), zoom: 0, columns: 1 };
  return { positions: best.positions, zoom: best.zoom, columns: best.columns };
}
