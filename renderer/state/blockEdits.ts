// The block (group) edits and the one-click fixes, as pure functions over the project: the
// cases of edits.ts that need more than a line. Each returns the project unchanged (the
// same object) when there is nothing to do, so the history records no empty step.
import { linkedCounterparts } from '../../engine/project/groups.js';
import type { GraphEdge, GraphNode, Group, Project } from '../../engine/project/types.js';
import type { ShapeFix } from '../../engine/layers/types.js';
import { edgeId, prefixForKind, uniqueId } from './ids.js';

const takenIds = (p: Project) => new Set([...p.graph.nodes.map((n) => n.id), ...(p.groups ?? []).map((g) => g.id)]);

/** The layer nodes behind a selection that may name blocks (a collapsed block is one node). */
export function expandSelection(p: Project, ids: readonly string[]): string[] {
  const groups = new Map((p.groups ?? []).map((g) => [g.id, g]));
  const out = new Set<string>();
  for (const id of ids) for (const n of groups.get(id)?.nodes ?? [id]) out.add(n);
  const known = new Set(p.graph.nodes.map((n) => n.id));
  // The graph's order, so that linked instances made from the same selection line up.
  return p.graph.nodes.map((n) => n.id).filter((id) => out.has(id) && known.has(id));
}

/** Groups the selection into a new block (collapsed or not). Refused (unchanged) when the
 *  selection is empty, is already exactly a block, or cuts through a block. */
export function groupNodes(p: Project, ids: readonly string[], opts: { id?: string; name?: string; collapsed?: boolean } = {}): Project {
  const nodes = expandSelection(p, ids);
  if (nodes.length === 0) return p;
  const set = new Set(nodes);
  for (const g of p.groups ?? []) {
    const shared = g.nodes.filter((n) => set.has(n)).length;
    if (shared === nodes.length && shared === g.nodes.length) return p;
    if (shared > 0 && shared < g.nodes.length && shared < nodes.length) return p;
    // A block holding the selection and more: the new one nests inside it (fine).
  }
  const taken = takenIds(p);
  const id = opts.id && !taken.has(opts.id) ? opts.id : uniqueId('block', taken);
  const group: Group = { id, name: opts.name?.trim() || `Block ${id.replace(/^block_/, '')}`, nodes };
  if (opts.collapsed) group.collapsed = true;
  return { ...p, groups: [...(p.groups ?? []), group] };
}

/** Removes a block, keeping its nodes (and any block nested in it). */
export function ungroup(p: Project, groupId: string): Project {
  const groups = p.groups ?? [];
  if (!groups.some((g) => g.id === groupId)) return p;
  return withGroups(p, groups.filter((g) => g.id !== groupId));
}

export type GroupPatch = Partial<Pick<Group, 'name' | 'collapsed' | 'position'>> & { link?: string | null };

export function setGroup(p: Project, groupId: string, patch: GroupPatch): Project {
  let changed = false;
  const groups = (p.groups ?? []).map((g) => {
    if (g.id !== groupId) return g;
    const next: Group = { ...g };
    if (patch.name !== undefined && patch.name.trim() && patch.name !== g.name) next.name = patch.name.trim();
    if (patch.collapsed !== undefined && patch.collapsed !== !!g.collapsed) {
      if (patch.collapsed) next.collapsed = true;
      else delete next.collapsed;
    }
    if (patch.position && (patch.position.x !== g.position?.x || patch.position.y !== g.position?.y)) next.position = { ...patch.position };
    if (patch.link === null && g.link !== undefined) delete next.link;
    else if (typeof patch.link === 'string' && patch.link !== g.link) next.link = patch.link;
    if (JSON.stringify(next) !== JSON.stringify(g)) changed = true;
    return next;
  });
  // Renaming one instance of a linked block renames them all.
  if (changed && patch.name !== undefined) {
    const link = groups.find((g) => g.id === groupId)?.link;
    if (link) for (let i = 0; i < groups.length; i++) if (groups[i]!.link === link) groups[i] = { ...groups[i]!, name: patch.name.trim() || groups[i]!.name };
  }
  return changed ? { ...p, groups } : p;
}

function withGroups(p: Project, groups: Group[]): Project {
  if (groups.length > 0) return { ...p, groups };
  const { groups: _gone, ...rest } = p;
  return rest;
}

/** After nodes are removed: blocks lose them, empty blocks go, and a linked block whose
 *  members changed is detached (its instances no longer correspond). */
