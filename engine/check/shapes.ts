// Shape inference in topological order. A node gets a shape when its own checks passed and
// every input has one; a node behind an error gets none and no message of its own, so one
// mistake shows as one badge.
import { formatShape } from '../layers/shape.js';
import { renderShapeError } from '../layers/shape-error.js';
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
      diag.nodeError(id, 'shape', `${label(node)}: could not infer the output shape (${err instanceof Error ? err.message : String(err)})`);
      continue;
    }
    if (!result.ok) {
      const placed = { error: result.error, kind: node.layer.kind, node: id, sources: edges.map((e) => e.source) };
      diag.shapeError(node.layer.category === 'Merge' ? 'merge-mismatch' : 'shape', placed, renderShapeError(placed.error, placed));
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
