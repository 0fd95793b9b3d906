// Which connections the canvas accepts. Refusing here (rather than letting the checker
// complain afterwards) keeps impossible graphs from being drawn at all.
import { getKind } from '../../engine/layers/registry.js';
import type { Graph } from '../../engine/project/types.js';

export type ConnectVerdict = { ok: true; targetPort: number } | { ok: false; reason: string };

/** True when `to` can be reached from `from` by following edges. */
export function reaches(graph: Graph, from: string, to: string): boolean {
  const out = new Map<string, string[]>();
  for (const e of graph.edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(out.get(id) ?? []));
  }
  return false;
}

export function canConnect(graph: Graph, source: string, target: string): ConnectVerdict {
  const src = graph.nodes.find((n) => n.id === source);
  const dst = graph.nodes.find((n) => n.id === target);
  if (!src || !dst) return { ok: false, reason: `no node '${!src ? source : target}'` };
  if (source === target) return { ok: false, reason: `${target} cannot feed itself` };
  const kind = getKind(dst.kind);
  const maxInputs = kind?.arity.max ?? 1;
  if (maxInputs === 0) return { ok: false, reason: `${dst.kind} '${target}' takes no inputs` };
  const incoming = graph.edges.filter((e) => e.target === target);
  if (incoming.some((e) => e.source === source)) return { ok: false, reason: `${source} is already connected to ${target}` };
  if (incoming.length >= maxInputs)
    return {
      ok: false,
      reason: `${dst.kind} '${target}' takes ${maxInputs === 1 ? 'one input' : `at most ${maxInputs} inputs`} and already has ${incoming.length === 1 ? 'one' : incoming.length}`,
    };
  if (reaches(graph, target, source)) return { ok: false, reason: `connecting ${source} → ${target} would make a cycle` };
  const used = new Set(incoming.map((e) => e.targetPort ?? 0));
  let port = 0;
  while (used.has(port)) port++;
  return { ok: true, targetPort: port };
}
