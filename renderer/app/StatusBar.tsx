// The bottom line: whether the graph checks, its size, where the document lives.
import { useApp } from './context.js';
import { useEditorState } from '../state/store.js';
import { formatCount } from '../state/summary.js';

export function StatusBar({ mode, trainBlocked }: { mode: string; trainBlocked: string | null }) {
  const { report, store } = useApp();
  const documentName = useEditorState(store, (s) => s.documentName);
  const layers = useEditorState(store, (s) => s.history.present.graph.nodes.length);
  const errors = report.errors.length;
  return (
    <footer className="statusbar" data-check={report.ok ? 'ok' : 'errors'}>
      {errors && layers ? (
        <span className="status-err">
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
      <span>
        {layers} layers · {formatCount(report.totalParams)} params ({formatCount(report.trainableParams)} trainable)
      </span>
      <span className="spacer" />
      <span>{documentName ?? 'not saved yet'}</span>
      <span className="muted">{mode}</span>
    </footer>
  );
}
