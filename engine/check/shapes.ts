// Shape inference in topological order. A node gets a shape when its own checks passed and
// every input has one; a node behind an error gets none and no message of its own, so one
// mistake shows as one badge.
import { formatShape } from '../layers/shape.js';
import type { Dim, Params, Shape } from '../layers/types.js';
import type { Diagnostics } from './diagnostics.js';
import { label, type CleanGraph, type CleanNode } from './normalize.js';
import type { Structure } from './structure.js';

export interface NodeShape {
  /** Without the batch dimension. */
  shape: Shape;
  trainable: number;
  nonTrainable: number;
  /** Longest path from an Input, in layers (picks the main output). */
  depth: number;
}

function isShape(v: unknown): v is Shape {
  return Array.isArray(v) && v.every((d) => d === null || (typeof d === 'number' && Number.isInteger(d) && d >= 0));
}

function count(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : 0;
}

/** Rewrites a kind's shape error so it names the node and where each input comes from:
 *  "Conv2D needs … but gets [batch, 784]; …" → "Conv2D 'c1' needs … but gets [batch, 784] from 'd1'; …". */
export function placeError(node: CleanNode, message: string, inputs: { shape: Shape; source: string }[]): string {
  const kind = node.layer?.kind ?? node.kind;
  let text = message.startsWith(`${kind} `) ? `${label(node)} ${message.slice(kind.length + 1)}` : `${label(node)}: ${message}`;
  const texts = inputs.map((i) => formatShape(i.shape));
  const annotated = new Set<string>();
  inputs.forEach((input, k) => {
    const shown = texts[k]!;
    // Only where the shape text identifies one input; two equal shapes stay as they are.
    if (annotated.has(shown) || texts.indexOf(shown) !== texts.lastIndexOf(shown)) return;
    annotated.add(shown);
    const at = text.indexOf(shown);
    if (at < 0) return;
    const end = at + shown.length;
    const tag = text.slice(Math.max(0, at - 5), at) === 'from ' ? ` of '${input.source}'` : ` from '${input.source}'`;
    text = text.slice(0, end) + tag + text.slice(end);
  });
  return text;
}

export function inferShapes(g: CleanGraph, s: Structure, params: Map<string, Params>, diag: Diagnostics): Map<string, NodeShape> {
  const shapes = new Map<string, NodeShape>();
  for (const id of s.order) {
    const node = g.byId.get(id);
    const p = params.get(id);
    if (!node?.layer || !p || diag.failed.has(id)) continue;
    const edges = s.incoming.get(id) ?? [];
    const inputs: Shape[] = [];
    let depth = 0;
    let blocked = false;
    for (const e of edges) {
      const from = shapes.get(e.source);
      if (!from) {
        blocked = true;
        break;
      }
      inputs.push(from.shape);
      depth = Math.max(depth, from.depth + 1);
    }
    if (blocked) continue;
    let result: ReturnType<typeof node.layer.inferShape>;
    try {
      result = node.layer.inferShape(inputs, p);
    } catch (err) {
      // A kind that throws is a catalog bug; the canvas still gets a message on the node.
      result = { ok: false, error: `could not infer the output shape (${err instanceof Error ? err.message : String(err)})` };
    }
    if (!result.ok) {
      const code = node.layer.category === 'Merge' ? 'merge-mismatch' : 'shape';
      const msg = placeError(node, String(result.error), edges.map((e, k) => ({ shape: inputs[k]!, source: e.source })));
      diag.nodeError(id, code, msg);
      continue;
    }
    if (!isShape(result.shape)) {
      diag.nodeError(id, 'shape', `${label(node)}: its kind returned an invalid shape ${JSON.stringify(result.shape)}`);
      continue;
    }
    if (result.shape.some((d) => d === 0)) {
      diag.nodeError(id, 'shape', `${label(node)} would output ${formatShape(result.shape)}, which has a zero dimension; use a smaller kernel, pool or crop, or padding 'same'`);
      continue;
    }
    let counts = { trainable: 0, nonTrainable: 0 };
    try {
      counts = node.layer.countParams(inputs, p);
    } catch {
      // Counting is informative only; a failure must not hide the shape.
    }
    shapes.set(id, { shape: result.shape as Dim[], trainable: count(counts?.trainable), nonTrainable: count(counts?.nonTrainable), depth });
  }
  return shapes;
}
