// Groups the checker's diagnostics by node, for badges and the inspector.
import type { CheckReport, Diagnostic } from '../../engine/check/types.js';

export interface NodeDiagnostics {
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

const NONE: NodeDiagnostics = { errors: [], warnings: [] };

export function diagnosticsByNode(report: CheckReport): (id: string) => NodeDiagnostics {
  const map = new Map<string, NodeDiagnostics>();
  const at = (id: string) => {
    let d = map.get(id);
    if (!d) map.set(id, (d = { errors: [], warnings: [] }));
    return d;
  };
  for (const e of report.errors) if (e.nodeId) at(e.nodeId).errors.push(e);
  for (const w of report.warnings) if (w.nodeId) at(w.nodeId).warnings.push(w);
  return (id) => map.get(id) ?? NONE;
}