export function pruneGroups(p: Project): Project {
  if (!p.groups) return p;
  const known = new Set(p.graph.nodes.map((n) => n.id));
  let changed = false;
  const groups: Group[] = [];
  for (const g of p.groups) {
    const nodes = g.nodes.filter((n) => known.has(n));
    if (nodes.length === g.nodes.length) {
      groups.push(g);
      continue;
    }
    changed = true;
    if (nodes.length === 0) continue;
    const { link: _link, ...rest } = g;
    groups.push({ ...rest, nodes });
  }
  // Two blocks left with the same members: keep the outer (first) one.
  const seen = new Set<string>();
  const unique = groups.filter((g) => {
    const key = [...g.nodes].sort().join('\u0000');
    if (seen.has(key)) return (changed = true) && false;
    seen.add(key);
    return true;
  });
  return changed ? withGroups(p, unique) : p;
}

/** The nodes a parameter edit applies to: the node and, in a linked block, its twins. */
export function paramTargets(p: Project, nodeId: string): Set<string> {
  return new Set([nodeId, ...linkedCounterparts(p, nodeId)]);
}

/** Makes an instance of a block stand alone: later edits to it stay in it. */
export function detach(p: Project, groupId: string): Project {
  return setGroup(p, groupId, { link: null });
}

// --- One-click fixes ---------------------------------------------------------------------------

/** Applies a diagnostic's fix. Unchanged when the fix no longer applies (its node is gone). */
export function applyFix(p: Project, fix: ShapeFix): Project {
  const node = fix.node === undefined ? undefined : p.graph.nodes.find((n) => n.id === fix.node);
  const setParam = (id: string, param: string, value: unknown): Project => {
    const targets = paramTargets(p, id);
    return { ...p, graph: { ...p.graph, nodes: p.graph.nodes.map((n) => (targets.has(n.id) ? { ...n, params: { ...n.params, [param]: value } } : n)) } };
  };
  switch (fix.kind) {
    case 'setLoss':
      return p.training.loss === fix.loss ? p : { ...p, training: { ...p.training, loss: fix.loss as Project['training']['loss'] } };
    case 'setParam':
      return node ? setParam(node.id, fix.param, fix.value) : p;
    case 'setInputShape':
      return node ? setParam(node.id, 'shape', [...fix.shape]) : p;
    case 'remove': {
      if (!node) return p;
      // A layer that is in the way (a Flatten on a flat input) goes and its input is passed on
      // to what it fed, so the network stays connected.
      // (Each outgoing edge keeps its id and target port, now from the removed layer's source.)
      const into = p.graph.edges.filter((e) => e.target === node.id);
      const bridged: GraphEdge[] = into.length === 1 ? p.graph.edges.filter((e) => e.source === node.id).map((e) => ({ ...e, source: into[0]!.source })) : [];
      const edges = [...p.graph.edges.filter((e) => e.source !== node.id && e.target !== node.id), ...bridged];
      return pruneGroups({ ...p, graph: { ...p.graph, nodes: p.graph.nodes.filter((n) => n !== node), edges } });
    }
    case 'insert':
      return node ? insertBefore(p, node, fix.input ?? 0, fix.layer, fix.params) : p;
    case 'all':
      return fix.fixes.reduce(applyFix, p);
  }
}

/** A new layer on the node's input `port`: source → new → node, drawn between the two. */
function insertBefore(p: Project, node: GraphNode, port: number, kind: string, params: Record<string, unknown>): Project {
  const into = p.graph.edges.find((e) => e.target === node.id && (e.targetPort ?? 0) === port);
  const taken = takenIds(p);
  const id = uniqueId(prefixForKind(kind), taken);
  const source = into ? p.graph.nodes.find((n) => n.id === into.source) : undefined;
  const position = source
    ? { x: Math.round((source.position.x + node.position.x) / 2), y: Math.round((source.position.y + node.position.y) / 2) }
    : { x: node.position.x, y: node.position.y - 80 };
  const inserted: GraphNode = { id, kind, params: { ...params }, position };
  const edgeIds = new Set(p.graph.edges.map((e) => e.id));
  const edges: GraphEdge[] = p.graph.edges.filter((e) => e !== into);
  if (into) {
    const a = edgeId(edgeIds);
    edgeIds.add(a);
    edges.push({ id: a, source: into.source, target: id });
  }
  const b = edgeId(edgeIds);
  edges.push({ id: b, source: id, target: node.id, ...(port > 0 ? { targetPort: port } : {}) });
  // The new node sits in the fixed node's innermost block, so a collapsed block stays whole.
  const groups = p.groups?.map((g) => (g.nodes.includes(node.id) && (!into || g.nodes.includes(into.source)) ? { ...g, nodes: [...g.nodes, id] } : g));
  const next: Project = { ...p, graph: { ...p.graph, nodes: [...p.graph.nodes, inserted], edges } };
  return groups ? { ...next, groups: groups.map((g) => (g.link && g.nodes.includes(id) ? (({ link: _l, ...r }) => r)(g) : g)) } : next;
}
