// What the canvas draws for a project with blocks, as pure functions: which layers show,
// which collapsed blocks stand in for their members, the frames around expanded blocks and
// the edges re-attached to a collapsed block's ports. The project stays flat; this is only
// a view of it.
import type { CheckReport, Diagnostic } from '../../engine/check/types.js';
import { groupPorts, groupPosition, representativeOf, type GroupPorts } from '../../engine/project/groups.js';
import type { Graph, GraphNode, Group, Project } from '../../engine/project/types.js';
import { NODE_SIZE } from './dnd.js';

export interface BlockSummary {
  group: Group;
  ports: GroupPorts;
  /** Output shapes of the block's output members (batch dimension first), by member. */
  outputs: { node: string; shape: (number | null)[] | null }[];
  /** Another block shares its link: an edit here is made there too. */
  linked: boolean;
  /** The members' kinds, in the graph's order. */
  kinds: string[];
  /** Parameters of all members, from the check report. */
  params: number;
  /** Members' errors and warnings, each naming its inner node. */
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FlatEdgeView {
  /** The first graph edge drawn by this line. */
  id: string;
  source: string;
  target: string;
  sourceHandle?: string;
  targetHandle?: string;
  /** The graph node whose output flows along it (for the shape label). */
  from: string;
}

export interface CanvasView {
  layers: GraphNode[];
  blocks: BlockSummary[];
  frames: { group: Group; rect: Rect; depth: number }[];
  edges: FlatEdgeView[];
}

export const inHandle = (i: number) => `in-${i}`;
export const outHandle = (nodeId: string) => `out-${nodeId}`;
/** Size a collapsed block is drawn at before React Flow measures it. */
export const BLOCK_SIZE = { width: 240, height: 110 };
const FRAME_PAD = 18;
const FRAME_HEAD = 28;

/** Whether another block of the project shares this one's link. */
export const isLinked = (groups: readonly Group[], g: Group): boolean => !!g.link && groups.some((o) => o !== g && o.link === g.link);

export function summarizeBlock(graph: Graph, group: Group, report: CheckReport, groups: readonly Group[] = [group]): BlockSummary {
  const members = new Set(group.nodes);
  const byId = new Map(report.nodes.map((n) => [n.id, n]));
  const ports = groupPorts(graph, group);
  const named = (d: Diagnostic): Diagnostic => ({ ...d, message: `${d.nodeId}: ${d.message}` });
  return {
    group,
    ports,
    linked: isLinked(groups, group),
    kinds: graph.nodes.filter((n) => members.has(n.id)).map((n) => n.kind),
    outputs: ports.outputs.map((node) => ({ node, shape: byId.get(node)?.outputShape ?? null })),
    params: group.nodes.reduce((sum, id) => sum + (byId.get(id)?.params ?? 0), 0),
    errors: report.errors.filter((e) => e.nodeId && members.has(e.nodeId)).map(named),
    warnings: report.warnings.filter((w) => w.nodeId && members.has(w.nodeId)).map(named),
  };
}

/** The canvas's view of the project; `sizeOf` gives measured sizes (ids of nodes or blocks). */
export function canvasView(project: Project, report: CheckReport, sizeOf: (id: string) => { width: number; height: number } | undefined = () => undefined): CanvasView {
  const graph = project.graph;
  const groups = project.groups ?? [];
  const rep = representativeOf(groups);
  const layers = graph.nodes.filter((n) => rep(n.id) === n.id);
  const shown = new Set(graph.nodes.map((n) => rep(n.id)));
  const collapsed = groups.filter((g) => shown.has(g.id));
  const blocks = collapsed.map((g) => summarizeBlock(graph, g, report, groups));

  // Frames of the expanded blocks that are not hidden inside a collapsed one, innermost
  // first so an outer frame is drawn around the inner frames.
  const rects = new Map<string, Rect>();
  for (const n of layers) {
    const s = sizeOf(n.id) ?? NODE_SIZE;
    rects.set(n.id, { x: n.position.x, y: n.position.y, width: s.width, height: s.height });
  }
  for (const g of collapsed) {
    const p = groupPosition(graph, g);
    const s = sizeOf(g.id) ?? BLOCK_SIZE;
    rects.set(g.id, { x: p.x, y: p.y, ...s });
  }
  const expanded = groups.filter((g) => !g.collapsed && !g.nodes.some((n) => isHiddenBy(groups, rep, n, g)));
  expanded.sort((a, b) => a.nodes.length - b.nodes.length);
  const frames: CanvasView['frames'] = [];
  const frameOf = new Map<string, Rect>();
  for (const g of expanded) {
    const items = new Set(g.nodes.map(rep));
    // Inner frames already computed count as items too.
    const boxes = [...items].map((id) => rects.get(id)).filter((r): r is Rect => !!r);
    for (const inner of expanded) if (inner !== g && frameOf.has(inner.id) && inner.nodes.every((n) => g.nodes.includes(n))) boxes.push(frameOf.get(inner.id)!);
    if (!boxes.length) continue;
    const x0 = Math.min(...boxes.map((b) => b.x)) - FRAME_PAD;
    const y0 = Math.min(...boxes.map((b) => b.y)) - FRAME_PAD - FRAME_HEAD;
    const x1 = Math.max(...boxes.map((b) => b.x + b.width)) + FRAME_PAD;
    const y1 = Math.max(...boxes.map((b) => b.y + b.height)) + FRAME_PAD;
    const rect = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
    frameOf.set(g.id, rect);
    frames.push({ group: g, rect, depth: groups.filter((o) => o !== g && g.nodes.every((n) => o.nodes.includes(n))).length });
  }
  // Outer frames first, so inner ones are drawn over them.
  frames.reverse();

  const portsOf = new Map(blocks.map((b) => [b.group.id, b.ports]));
  const edges: FlatEdgeView[] = [];
  const seen = new Set<string>();
  for (const e of graph.edges) {
    const s = rep(e.source);
    const t = rep(e.target);
    if (s === t && s !== e.source) continue; // inside one collapsed block
    const view: FlatEdgeView = { id: e.id, source: s, target: t, from: e.source };
    if (s !== e.source) view.sourceHandle = outHandle(e.source);
    if (t !== e.target) {
      const i = portsOf.get(t)?.inputs.findIndex((p) => p.source === e.source) ?? -1;
      if (i >= 0) view.targetHandle = inHandle(i);
    }
    const key = `${view.source}\u0000${view.sourceHandle ?? ''}\u0000${view.target}\u0000${view.targetHandle ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push(view);
  }
  return { layers, blocks, frames, edges };
}

/** True when node `n` of expanded block `g` is hidden in a collapsed block holding `g`. */
function isHiddenBy(groups: readonly Group[], rep: (id: string) => string, n: string, g: Group): boolean {
  const r = rep(n);
  if (r === n) return false;
  const holder = groups.find((o) => o.id === r);
  return !!holder && holder !== g && g.nodes.every((m) => holder.nodes.includes(m));
}

/** A connection drawn on the canvas, from the handles to the graph's own nodes: a collapsed
 *  block's output handle names its member; an input handle feeds the port's first member. */
export function connectionEnds(project: Project, c: { source: string; target: string; sourceHandle?: string | null; targetHandle?: string | null }): { source: string; target: string } {
  const groups = project.groups ?? [];
  let source = c.source;
  let target = c.target;
  if (c.sourceHandle?.startsWith('out-') && groups.some((g) => g.id === c.source)) source = c.sourceHandle.slice(4);
  const tg = groups.find((g) => g.id === c.target);
  if (tg) {
    const ports = groupPorts(project.graph, tg);
    const i = c.targetHandle?.startsWith('in-') ? Number(c.targetHandle.slice(3)) : 0;
    const port = ports.inputs[i] ?? ports.inputs.find((p) => p.source === null) ?? ports.inputs[0];
    if (port) target = port.targets[0]!.node;
  }
  return { source, target };
}
