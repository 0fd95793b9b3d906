// The canvas for people who do not use a mouse or cannot see it: each node's spoken name,
// the nodes a chosen one can feed, the keyboard's move step, and a live region's messages.
import type { Diagnostic, NodeReport } from '../../engine/check/types.js';
import type { Dim } from '../../engine/layers/types.js';
import type { Graph, GraphNode } from '../../engine/project/types.js';
import { canConnect } from '../state/connect.js';

const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

/** "26 by 26 by 32" for an output shape with its batch dimension first; "unknown" when the checker could not infer it. */
export function spokenShape(shape: readonly Dim[] | null | undefined): string {
  if (!shape) return 'unknown';
  const dims = shape.slice(1);
  if (!dims.length) return 'one value';
  return dims.map((d) => (d === null ? 'any' : String(d))).join(' by ');
}

/** "Conv2D conv2d_1, output 26 by 26 by 32, 320 parameters, 1 error". */
export function nodeAccessibleName(node: Pick<GraphNode, 'id' | 'kind' | 'trainable'>, report: Pick<NodeReport, 'outputShape' | 'params'> | undefined, errors: readonly Diagnostic[], warnings: readonly Diagnostic[]): string {
  const parts = [`${node.kind} ${node.id}`, `output ${spokenShape(report?.outputShape)}`];
  if (report) parts.push(plural(report.params, 'parameter'));
  if (node.trainable === false) parts.push('frozen');
  if (errors.length) parts.push(plural(errors.length, 'error'));
  if (warnings.length) parts.push(plural(warnings.length, 'warning'));
  return parts.join(', ');
}

export interface ConnectTarget {
  id: string;
  kind: string;
}

/** The nodes `source` may feed (canConnect accepts the edge), in the graph's order. */
export function connectTargets(graph: Graph, source: string): ConnectTarget[] {
  return graph.nodes.filter((n) => n.id !== source && canConnect(graph, source, n.id).ok).map((n) => ({ id: n.id, kind: n.kind }));
}

/** The keys of a layer focused on the canvas (Tab reaches each), for the shortcuts list. */
export const NODE_KEYS: readonly [string, string][] = [
  ['Go to the next layer', 'Tab'],
  ['Select a layer (the inspector shows it)', 'Enter'],
  ['Move a layer (Shift: further)', 'Arrow keys'],
  ['Connect a layer to…', 'C'],
];

/** What a screen reader says after a node's name (React Flow's description, in our keys). */
export const NODE_DESCRIPTION = 'Press Enter to select this layer and edit it in the inspector, the arrow keys to move it (with Shift, further), C to connect it to another layer, Delete to remove it.';

/** One arrow press moves a node by a step of the canvas's dot grid; with Shift, by five. */
export const MOVE_STEP = 18;
export const MOVE_STEP_LARGE = MOVE_STEP * 5;

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/** The move an arrow key asks for, or null for any other key. */
export function arrowDelta(key: string, shift: boolean): { dx: number; dy: number } | null {
  const d = ARROWS[key];
  if (!d) return null;
  const step = shift ? MOVE_STEP_LARGE : MOVE_STEP;
  return { dx: d[0] * step, dy: d[1] * step };
}

// The live region: whatever part of the page changes the graph tells it what happened.
const EVENT = 'layerlab-announce';

export function announce(text: string): void {
  window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: text }));
}

export function onAnnounce(f: (text: string) => void): () => void {
  const h = (e: Event) => f((e as CustomEvent<string>).detail);
  window.addEventListener(EVENT, h);
  return () => window.removeEventListener(EVENT, h);
}

// "Connect to…" for a node: asked from the inspector's button or the C key, shown by the canvas.
const CONNECT_EVENT = 'layerlab-connect-from';

export function requestConnect(source: string): void {
  window.dispatchEvent(new CustomEvent<string>(CONNECT_EVENT, { detail: source }));
}

export function onConnectRequest(f: (source: string) => void): () => void {
  const h = (e: Event) => f((e as CustomEvent<string>).detail);
  window.addEventListener(CONNECT_EVENT, h);
  return () => window.removeEventListener(CONNECT_EVENT, h);
}
