// "My blocks" as pure functions: a block of the project becomes a library file, and a library
// file becomes new layers of a project, with fresh ids, at the drop point, grouped.
import { BLOCK_FORMAT, BLOCK_VERSION, blockIdFor, type BlockFile } from '../../engine/project/blockFile.js';
import { innerEdges } from '../../engine/project/groups.js';
import type { GraphEdge, GraphNode, Group, Project } from '../../engine/project/types.js';
import type { Edit, XY } from './edits.js';
import { edgeId, prefixForKind, uniqueId } from './ids.js';

/** The library file of a block of the project: its layers (positions relative to their
 *  top-left corner), its inner connections and the blocks nested in it. */
export function blockFileOf(p: Project, groupId: string): BlockFile | null {
  const group = p.groups?.find((g) => g.id === groupId);
  if (!group) return null;
  const members = new Set(group.nodes);
  // The graph's order, so that the saved layers keep the order they compute in.
  const nodes = p.graph.nodes.filter((n) => members.has(n.id));
  const x0 = Math.min(...nodes.map((n) => n.position.x));
  const y0 = Math.min(...nodes.map((n) => n.position.y));
  const nested = (p.groups ?? [])
    .filter((g) => g !== group && g.nodes.every((n) => members.has(n)))
    .map(({ link: _link, position: _pos, ...g }) => ({ ...g, nodes: [...g.nodes] }));
  return {
    format: BLOCK_FORMAT,
    version: BLOCK_VERSION,
    name: group.name,
    nodes: nodes.map((n) => ({ ...n, params: structuredClone(n.params), position: { x: n.position.x - x0, y: n.position.y - y0 } })),
    edges: innerEdges(p.graph, group).map((e) => ({ ...e })),
    ...(nested.length ? { groups: nested } : {}),
  };
}

/** The link shared by every drop of one library block (edit once for all, until detached). */
export const linkFor = (blockId: string) => `lib_${blockIdFor(blockId).replace(/[^A-Za-z0-9_]/g, '_')}`;

export interface Placement {
  edits: Edit[];
  /** The new block's id (select it after the drop). */
  groupId: string;
  nodeIds: string[];
}

/** The edits that drop a library block at `at` (its top-left corner): its layers with fresh
 *  ids, its connections, the block collapsed around them (linked to the other drops of it
 *  when `link` is given) and its nested blocks. One dispatch: one undo step. */
export function placeBlock(p: Project, block: BlockFile, at: XY, opts: { link?: string } = {}): Placement {
  const taken = new Set([...p.graph.nodes.map((n) => n.id), ...(p.groups ?? []).map((g) => g.id)]);
  const idOf = new Map<string, string>();
  const x0 = Math.min(...block.nodes.map((n) => n.position.x));
  const y0 = Math.min(...block.nodes.map((n) => n.position.y));
  const nodes: GraphNode[] = block.nodes.map((n) => {
    const id = uniqueId(prefixForKind(n.kind), taken);
    taken.add(id);
    idOf.set(n.id, id);
    return { ...n, id, params: structuredClone(n.params), position: { x: Math.round(at.x + n.position.x - x0), y: Math.round(at.y + n.position.y - y0) } };
  });
  const edgeIds = new Set(p.graph.edges.map((e) => e.id));
  const edges: GraphEdge[] = block.edges.map((e) => {
    const id = edgeId(edgeIds);
    edgeIds.add(id);
    return { ...e, id, source: idOf.get(e.source)!, target: idOf.get(e.target)! };
  });
  const groupId = uniqueId('block', taken);
  taken.add(groupId);
  const outer: Group = { id: groupId, name: block.name, nodes: nodes.map((n) => n.id), collapsed: true, position: { x: Math.round(at.x), y: Math.round(at.y) } };
  if (opts.link) outer.link = opts.link;
  const inner: Group[] = (block.groups ?? []).map((g) => {
    const id = uniqueId('block', taken);
    taken.add(id);
    return { ...g, id, nodes: g.nodes.map((n) => idOf.get(n)!) };
  });
  return { edits: [{ type: 'addElements', nodes, edges }, { type: 'addGroups', groups: [outer, ...inner] }], groupId, nodeIds: outer.nodes };
}
