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
