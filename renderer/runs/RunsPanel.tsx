// The open project's runs: one row each (newest first, a running one live), a checkbox to
// select it (one: the dashboard, evaluation and export use it; several: they are compared),
// an inline rename and a delete that asks first.
import { useState, type KeyboardEvent } from 'react';
import type { RunSummary } from '../../electron/contract.js';
import type { Runs } from './useRuns.js';
import { RUN_COLORS, runName } from './runView.js';
import './runs.css';

const pct = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(1)} %`);

function Row({ run, runs, color, live }: { run: RunSummary; runs: Runs; color: string | null; live: { epoch: number; epochs: number } | null }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(run.label);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const checked = runs.selected.includes(run.id);
  const status = run.status;
  const epochs = live && status === 'running' ? `${live.epoch} / ${live.epochs}` : run.epochs === run.plannedEpochs ? String(run.epochs) : `${run.epochs} / ${run.plannedEpochs}`;

  const commit = () => {
    setEditing(false);
    if (text.trim() === run.label) return;
    runs.label(run.id, text.trim()).catch((e: Error) => setError(e.message));
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commit();
    if (e.key === 'Escape') {
      e.stopPropagation();
      setText(run.label);
      setEditing(false);
    }
  };

  return (
    <li className={`run-row${checked ? ' selected' : ''}`} data-run-id={run.id} data-run-status={status} data-matches={run.matchesProject}>
      <input type="checkbox" checked={checked} onChange={() => runs.toggle(run.id)} aria-label={`Select run ${runName(run)}`} />
      <span className="run-swatch" style={color ? { background: color, borderColor: color } : { visibility: 'hidden' }} aria-hidden="true" />
      <div className="run-main">
        {editing ? (
          <input
            className="run-label-input"
            autoFocus
            value={text}
            maxLength={200}
            placeholder="a label for this run"
            aria-label="Run label"
            onChange={(e) => setText(e.target.value)}
            onBlur={commit}
            onKeyDown={onKey}
          />
        ) : (
          <button className="run-name" title="Rename (double-click)" onClick={() => runs.toggle(run.id)} onDoubleClick={() => (setText(run.label), setEditing(true))} data-run-name>
            {runName(run)}
          </button>
        )}
        <div className="run-meta">
          <span className={`state-pill ${status === 'interrupted' ? 'stopped' : status}`}>{status}</span>
          <span title="epochs">{epochs} ep</span>
          <span title="test accuracy">acc {pct(run.test?.accuracy)}</span>
          <span title="test loss">loss {run.test?.loss != null && Number.isFinite(run.test.loss) ? run.test.loss.toFixed(3) : '—'}</span>
          {!run.matchesProject && (
            <span className="run-stale" title="The graph or the training settings were changed since this run: it trained an older version of the project." data-run-stale>
              older graph
            </span>
          )}
        </div>
        {error && <div className="diag error">{error}</div>}
      </div>
      <div className="run-actions">
        {confirming ? (
          <>
            <button className="btn danger small" onClick={() => runs.remove(run.id).catch((e: Error) => setError(e.message)).finally(() => setConfirming(false))} data-action="run-delete-confirm">
              Delete
            </button>
            <button className="btn small" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <>
            <button className="btn ghost icon small" title="Rename" aria-label={`Rename run ${runName(run)}`} onClick={() => (setText(run.label), setEditing(true))} data-action="run-rename">
              ✎
            </button>
            <button
              className="btn ghost icon small"
              title={status === 'running' ? 'Stop it before deleting it' : 'Delete this run and its weights'}
              aria-label={`Delete run ${runName(run)}`}
              disabled={status === 'running'}
              onClick={() => setConfirming(true)}
              data-action="run-delete"
            >
              ✕
            </button>
          </>
        )}
      </div>
    </li>
  );
}

export function RunsPanel({ runs, live }: { runs: Runs; live: { runId: string | null; epoch: number; epochs: number } | null }) {
  const list = runs.list?.runs ?? [];
  const colorOf = (id: string) => {
    const i = runs.selected.indexOf(id);
    return i < 0 || runs.selected.length < 2 ? null : RUN_COLORS[i % RUN_COLORS.length]!;
  };
  return (
    <aside className="runs-panel" data-view="runs" aria-label="Runs">
      <div className="runs-head">
        <h3>Runs of this project</h3>
        <span className="muted">{list.length || 'none'}</span>
        <span className="spacer" />
        {runs.selected.length > 0 && (
          <button className="btn small" onClick={() => runs.setSelected([])}>
            Clear selection
          </button>
        )}
      </div>
      <p className="muted runs-hint">
        {list.length === 0
          ? 'Every training of this project is kept here, with its settings and weights. Press Train to make the first run.'
          : runs.selected.length === 0
            ? 'Tick a run to see it, evaluate and export it; tick several to compare them. Double-click a name to rename it.'
            : runs.selected.length === 1
              ? 'The dashboard, evaluation and export use the ticked run.'
              : `Comparing ${runs.selected.length} runs.`}
      </p>
      {runs.error && <div className="diag error">{runs.error}</div>}
      {(runs.list?.warnings ?? []).map((w) => (
        <div key={w} className="diag warning">
          {w}
        </div>
      ))}
      <ul className="run-list">
        {list.map((r) => (
          <Row key={r.id} run={r} runs={runs} color={colorOf(r.id)} live={live && live.runId === r.id ? live : null} />
        ))}
      </ul>
    </aside>
  );
}
