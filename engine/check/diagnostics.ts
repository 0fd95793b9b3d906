// Collects diagnostics while the checker runs, and remembers which nodes failed on their own
// account: their descendants get no shape and no second message about the same mistake.
import type { ShapeError } from '../layers/types.js';
import { severityOf, type DiagnosticCode, type ErrorCode, type WarningCode } from './codes.js';
import type { Diagnostic } from './types.js';

type Extra = Partial<Pick<Diagnostic, 'nodeId' | 'nodeIds' | 'edgeId' | 'param' | 'blocksTraining' | 'fix'>>;

/** A kind's shape error as it was placed on a node, kept so that it can be worded again. */
export interface PlacedShapeError {
  error: ShapeError;
  kind: string;
  node: string;
  sources: string[];
}

export class Diagnostics {
  readonly errors: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];
  /** Nodes with an error of their own: no shape is inferred for them. */
  readonly failed = new Set<string>();

  /** Shape errors by the diagnostic that reports them (the checker may reword the advice). */
  readonly shapeErrors = new Map<Diagnostic, PlacedShapeError>();

  /** Adds a diagnostic with the severity codes.ts gives its code. */
  private add(code: DiagnosticCode, message: string, extra: Extra): Diagnostic {
    const severity = severityOf(code);
    const d: Diagnostic = { severity, code, message, ...extra };
    (severity === 'error' ? this.errors : this.warnings).push(d);
    return d;
  }

  error(code: ErrorCode, message: string, extra: Extra = {}): void {
    this.add(code, message, extra);
  }

  /** An error on a node that also stops shape inference there. */
  nodeError(nodeId: string, code: ErrorCode, message: string, extra: Omit<Extra, 'nodeId'> = {}): void {
    this.failed.add(nodeId);
    this.add(code, message, { nodeId, ...extra });
  }

  /** A kind's shape error on its node, kept as data beside the words. */
  shapeError(code: 'shape' | 'merge-mismatch', placed: PlacedShapeError, message: string): void {
    this.failed.add(placed.node);
    const fix = placed.error.fix;
    this.shapeErrors.set(this.add(code, message, { nodeId: placed.node, ...(fix ? { fix: { ...fix, node: placed.node } } : {}) }), placed);
  }

  warning(code: WarningCode, message: string, extra: Extra = {}): void {
    this.add(code, message, extra);
  }
}

/** JSON-ish text of any value, short enough for a message. */
export function show(v: unknown): string {
  let s: string;
  try {
    s = typeof v === 'string' ? `'${v}'` : (JSON.stringify(v) ?? String(v));
  } catch {
    s = Object.prototype.toString.call(v);
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** "'a', 'b' and 'c'" */
export function quoteList(ids: readonly string[], max = 6): string {
  const q = ids.slice(0, max).map((id) => `'${id}'`);
  if (ids.length > max) q.push(`${ids.length - max} more`);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}
