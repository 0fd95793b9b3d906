// Collects diagnostics while the checker runs, and remembers which nodes failed on their own
// account: their descendants get no shape and no second message about the same mistake.
import type { Diagnostic } from './types.js';

type Extra = Partial<Pick<Diagnostic, 'nodeId' | 'nodeIds' | 'edgeId' | 'param' | 'blocksTraining'>>;

export class Diagnostics {
  readonly errors: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];
  /** Nodes with an error of their own: no shape is inferred for them. */
  readonly failed = new Set<string>();

  error(code: string, message: string, extra: Extra = {}): void {
    this.errors.push({ severity: 'error', code, message, ...extra });
  }

  /** An error on a node that also stops shape inference there. */
  nodeError(nodeId: string, code: string, message: string, extra: Omit<Extra, 'nodeId'> = {}): void {
    this.failed.add(nodeId);
    this.error(code, message, { nodeId, ...extra });
  }

  warning(code: string, message: string, extra: Extra = {}): void {
    this.warnings.push({ severity: 'warning', code, message, ...extra });
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
