// The model summary, like Keras's summary(): one row per layer in topological order, then
// total, trainable and non-trainable parameters.
import type { CheckReport } from '../../engine/check/types.js';
import { pythonTuple } from '../../engine/layers/shape-text.js';
import type { Dim } from '../../engine/layers/types.js';

export interface SummaryRow {
  id: string;
  kind: string;
  shape: string;
  params: number;
}

export interface Summary {
  rows: SummaryRow[];
  total: number;
  trainable: number;
  nonTrainable: number;
}

/** "(None, 28, 28, 1)" as Keras prints it; the batch dimension is included. */
export function kerasShape(shape: Dim[] | null): string {
  return shape ? pythonTuple(shape) : '?';
}

export function summarize(report: CheckReport): Summary {
  const byId = new Map(report.nodes.map((n) => [n.id, n]));
  const ids = report.order.length ? report.order : report.nodes.map((n) => n.id);
  const rows = ids
    .map((id) => byId.get(id))
    .filter((n) => n !== undefined)
    .map((n) => ({ id: n.id, kind: n.kind, shape: kerasShape(n.outputShape), params: n.params }));
  return {
    rows,
    total: report.totalParams,
    trainable: report.trainableParams,
    nonTrainable: report.totalParams - report.trainableParams,
  };
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
