// Graph structure helpers shared by the checker and the compiler.
import type { Graph, GraphEdge } from './types.js';

/** Incoming edges of every node, ordered by targetPort (merge layers' input order). */
export function incomingEdges(graph: Graph): Map<string, GraphEdge[]> {
  const map = new Map<string, GraphEdge[]>(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) map.get(e.target)?.push(e);
  for (const list of map.values()) list.sort((a, b) => (a.targetPort ?? 0) - (b.targetPort ?? 0));
  return map;
}

/** Outgoing edges of every node. */
export function outgoingEdges(graph: Graph): Map<string, GraphEdge[]> {
  const map = new Map<string, GraphEdge[]>(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) map.get(e.source)?.push(e);
  return map;
}

/** Kahn's algorithm. `order` lists every node not on or behind a cycle; `cycle` names the
 *  nodes left over (non-empty exactly when the graph has a cycle). Stable: ties keep the
 *  nodes' order in the file. */
export function topologicalOrder(graph: Graph): { order: string[]; cycle: string[] } {
  const indegree = new Map<string, number>(graph.nodes.map((n) => [n.id, 0]));
  for (const e of graph.edges) if (indegree.has(e.source) && indegree.has(e.target)) indegree.set(e.target, indegree.get(e.target)! + 1);
  const out = outgoingEdges(graph);
  const queue = graph.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    order.push(id);
    for (const e of out.get(id) ?? []) {
      const d = indegree.get(e.target);
      if (d === undefined) continue;
      indegree.set(e.target, d - 1);
      if (d - 1 === 0) queue.push(e.target);
    }
  }
  const done = new Set(order);
  return { order, cycle: graph.nodes.filter((n) => !done.has(n.id)).map((n) => n.id) };
}
