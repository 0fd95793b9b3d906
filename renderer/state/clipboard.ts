// Copy and paste of a selection as plain data: the copied nodes plus the edges between
// them. Pasting gives every node a fresh id and shifts it, so a paste never collides.
import type { Graph, GraphEdge, GraphNode } from '../../engine/project/types.js';
import { edgeId, prefixForKind, uniqueId } from './ids.js';

export const CLIPBOARD_FORMAT = 'layerlab-clipboard';

export interface Clip {
  format: typeof CLIPBOARD_FORMAT;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export function copySelection(graph: Graph, nodeIds: Iterable<string>): Clip {
  const ids = new Set(nodeIds);
  return {
    format: CLIPBOARD_FORMAT,
    nodes: structuredClone(graph.nodes.filter((n) => ids.has(n.id))),
    edges: structuredClone(graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target))),
  };
}

/** Reads clipboard text back; anything that is not a LayerLab clip gives null. */
export function parseClip(text: string): Clip | null {
  try {
    const v = JSON.parse(text) as Partial<Clip>;
    if (v?.format !== CLIPBOARD_FORMAT || !Array.isArray(v.nodes) || !Array.isArray(v.edges)) return null;
    return v as Clip;
  } catch {
    return null;
  }
}

/** New nodes and edges for pasting `clip` into `graph`, offset by `offset`. */
export function pasteClip(graph: Graph, clip: Clip, offset: { x: number; y: number }): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  const edgeIds = new Set(graph.edges.map((e) => e.id));
  const rename = new Map<string, string>();
  const nodes = clip.nodes.map((n) => {
    const id = uniqueId(prefixForKind(n.kind), nodeIds);
    nodeIds.add(id);
    rename.set(n.id, id);
    return { ...structuredClone(n), id, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } };
  });
  const edges: GraphEdge[] = [];
  for (const e of clip.edges) {
    const source = rename.get(e.source);
    const target = rename.get(e.target);
    if (!source || !target) continue;
    const id = edgeId(edgeIds);
    edgeIds.add(id);
    edges.push({ ...e, id, source, target });
  }
  return { nodes, edges };
}

/** Closer than this (flow px, on both axes) a pasted node would hide the one under it. */
const NEAR = 20;

/**
 * The offset for pasting `clip` into `graph`: the first of `step`, 2·step, … along the
 * diagonal at which no pasted node lands on a node already there. Pasting or duplicating the
 * same nodes again therefore steps past the earlier copies instead of stacking on them.
 */
export function freeOffset(graph: Graph, clip: Clip, step = 40): { x: number; y: number } {
  const taken = graph.nodes.map((n) => n.position);
  for (let k = 1; k < 1000; k++) {
    const d = k * step;
    const clash = clip.nodes.some((n) => taken.some((p) => Math.abs(p.x - (n.position.x + d)) < NEAR && Math.abs(p.y - (n.position.y + d)) < NEAR));
    if (!clash) return { x: d, y: d };
  }
  return { x: step, y: step };
}
