// Turns whatever is in project.graph into a clean graph the rest of the checker can trust:
// nodes with unique string ids and a kind, edges whose ends exist and whose port is a whole
// number. Everything thrown away is reported, naming the node, the edge or the JSON path.
import { getKind } from '../layers/registry.js';
import type { LayerKind } from '../layers/types.js';
import type { GraphEdge, GraphNode } from '../project/types.js';
import { show, type Diagnostics } from './diagnostics.js';

export interface CleanNode extends GraphNode {
  /** undefined when the kind is unknown (already reported). */
  layer: LayerKind | undefined;
}

export interface CleanGraph {
  nodes: CleanNode[];
  byId: Map<string, CleanNode>;
  edges: GraphEdge[];
  /** Nodes with an incoming edge thrown away (missing source, bad port): their input count
   *  is already known to be wrong, so arity is not reported again. */
  brokenInputs: Set<string>;
  /** Sources of those edges: not reported as feeding nothing. */
  brokenOutputs: Set<string>;
}

// Positions do not matter to the checker; one shared object saves an allocation per node.
const ORIGIN = Object.freeze({ x: 0, y: 0 });

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** "Dense 'd1'" when the kind is known, else "node 'd1'". */
export function label(node: { id: string; layer?: LayerKind | undefined }): string {
  return node.layer ? `${node.layer.kind} '${node.id}'` : `node '${node.id}'`;
}

function cleanNodes(raw: unknown, diag: Diagnostics): CleanNode[] {
  if (!Array.isArray(raw)) {
    diag.error('invalid-graph', `graph.nodes must be a list of nodes, got ${show(raw)}`);
    return [];
  }
  const nodes: CleanNode[] = [];
  const firstIndex = new Map<string, number>();
  raw.forEach((n: unknown, i) => {
    const where = () => `graph.nodes[${i}]`;
    if (!isObject(n)) return diag.error('invalid-node', `${where()} must be an object with an id and a kind, got ${show(n)}`);
    const id = n.id;
    if (typeof id !== 'string' || id === '')
      return diag.error('invalid-node', `${where()} needs a non-empty string "id", got ${show(id)}`);
    const first = firstIndex.get(id);
    if (first !== undefined)
      return diag.error(
        'duplicate-id',
        `Two nodes have the id '${id}' (graph.nodes[${first}] and ${where()}); node ids must be unique, so rename one (the second is ignored until then)`,
        { nodeId: id },
      );
    firstIndex.set(id, i);
    const kind = typeof n.kind === 'string' ? n.kind : '';
    const params = n.params === undefined || n.params === null ? {} : n.params;
    const node: CleanNode = {
      id,
      kind,
      params: isObject(params) ? params : {},
      position: ORIGIN,
      layer: getKind(kind),
      // Only an explicit false freezes a node; anything else leaves it training.
      ...(n.trainable === false ? { trainable: false } : {}),
    };
    if (!isObject(params))
      diag.nodeError(id, 'invalid-param', `${label(node)} (${where()}.params) must have an object of parameters, got ${show(params)}`);
    nodes.push(node);
  });
  return nodes;
}

function cleanEdges(raw: unknown, byId: Map<string, CleanNode>, broken: Set<string>, brokenOut: Set<string>, diag: Diagnostics): GraphEdge[] {
  if (!Array.isArray(raw)) {
    diag.error('invalid-graph', `graph.edges must be a list of edges, got ${show(raw)}`);
    return [];
  }
  const edges: GraphEdge[] = [];
  const seenIds = new Set<string>();
  raw.forEach((e: unknown, i) => {
    const where = () => `graph.edges[${i}]`;
    if (!isObject(e)) return diag.error('invalid-edge', `${where()} must be an object with a source and a target, got ${show(e)}`);
    const hasId = typeof e.id === 'string' && e.id !== '';
    const id = hasId ? (e.id as string) : where();
    const edgeId = hasId ? { edgeId: id } : {};
    const name = () => (hasId ? `Edge '${id}' (${where()})` : where());
    const ref = () => (hasId ? `edge '${id}', ${where()}` : where());
    if (seenIds.has(id)) diag.error('duplicate-edge-id', `${name()} has the same id as an earlier edge; edge ids must be unique, so rename one`, edgeId);
    seenIds.add(id);
    const { source, target } = e;
    if (typeof source !== 'string' || typeof target !== 'string')
      return diag.error('invalid-edge', `${name()} needs string "source" and "target" node ids, got ${show(source)} → ${show(target)}`, edgeId);
    const from = byId.get(source);
    const to = byId.get(target);
    if (!from && !to)
      return diag.error('missing-node', `${name()} connects '${source}' to '${target}', but neither node exists; delete the edge`, edgeId);
    if (!from) {
      broken.add(target);
      return diag.nodeError(target, 'missing-node', `${label(to!)} gets its input from '${source}', which does not exist (${ref()}); delete the edge or connect an existing layer`, edgeId);
    }
    if (!to) {
      brokenOut.add(source);
      return diag.error('missing-node', `${label(from)} connects to '${target}', which does not exist (${ref()}); delete the edge`, { nodeId: source, ...edgeId });
    }
    const port = e.targetPort ?? 0;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 0) {
      broken.add(target);
      brokenOut.add(source);
      return diag.nodeError(target, 'invalid-port', `${name()} into ${label(to)} has targetPort ${show(port)}; a port is a whole number ≥ 0`, edgeId);
    }
    edges.push({ id, source, target, targetPort: port });
  });
  return edges;
}

export function normalize(graph: unknown, diag: Diagnostics): CleanGraph {
  const g = isObject(graph) ? graph : undefined;
  if (!g) diag.error('invalid-graph', `project.graph must be an object with "nodes" and "edges", got ${show(graph)}`);
  const nodes = g ? cleanNodes(g.nodes, diag) : [];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const brokenInputs = new Set<string>();
  const brokenOutputs = new Set<string>();
  const edges = g ? cleanEdges(g.edges, byId, brokenInputs, brokenOutputs, diag) : [];
  return { nodes, byId, edges, brokenInputs, brokenOutputs };
}
