// Blocks (project `groups`) as pure functions over the document. A block is a layer over the
// flat graph: the graph's nodes and edges are the model, whatever the blocks. So the flat
// graph that check, compile and export read is the graph itself, and grouping, collapsing,
// ungrouping or nesting never changes what trains (or the run hash).
import { getKind } from '../layers/registry.js';
import type { Graph, GraphEdge, GraphNode, Group, Project } from './types.js';

/** The model a project describes, blocks left out: what check and compile see. */
export function flatProject(project: Project): Project {
  if (project.groups === undefined) return project;
  const { groups: _groups, ...flat } = project;
  return flat;
}

/** The innermost block holding each node, and each block's parent block (the smallest block
 *  that holds all of its nodes), from the `nodes` lists alone. */
export function groupTree(groups: readonly Group[]): { parentOf: Map<string, string | null>; innermost: Map<string, string> } {
  // Bigger blocks first: a block's parent is the last bigger block seen that holds it.
  const bySize = [...groups].sort((a, b) => b.nodes.length - a.nodes.length);
  const parentOf = new Map<string, string | null>();
  const innermost = new Map<string, string>();
  for (const g of bySize) {
    const first = g.nodes[0];
    parentOf.set(g.id, first !== undefined ? (innermost.get(first) ?? null) : null);
    for (const n of g.nodes) innermost.set(n, g.id);
  }
  return { parentOf, innermost };
}

/** The chain of blocks holding a node, outermost first. */
export function blocksOf(groups: readonly Group[], nodeId: string): Group[] {
  return groups.filter((g) => g.nodes.includes(nodeId)).sort((a, b) => b.nodes.length - a.nodes.length);
}

/** The id a node shows as on the canvas: its outermost collapsed block's, or its own. A
 *  collapsed block inside an expanded one shows; inside a collapsed one it is hidden too. */
export function representativeOf(groups: readonly Group[]): (nodeId: string) => string {
  const chains = new Map<string, string>();
  for (const g of [...groups].sort((a, b) => b.nodes.length - a.nodes.length))
    if (g.collapsed) for (const n of g.nodes) if (!chains.has(n)) chains.set(n, g.id);
  return (nodeId) => chains.get(nodeId) ?? nodeId;
}

/** Where a collapsed block is drawn: its own position, or its members' top-left corner. */
export function groupPosition(graph: Graph, group: Group): { x: number; y: number } {
  if (group.position) return group.position;
  const members = new Set(group.nodes);
  const nodes = graph.nodes.filter((n) => members.has(n.id));
  return { x: Math.min(...nodes.map((n) => n.position.x)), y: Math.min(...nodes.map((n) => n.position.y)) };
}

export interface GroupInputPort {
  /** The outside node feeding this port, when one does. */
  source: string | null;
  /** The member inputs it feeds: node and input port. */
  targets: { node: string; port: number }[];
}

export interface GroupPorts {
  inputs: GroupInputPort[];
  /** Members whose output leaves the block or that are outputs of the whole network. */
  outputs: string[];
}

/** A block's ports, read from the wiring: one input port per outside node feeding it (a
 *  residual block fed by x at two members has one port), then one per member input still
 *  unconnected (a dropped library block before it is wired); one output per member whose
 *  output leaves the block or goes nowhere. */
export function groupPorts(graph: Graph, group: Group): GroupPorts {
  const members = new Set(group.nodes);
  const bySource = new Map<string, GroupInputPort>();
  const inputs: GroupInputPort[] = [];
  const fed = new Map<string, number>();
  for (const e of graph.edges) {
    if (!members.has(e.target)) continue;
    fed.set(e.target, (fed.get(e.target) ?? 0) + 1);
    if (members.has(e.source)) continue;
    let port = bySource.get(e.source);
    if (!port) {
      port = { source: e.source, targets: [] };
      bySource.set(e.source, port);
      inputs.push(port);
    }
    port.targets.push({ node: e.target, port: e.targetPort ?? 0 });
  }
  const outputs: string[] = [];
  const leaves = new Set<string>();
  const hasOut = new Set<string>();
  for (const e of graph.edges) {
    if (!members.has(e.source)) continue;
    hasOut.add(e.source);
    if (!members.has(e.target)) leaves.add(e.source);
  }
  for (const id of group.nodes) {
    const node = graph.nodes.find((n) => n.id === id);
    if (!node) continue;
    const need = neededInputs(node);
    for (let p = fed.get(id) ?? 0; p < need; p++) inputs.push({ source: null, targets: [{ node: id, port: p }] });
    if (leaves.has(id) || !hasOut.has(id)) outputs.push(id);
  }
  return { inputs, outputs };
}

/** How many inputs a node needs before it is complete: none for Input, the minimum of its
 *  kind's arity otherwise (1 when the kind is unknown). */
function neededInputs(node: GraphNode): number {
  if (node.kind === 'Input') return 0;
  return getKind(node.kind)?.arity.min ?? 1;
}

/** The edges with both ends inside the block. */
export function innerEdges(graph: Graph, group: Pick<Group, 'nodes'>): GraphEdge[] {
  const members = new Set(group.nodes);
  return graph.edges.filter((e) => members.has(e.source) && members.has(e.target));
}

/** The members of a block in the graph's topological order (the order code is written in). */
export function membersInOrder(graph: Graph, group: Pick<Group, 'nodes'>, order: readonly string[]): string[] {
  const members = new Set(group.nodes);
  return order.filter((id) => members.has(id));
}

/** For a node in a linked block, the node at the same place in every other instance of it
 *  (instances share `link`; members correspond by position in `nodes`). Empty when the node
 *  is in no linked block, or the instances no longer match (sizes or kinds differ). */
export function linkedCounterparts(project: Project, nodeId: string): string[] {
  const groups = project.groups ?? [];
  const kindOf = new Map(project.graph.nodes.map((n) => [n.id, n.kind]));
  const out: string[] = [];
  for (const g of groups) {
    if (!g.link) continue;
    const at = g.nodes.indexOf(nodeId);
    if (at < 0) continue;
    for (const other of groups) {
      if (other === g || other.link !== g.link || other.nodes.length !== g.nodes.length) continue;
      const twin = other.nodes[at]!;
      if (twin !== nodeId && kindOf.get(twin) === kindOf.get(nodeId) && !out.includes(twin)) out.push(twin);
    }
  }
  return out;
}
