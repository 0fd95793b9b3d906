// The part every code exporter shares: the project's nodes in topological order with their
// validated parameters, a variable name each, the layer name the compiler would give it
// (so weights saved by LayerLab map onto the generated model by name), and the variables
// feeding each node in port order.
import { layerNames } from '../compile/names.js';
import { resolveParams } from '../layers/params.js';
import { getKind, isInputKind } from '../layers/registry.js';
import type { LayerKind, Params } from '../layers/types.js';
import { incomingEdges, topologicalOrder } from '../project/graph.js';
import type { Project } from '../project/types.js';

export class CodeExportError extends Error {
  constructor(
    message: string,
    readonly nodeId?: string,
  ) {
    super(message);
    this.name = 'CodeExportError';
  }
}

export interface CodeNode {
  id: string;
  kind: LayerKind;
  params: Params;
  /** Variable holding this node's output tensor. */
  varName: string;
  /** Layer name in the generated model (same as LayerLab's compiled model). */
  layerName: string;
  /** Variables of the inputs, ordered by targetPort. */
  inputs: string[];
}

export interface CodeGraph {
  nodes: CodeNode[];
  inputs: CodeNode[];
  outputs: CodeNode[];
}

/** Builds the code graph; `identifier` turns an id into a valid variable name for the
 *  target language and `reserved` lists names the script itself uses. Throws
 *  CodeExportError naming the node on anything the checker would also refuse. */
export function codeGraph(project: Project, identifier: (id: string) => string, reserved: ReadonlySet<string>): CodeGraph {
  const { graph } = project;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  if (byId.size !== graph.nodes.length) throw new CodeExportError('two nodes share one id; every node needs its own id');
  for (const e of graph.edges)
    for (const end of [e.source, e.target])
      if (!byId.has(end)) throw new CodeExportError(`edge '${e.id}' refers to node '${end}', which does not exist`);
  const { order, cycle } = topologicalOrder(graph);
  if (cycle.length) throw new CodeExportError(`the graph has a cycle through ${cycle.map((c) => `'${c}'`).join(', ')}`, cycle[0]);
  const incoming = incomingEdges(graph);
  const outgoing = new Set(graph.edges.map((e) => e.source));
  const names = layerNames(order);
  const used = new Set(reserved);
  const varOf = new Map<string, string>();
  const nodes: CodeNode[] = order.map((id) => {
    const node = byId.get(id)!;
    const kind = getKind(node.kind);
    if (!kind) throw new CodeExportError(`node '${id}' has unknown layer kind '${node.kind}'`, id);
    const { params, issues } = resolveParams(kind.params, node.params);
    if (issues.length) throw new CodeExportError(`${node.kind} '${id}': ${issues[0]!.message}`, id);
    const inputs = (incoming.get(id) ?? []).map((e) => varOf.get(e.source)!);
    if (inputs.length < kind.arity.min || inputs.length > kind.arity.max)
      throw new CodeExportError(`${node.kind} '${id}' has ${inputs.length} input(s); it needs ${kind.arity.min === kind.arity.max ? kind.arity.min : `${kind.arity.min} or more`}`, id);
    const base = identifier(id);
    let v = base;
    for (let i = 2; used.has(v); i++) v = `${base}_${i}`;
    used.add(v);
    varOf.set(id, v);
    return { id, kind, params, varName: v, layerName: names.layerNameOf.get(id)!, inputs };
  });
  const inputs = nodes.filter((n) => isInputKind(n.kind));
  const outputs = nodes.filter((n) => !isInputKind(n.kind) && !outgoing.has(n.id));
  if (!inputs.length) throw new CodeExportError('the graph has no Input node');
  if (!outputs.length) throw new CodeExportError('the graph has no output layer');
  return { nodes, inputs, outputs };
}
