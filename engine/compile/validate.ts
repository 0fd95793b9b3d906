// The structural guard the compiler needs before it touches TensorFlow.js: known kinds,
// valid parameters, edges between existing nodes, no cycle, the right number of inputs.
// (The checker reports all of these with fixes; this guard stops at the first so that a
// graph the checker has not seen can never crash the build halfway.)
import { resolveParams } from '../layers/params.js';
import { getKind, isInputKind } from '../layers/registry.js';
import type { LayerKind, Params } from '../layers/types.js';
import { incomingEdges, topologicalOrder } from '../project/graph.js';
import type { GraphEdge, GraphNode, Project } from '../project/types.js';

export class CompileError extends Error {
  constructor(
    message: string,
    /** The node the error is on; absent for whole-graph errors. */
    readonly nodeId?: string,
  ) {
    super(message);
    this.name = 'CompileError';
  }
}

export interface ValidNode {
  node: GraphNode;
  kind: LayerKind;
  params: Params;
  /** Incoming edges in targetPort order. */
  inputs: GraphEdge[];
}

export interface ValidGraph {
  order: ValidNode[];
  inputIds: string[];
  outputIds: string[];
}

function label(node: GraphNode): string {
  return `${node.kind} '${node.id}'`;
}

/** Throws CompileError on the first structural mistake; returns the nodes in build order. */
export function validateGraph(project: Project): ValidGraph {
  const { nodes, edges } = project.graph;
  const byId = new Map<string, GraphNode>();
  for (const n of nodes) {
    if (byId.has(n.id)) throw new CompileError(`two nodes share the id '${n.id}'; node ids must be unique`, n.id);
    byId.set(n.id, n);
  }
  for (const e of edges) {
    if (!byId.has(e.source)) throw new CompileError(`edge '${e.id}' starts at a node that does not exist ('${e.source}')`, e.target);
    if (!byId.has(e.target)) throw new CompileError(`edge '${e.id}' ends at a node that does not exist ('${e.target}')`, e.source);
  }
  const { order, cycle } = topologicalOrder(project.graph);
  if (cycle.length > 0) throw new CompileError(`the graph has a cycle through ${cycle.map((id) => `'${id}'`).join(', ')}; remove one of its edges`, cycle[0]);

  const incoming = incomingEdges(project.graph);
  const hasOutgoing = new Set(edges.map((e) => e.source));
  const result: ValidNode[] = [];
  const inputIds: string[] = [];
  const outputIds: string[] = [];
  for (const id of order) {
    const node = byId.get(id)!;
    const kind = getKind(node.kind);
    if (!kind) throw new CompileError(`node '${id}' has an unknown kind '${node.kind}'`, id);
    const { params, issues } = resolveParams(kind.params, node.params);
    if (issues.length > 0) throw new CompileError(`${label(node)}: ${issues[0]!.message}`, id);
    const inputs = incoming.get(id) ?? [];
    const { min, max } = kind.arity;
    if (inputs.length < min || inputs.length > max) {
      const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      throw new CompileError(`${label(node)} needs ${want} input${want === '1' ? '' : 's'} but has ${inputs.length}`, id);
    }
    if (isInputKind(kind)) {
      if (!hasOutgoing.has(id)) throw new CompileError(`${label(node)} is not connected to any layer`, id);
      inputIds.push(id);
    } else if (!hasOutgoing.has(id)) outputIds.push(id);
    result.push({ node, kind, params, inputs });
  }
  if (inputIds.length === 0) throw new CompileError('the graph has no Input node; add one and connect it to the first layer');
  return { order: result, inputIds, outputIds };
}
