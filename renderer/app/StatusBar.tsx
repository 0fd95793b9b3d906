// The bottom line: whether the graph checks, its size, where the document lives. One line
// always: the first error is cut to fit, and the problems list it opens holds them all.
import { useCallback, useState } from 'react';
import { ProblemsList } from '../editor/Problems.js';
import { useApp } from './context.js';
import { useEditorState } from '../state/store.js';
import { formatCount } from '../state/summary.js';

export function StatusBar({ mode, trainBlocked }: { mode: string; trainBlocked: string | null }) {
  const { report, store } = useApp();
  const documentName = useEditorState(store, (s) => s.documentName);
  const layers = useEditorState(store, (s) => s.history.present.graph.nodes.length);
  const errors = report.errors.length;
  const problems = errors + report.warnings.length;
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  return (
    <footer className="statusbar" data-check={report.ok ? 'ok' : 'errors'}>
      {errors && layers ? (
        <span className="status-err" title={report.errors[0]?.message}>
          {errors} error{errors > 1 ? 's' : ''}: {report.errors[0]?.message}
        </span>
      ) : layers ? (
        <span className="status-ok">✓ Checks pass</span>
      ) : (
        <span>Empty network</span>
      )}
      {/* Errors are named already; a network that checks but cannot train on its data says why here. */}
      {report.ok && layers > 0 && trainBlocked && (
        <span className="status-block" data-train-blocked title={trainBlocked}>
          Train is off: {trainBlocked.replace(/^The network and the dataset cannot train together: /, '')}
        </span>
      )}
      {report.warnings.length > 0 && <span style={{ color: 'var(--warning)' }}>{report.warnings.length} warning{report.warnings.length > 1 ? 's' : ''}</span>}
      {layers > 0 && problems > 0 && (
        <button type="button" className="btn status-problems" data-action="problems" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          Problems ({problems})
        </button>
      )}
      <span>
        {layers} layers · {formatCount(report.totalParams)} params ({formatCount(report.trainableParams)} trainable)
      </span>
      <span className="spacer" />
      <span className="status-doc" title={documentName ?? undefined}>{documentName ?? 'not saved yet'}</span>
      <span className="muted">{mode}</span>
      {open && layers > 0 && <ProblemsList onClose={close} />}
    </footer>
  );
}
