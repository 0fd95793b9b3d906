// Graph-level checks on the clean graph: inputs present and used, each node's number of
// inputs and ports against its kind's arity, and cycles (naming the nodes on them).
import { incomingEdges, outgoingEdges, topologicalOrder } from '../project/graph.js';
import type { Graph, GraphEdge } from '../project/types.js';
import { quoteList, type Diagnostics } from './diagnostics.js';
import { label, type CleanGraph, type CleanNode } from './normalize.js';
import { isInputKind } from '../layers/registry.js';

export interface Structure {
  incoming: Map<string, GraphEdge[]>;
  outgoing: Map<string, GraphEdge[]>;
  /** Topological order of every node not on or behind a cycle. */
  order: string[];
  hasCycle: boolean;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function checkArity(node: CleanNode, inputs: GraphEdge[], diag: Diagnostics): void {
  const layer = node.layer;
  if (!layer) return;
  const { min, max } = layer.arity;
  const n = inputs.length;
  if (n >= min && n <= max && max <= 1) return; // the common case: no strings built
  const from = () => (n ? ` (from ${quoteList(inputs.map((e) => e.source))})` : '');
  if (max === 0 && n > 0) {
    diag.nodeError(node.id, 'arity', `${label(node)} takes no inputs but has ${n}${from()}; data enters here, so remove the incoming ${n === 1 ? 'edge' : 'edges'}`);
    return;
  }
  if (n === 0 && min > 0) {
    diag.nodeError(node.id, 'unconnected', `${label(node)} has nothing connected to its input, so no Input reaches it; connect a layer to it or delete it`);
    return;
  }
  const want = () => (min === max ? `exactly ${plural(min, 'input')}` : n < min ? `at least ${plural(min, 'input')}` : `at most ${plural(max, 'input')}`);
  if (n < min) {
    diag.nodeError(node.id, 'arity', `${label(node)} needs ${want()} but has ${n}${from()}; connect ${min - n === 1 ? 'another layer' : `${min - n} more layers`} to it`);
    return;
  }
  if (n > max) {
    diag.nodeError(node.id, 'arity', `${label(node)} takes ${want()} but has ${n}${from()}; remove ${n - max === 1 ? 'one edge' : `${n - max} edges`} or merge the branches first (Concatenate, Add)`);
    return;
  }
  if (max <= 1) return;
  // Merge layers: ports order the inputs, so they must be distinct and within range.
  const byPort = new Map<number, string>();
  for (const e of inputs) {
    const port = e.targetPort ?? 0;
    if (port >= max) {
      diag.nodeError(node.id, 'invalid-port', `${label(node)} has ${plural(max, 'input port')} (0–${max - 1}) but edge '${e.id}' from '${e.source}' goes to port ${port}; connect it to a free port`, { edgeId: e.id });
      continue;
    }
    const other = byPort.get(port);
    if (other !== undefined) {
      diag.nodeError(node.id, 'duplicate-port', `${label(node)} gets two inputs on port ${port} (from '${other}' and '${e.source}'); the order of a merge's inputs is given by the port, so connect each to its own port`, { edgeId: e.id });
      continue;
    }
    byPort.set(port, e.source);
  }
  let highest = 0;
  for (const p of byPort.keys()) if (p > highest) highest = p;
  const gaps: number[] = [];
  for (let p = 0; p < highest && gaps.length < 5; p++) if (!byPort.has(p)) gaps.push(p);
  if (gaps.length)
    diag.warning('unconnected-port', `${label(node)} has nothing on input ${gaps.length === 1 ? 'port' : 'ports'} ${gaps.join(', ')}; its inputs are taken in port order, so check that the order is the one you mean`, { nodeId: node.id });
}

/** Nodes on cycles among `left` (the nodes topological sorting could not place), grouped
 *  by cycle (strongly connected components, iterative Tarjan). */
function findCycles(left: string[], outgoing: Map<string, GraphEdge[]>): string[][] {
  const inLeft = new Set(left);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  for (const root of left) {
    if (index.has(root)) continue;
    const within = (id: string) => (outgoing.get(id) ?? []).filter((e) => inLeft.has(e.target));
    const work: { id: string; i: number; edges: GraphEdge[] }[] = [{ id: root, i: 0, edges: within(root) }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const edges = frame.edges;
      if (frame.i < edges.length) {
        const t = edges[frame.i++]!.target;
        if (!index.has(t)) {
          index.set(t, next);
          low.set(t, next++);
          stack.push(t);
          onStack.add(t);
          work.push({ id: t, i: 0, edges: within(t) });
        } else if (onStack.has(t)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(t)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const comp: string[] = [];
        let x: string;
        do {
          x = stack.pop()!;
          onStack.delete(x);
          comp.push(x);
        } while (x !== frame.id);
        const selfLoop = edges.some((e) => e.target === frame.id);
        if (comp.length > 1 || selfLoop) cycles.push(comp);
      }
    }
  }
  return cycles;
}

/** One closed path through a cycle's nodes, starting and ending at `start`. */
function cyclePath(start: string, members: Set<string>, outgoing: Map<string, GraphEdge[]>): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const e of outgoing.get(id) ?? []) {
      if (!members.has(e.target)) continue;
      if (e.target === start) {
        const path: string[] = [];
        for (let x: string | undefined = id; x !== undefined && x !== start; x = prev.get(x)) path.unshift(x);
        return [start, ...path, start];
      }
      if (!prev.has(e.target)) {
        prev.set(e.target, id);
        queue.push(e.target);
      }
    }
  }
  return [start, start];
}

export function checkStructure(g: CleanGraph, diag: Diagnostics): Structure {
  const graph: Graph = { nodes: g.nodes, edges: g.edges };
  const incoming = incomingEdges(graph);
  const outgoing = outgoingEdges(graph);
  const inputs = g.nodes.filter((n) => isInputKind(n.layer));
  if (inputs.length === 0)
    diag.error('no-input', g.nodes.length ? 'The network has no Input node; add an Input with the shape of one example (e.g. [28, 28, 1]) and connect it to the first layer' : 'The network is empty; add an Input node and connect layers to it');
  const { order, cycle } = topologicalOrder(graph);
  const onCycle = new Set<string>();
  if (cycle.length) {
    const file = new Map(g.nodes.map((n, i) => [n.id, i]));
    for (const comp of findCycles(cycle, outgoing)) {
      comp.sort((a, b) => file.get(a)! - file.get(b)!);
      const path = cyclePath(comp[0]!, new Set(comp), outgoing);
      for (const id of comp) {
        diag.failed.add(id);
        onCycle.add(id);
      }
      diag.error(
        'cycle',
        `${label(g.byId.get(comp[0]!)!)} is on a cycle: ${path.map((id) => `'${id}'`).join(' → ')}; data must flow one way from Input to output, so remove one of these edges`,
        { nodeId: comp[0]!, nodeIds: comp },
      );
    }
  }
  // After cycles: a node on a cycle has one input too many because of it; say it once.
  for (const node of g.nodes) {
    if (!g.brokenInputs.has(node.id) && !onCycle.has(node.id)) checkArity(node, incoming.get(node.id) ?? [], diag);
    if (isInputKind(node.layer) && (outgoing.get(node.id) ?? []).length === 0 && !g.brokenOutputs.has(node.id))
      diag.nodeError(node.id, 'unused-input', `${label(node)} is not connected to anything; connect it to the first layer or delete it`);
  }
  return { incoming, outgoing, order, hasCycle: cycle.length > 0 };
}
