// The checker's diagnostics where a person acts on them: a Fix button (one undo step), the
// short form on a node, and the problems list the status bar opens.
import { useEffect, useRef } from 'react';
import type { Diagnostic } from '../../engine/check/types.js';
import { useApp } from '../app/context.js';
import { fixText, shortMessage } from './fixText.js';
import { revealNode } from './reveal.js';
import './problems.css';

/** Applies the diagnostic's fix as one edit (one undo step); nothing when it has none. */
export function FixButton({ d }: { d: Diagnostic }) {
  const { store } = useApp();
  const fix = d.fix;
  if (!fix) return null;
  const what = fixText(fix);
  return (
    <button
      type="button"
      className="btn fix-btn nodrag"
      data-fix={fix.kind}
      title={what}
      aria-label={`Fix: ${what}`}
      // On a node: the click fixes, it does not also start a drag or a selection.
      onPointerDown={(e) => e.stopPropagation()}
      onClick={(e) => {
        e.stopPropagation();
        store.dispatch({ type: 'edit', edits: [{ type: 'applyFix', fix }] });
      }}
    >
      Fix
    </button>
  );
}

/** The first error (else warning) on a node, short, with its Fix; every message on hover. */
export function NodeProblem({ node, errors, warnings }: { node: { id: string; kind: string }; errors: Diagnostic[]; warnings: Diagnostic[] }) {
  const list = errors.length ? errors : warnings;
  const d = list[0];
  if (!d) return null;
  return (
    <div className={`${errors.length ? 'err-text' : 'warn-text'} node-problem`} title={list.map((x) => x.message).join('\n')}>
      <span className="np-text">{shortMessage(d, node)}</span>
      {d.fix && (
        <span className="np-fix">
          <FixButton d={d} />
          <span className="np-what">{fixText(d.fix, node.id)}</span>
        </span>
      )}
    </div>
  );
}

/** Every error and warning, each naming its node; a row selects its node. */
export function ProblemsList({ onClose }: { onClose: () => void }) {
  const { report, store } = useApp();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const key = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    // A click elsewhere closes it; the status bar's own button toggles it.
    const down = (e: PointerEvent) => {
      const t = e.target as Element | null;
      if (!ref.current?.contains(t) && !t?.closest('[data-action="problems"]')) onClose();
    };
    window.addEventListener('keydown', key);
    window.addEventListener('pointerdown', down);
    return () => {
      window.removeEventListener('keydown', key);
      window.removeEventListener('pointerdown', down);
    };
  }, [onClose]);
  const list = [...report.errors, ...report.warnings];
  const select = (id: string) => {
    store.dispatch({ type: 'select', selection: { nodes: [id], edges: [] } });
    revealNode(id);
  };
  return (
    <div className="problems" data-view="problems" ref={ref} role="dialog" aria-label="Problems">
      <div className="problems-head">
        <b>Problems</b>
        <span className="muted">
          {report.errors.length} error{report.errors.length === 1 ? '' : 's'}, {report.warnings.length} warning{report.warnings.length === 1 ? '' : 's'}
        </span>
        <span className="spacer" />
        <button type="button" className="btn ghost icon" aria-label="Close problems" onClick={onClose}>
          ×
        </button>
      </div>
      {list.length === 0 ? (
        <p className="muted problems-empty">No problems: the network checks.</p>
      ) : (
        <ul>
          {list.map((d, i) => (
            <li key={`${d.code}-${d.nodeId ?? ''}-${i}`} className={`problem ${d.severity}`} data-problem={d.code} {...(d.nodeId ? { 'data-problem-node': d.nodeId } : {})}>
              <button type="button" className="problem-text" disabled={!d.nodeId} onClick={() => d.nodeId && select(d.nodeId)} title={d.nodeId ? `Select '${d.nodeId}'` : undefined}>
                <span className="problem-sev" role="img" aria-label={d.severity}>{d.severity === 'error' ? '●' : '▲'}</span>
                {d.nodeId && <span className="problem-node">{d.nodeId}</span>}
                <span>{d.message}</span>
              </button>
              <FixButton d={d} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
