// Edits to the project as data: each is a plain object applied by one pure function, so the
// history, shortcuts, menus and tests all speak the same language.
import type { DatasetRef, GraphEdge, GraphNode, Group, Project, TrainingConfig } from '../../engine/project/types.js';
import type { ShapeFix } from '../../engine/layers/types.js';
import type { Lesson } from '../../engine/project/lesson.js';
import { applyFix, expandSelection, groupNodes, paramTargets, pruneGroups, setGroup, ungroup, type GroupPatch } from './blockEdits.js';
import { canConnect } from './connect.js';
import { edgeId, prefixForKind, uniqueId } from './ids.js';

export type XY = { x: number; y: number };

export type Edit =
  | { type: 'addNode'; kind: string; position: XY; id?: string; params?: Record<string, unknown> }
  | { type: 'addElements'; nodes: GraphNode[]; edges: GraphEdge[] }
  | { type: 'moveNodes'; moves: { id: string; position: XY }[] }
  | { type: 'remove'; nodeIds: string[]; edgeIds: string[] }
  | { type: 'connect'; source: string; target: string }
  /** `value: undefined` removes the parameter so the layer's default applies. */
  | { type: 'setParam'; nodeId: string; param: string; value: unknown }
  /** Freezes a node (`trainable: false`: its weights stay as they are in training) or thaws it
   *  (the field removed: nodes train by default). */
  | { type: 'setTrainable'; nodeId: string; trainable: boolean }
  | { type: 'setTraining'; patch: Partial<TrainingConfig> }
  | { type: 'setDataset'; dataset: DatasetRef }
  | { type: 'rename'; name: string }
  /** Blocks (blockEdits.ts): `nodeIds` may name blocks, which stand for their nodes. */
  | { type: 'group'; nodeIds: string[]; id?: string; name?: string; collapsed?: boolean }
  | { type: 'ungroup'; groupId: string }
  /** Blocks arriving with their nodes (a library block dropped in), ids already fresh. */
  | { type: 'addGroups'; groups: Group[] }
  | { type: 'setGroup'; groupId: string; patch: GroupPatch }
  /** A diagnostic's fix, applied as one step. */
  | { type: 'applyFix'; fix: ShapeFix }
  /** The project's lesson (null removes it). */
  | { type: 'setLesson'; lesson: Lesson | null };

export function applyEdit(p: Project, edit: Edit): Project {
  const g = p.graph;
  switch (edit.type) {
    case 'addNode': {
      const ids = new Set(g.nodes.map((n) => n.id));
      const id = edit.id && !ids.has(edit.id) ? edit.id : uniqueId(prefixForKind(edit.kind), ids);
      const node: GraphNode = { id, kind: edit.kind, params: { ...(edit.params ?? {}) }, position: { ...edit.position } };
      return { ...p, graph: { ...g, nodes: [...g.nodes, node] } };
    }
    case 'addElements': {
      if (!edit.nodes.length && !edit.edges.length) return p;
      return { ...p, graph: { nodes: [...g.nodes, ...edit.nodes], edges: [...g.edges, ...edit.edges] } };
    }
    case 'moveNodes': {
      // A collapsed block moves as itself (its position), its members stay where they were.
      const blockIds = new Set((p.groups ?? []).map((gr) => gr.id));
      const blockMoves = edit.moves.filter((m) => blockIds.has(m.id));
      if (blockMoves.length) {
        const moved = blockMoves.reduce((q, m) => setGroup(q, m.id, { position: m.position }), p);
        return applyEdit(moved, { type: 'moveNodes', moves: edit.moves.filter((m) => !blockIds.has(m.id)) });
      }
      const to = new Map(edit.moves.map((m) => [m.id, m.position]));
      let changed = false;
      const nodes = g.nodes.map((n) => {
        const pos = to.get(n.id);
        if (!pos || (pos.x === n.position.x && pos.y === n.position.y)) return n;
        changed = true;
        return { ...n, position: { x: pos.x, y: pos.y } };
      });
      return changed ? { ...p, graph: { ...g, nodes } } : p;
    }
    case 'remove': {
      // A selected block removes its nodes.
      const nodeIds = new Set(expandSelection(p, edit.nodeIds));
      const edgeIds = new Set(edit.edgeIds);
      const nodes = g.nodes.filter((n) => !nodeIds.has(n.id));
      // Edges touching a removed node go with it.
      const edges = g.edges.filter((e) => !edgeIds.has(e.id) && !nodeIds.has(e.source) && !nodeIds.has(e.target));
      if (nodes.length === g.nodes.length && edges.length === g.edges.length) return p;
      return pruneGroups({ ...p, graph: { ...g, nodes, edges } });
    }
    case 'connect': {
      const verdict = canConnect(g, edit.source, edit.target);
      if (!verdict.ok) return p;
      const id = edgeId(new Set(g.edges.map((e) => e.id)));
      const edge: GraphEdge = { id, source: edit.source, target: edit.target };
      if (verdict.targetPort > 0) edge.targetPort = verdict.targetPort;
      return { ...p, graph: { ...g, edges: [...g.edges, edge] } };
    }
    case 'setParam': {
      let changed = false;
      // In a linked block the edit is made in every instance.
      const targets = paramTargets(p, edit.nodeId);
      const nodes = g.nodes.map((n) => {
        if (!targets.has(n.id)) return n;
        const params = { ...n.params };
        if (edit.value === undefined) {
          if (!(edit.param in params)) return n;
          delete params[edit.param];
        } else {
          if (JSON.stringify(params[edit.param]) === JSON.stringify(edit.value)) return n;
          params[edit.param] = edit.value;
        }
        changed = true;
        return { ...n, params };
      });
      return changed ? { ...p, graph: { ...g, nodes } } : p;
    }
    case 'setTrainable': {
      const node = g.nodes.find((n) => n.id === edit.nodeId);
      if (!node || (node.trainable !== false) === edit.trainable) return p;
      const nodes = g.nodes.map((n) => {
        if (n !== node) return n;
        const { trainable: _was, ...rest } = n;
        return edit.trainable ? rest : { ...rest, trainable: false as const };
      });
      return { ...p, graph: { ...g, nodes } };
    }
    case 'setTraining':
      return { ...p, training: { ...p.training, ...edit.patch } };
    case 'setDataset':
      return { ...p, dataset: edit.dataset };
    case 'rename':
      return edit.name === p.name ? p : { ...p, name: edit.name };
    case 'group':
      return groupNodes(p, edit.nodeIds, edit);
    case 'ungroup':
      return ungroup(p, edit.groupId);
    case 'addGroups':
      return edit.groups.length ? { ...p, groups: [...(p.groups ?? []), ...edit.groups] } : p;
    case 'setGroup':
      return setGroup(p, edit.groupId, edit.patch);
    case 'applyFix':
      return applyFix(p, edit.fix);
    case 'setLesson': {
      if (edit.lesson) return { ...p, lesson: edit.lesson };
      const { lesson: _gone, ...rest } = p;
      return rest;
    }
  }
}

export function applyEdits(p: Project, edits: Edit[]): Project {
  return edits.reduce(applyEdit, p);
}
