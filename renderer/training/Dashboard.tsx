// The training dashboard: progress, live charts and, once a run ends, the test metrics,
// confusion matrix and per-class table.
import { useState, type ReactNode } from 'react';
import { formatDuration, progress, secondsLeft, waitingText, type InitView } from '../charts/run.js';
import { phaseFraction } from '../charts/phase.js';
import { ConfusionMatrix } from './ConfusionMatrix.js';
import { MetricChart, type ChartMode } from './MetricChart.js';
import { PerClassTable } from './PerClassTable.js';
import type { LayerLabApi } from '../api/client.js';
import { ErrorsView } from '../views/ErrorsView.js';
import type { Training } from './useTraining.js';
import { LiveViewsCard } from '../views/LiveViews.js';

/** Which nodes took the start weights and which started fresh (and why): a short list. */
function InitReportView({ init }: { init: InitView }) {
  return (
    <div className="init-report" data-view="init-report" style={{ marginTop: 12 }}>
      <div>
        Started from <b>{init.from}</b>: {init.loaded.length ? `${init.loaded.length} node${init.loaded.length === 1 ? '' : 's'} took its weights` : 'no node took its weights'}
        {init.fresh.length ? `, ${init.fresh.length} started fresh` : ''}.
      </div>
      <ul>
        {init.loaded.map((l) => (
          <li key={l.id} data-init-loaded={l.id}>
            <code>{l.id}</code> <span className="muted">— its weights ({l.values.toLocaleString('en-US')} values)</span>
          </li>
        ))}
        {init.fresh.map((f) => (
          <li key={f.id} data-init-fresh={f.id}>
            <code>{f.id}</code> <span className="muted">— fresh: {f.reason}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

const pct = (x: number | undefined) => (x === undefined ? '—' : `${(x * 100).toFixed(1)} %`);

export function Dashboard({ training, backendLabel, trainBlocked, children, inspect }: {
  training: Training;
  backendLabel: string;
  trainBlocked: string | null;
  children?: ReactNode;
  /** The shown run, when it has weights to ask about: its matrix's cells open their samples. */
  inspect?: { api: LayerLabApi; runId: string } | null;
}) {
  const { run, version, evaluation, evaluationError } = training;
  const [mode, setMode] = useState<ChartMode>('batch');
  const [smoothing, setSmoothing] = useState(0.6);
  const [log, setLog] = useState(false);
  const frac = progress(run);
  const ended = run.state === 'finished' || run.state === 'stopped';
  const waiting = waitingText(run);
  const loadFrac = phaseFraction(run.phase);
  const view = training.view && training.view.jobId === run.jobId ? training.view : null;
  const paused = run.state === 'running' && training.control?.jobId === run.jobId && training.control.paused;
  // Where training is: the batches trained so far (exact while paused, the last batch event otherwise).
  const step = paused ? training.control!.step : (run.batches.step.at(-1) ?? 0);
  const hasAccuracy = run.epochRows.some((r) => 'accuracy' in r.metrics || 'acc' in r.metrics) || 'accuracy' in run.batches.values || 'acc' in run.batches.values;

  return (
    <section className="dash" data-training-state={run.state} aria-label="Training dashboard">
      <div className="dash-card">
        <h3>
          Progress{' '}
          {paused ? (
            // One state: a paused job is running in the backend, but to the user it is paused.
            <span className="state-pill paused" data-paused="true">
              paused
            </span>
          ) : (
            <span className={`state-pill ${run.state}`}>{run.state}</span>
          )}
          <span className="spacer" />
          <span className="muted" style={{ fontWeight: 400 }}>
            {run.backend ? `backend ${run.backend}` : backendLabel}
          </span>
        </h3>
        <div className="progress-row">
          <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(frac * 100)}>
            <div style={{ width: `${frac * 100}%` }} />
          </div>
          <div className="stat">
            <small>Epoch</small>
            <b data-epoch={run.epoch}>
              {run.epoch} / {run.epochs || '—'}
            </b>
          </div>
          <div className="stat">
            <small>Step</small>
            <b data-step={step} title="Batches trained so far">
              {run.state === 'idle' ? '—' : step.toLocaleString('en-US')}
            </b>
          </div>
          <div className="stat">
            <small>Examples/s</small>
            <b>{run.imagesPerSec ? Math.round(run.imagesPerSec).toLocaleString('en-US') : '—'}</b>
          </div>
          <div className="stat">
            <small>Time left</small>
            <b>{formatDuration(secondsLeft(run, paused))}</b>
          </div>
          <div className="stat">
            <small>Elapsed</small>
            <b>{run.startedAt ? formatDuration(run.elapsedSec) : '—'}</b>
          </div>
        </div>
        {waiting && (
          <div className="phase-line" role="status" data-phase={run.startedAt !== null ? 'first-batch' : (run.phase?.phase ?? 'process')}>
            <span className="spinner" aria-hidden="true" />
            {waiting}
          </div>
        )}
        {waiting && run.startedAt === null && loadFrac !== null && (
          // A thin bar under the words while the dataset (or another counted phase) loads.
          <div className="phase-bar" role="progressbar" aria-label="Loading progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(loadFrac * 100)}>
            <div style={{ width: `${(loadFrac * 100).toFixed(1)}%` }} />
          </div>
        )}
        {trainBlocked && run.state !== 'running' && (
          <div className="diag warning" style={{ marginTop: 12 }} data-train-blocked>
            Train is off. {trainBlocked}
          </div>
        )}
        {run.init && <InitReportView init={run.init} />}
        {run.warnings.map((w, i) => (
          <div key={i} className="diag warning" style={{ marginTop: 12 }} data-training-warning>
            {w}
          </div>
        ))}
        {run.state === 'failed' && run.message && (
          <div className="fail-box" role="alert" style={{ marginTop: 12 }}>
            {run.message}
          </div>
        )}
        {run.state === 'stopped' && run.message && (
          // The message already says "stopped by …"; it reads as a sentence of its own.
          <div className="muted" style={{ marginTop: 8 }} data-stop-message>
            {/^stopped\b/i.test(run.message) ? `${run.message[0]!.toUpperCase()}${run.message.slice(1)}` : `Stopped: ${run.message}`}
            {run.epochRows.length ? ` after ${run.epochRows.length} complete epoch${run.epochRows.length === 1 ? '' : 's'}.` : ' before the first epoch ended.'}
          </div>
        )}
        {run.stoppedEarly && (
          <div className="muted" style={{ marginTop: 8 }}>
            Early stopping ended the run at epoch {run.stoppedEarly.epoch} (best: epoch {run.stoppedEarly.bestEpoch} by {run.stoppedEarly.monitor}).
          </div>
        )}
      </div>

      {view && <LiveViewsCard view={view.view} step={view.step} where={`after step ${view.step} (epoch ${view.epoch}, batch ${view.batch})${run.state === 'running' ? '' : ' — the run\'s end'}`} />}

      <div className="chart-controls">
        <div className="seg" role="group" aria-label="Chart x axis">
          <button aria-pressed={mode === 'batch'} onClick={() => setMode('batch')}>
            Per batch
          </button>
          <button aria-pressed={mode === 'epoch'} onClick={() => setMode('epoch')}>
            Per epoch
          </button>
        </div>
        <label style={{ display: 'flex', gap: 8, alignItems: 'center', opacity: mode === 'batch' ? 1 : 0.4 }}>
          Smoothing
          <input type="range" min={0} max={0.99} step={0.01} value={smoothing} disabled={mode !== 'batch'} aria-label="Smoothing" onChange={(e) => setSmoothing(Number(e.target.value))} />
          <span style={{ fontVariantNumeric: 'tabular-nums', width: 30 }}>{smoothing.toFixed(2)}</span>
        </label>
        <label className="check">
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} /> Log scale
        </label>
      </div>

      <div className="charts">
        <div className="dash-card">
          <h3>Loss</h3>
          <MetricChart run={run} version={version} metric="loss" mode={mode} smoothing={smoothing} log={log} />
        </div>
        <div className="dash-card">
          <h3>Accuracy{!hasAccuracy && run.state !== 'idle' && run.batches.step.length > 0 ? <span className="muted"> (not reported for this task)</span> : null}</h3>
          <MetricChart run={run} version={version} metric="accuracy" mode={mode} smoothing={smoothing} log={log} />
        </div>
      </div>

      {ended && (
        <div className="dash-card" data-view="results">
          <h3>Test results</h3>
          <div className="metric-tiles" style={{ marginBottom: 14 }}>
            <div className="tile">
              <small>Test loss</small>
              <b>{(evaluation?.loss ?? run.test?.loss)?.toFixed(4) ?? '—'}</b>
            </div>
            <div className="tile">
              <small>Test accuracy</small>
              <b data-test-accuracy={evaluation?.accuracy ?? run.test?.accuracy}>{pct(evaluation?.accuracy ?? run.test?.accuracy)}</b>
            </div>
            {evaluation?.macro && (
              <div className="tile">
                <small>Macro F1</small>
                <b>{pct(evaluation.macro.f1)}</b>
              </div>
            )}
            {evaluation?.mae !== undefined && (
              <div className="tile">
                <small>Mean abs. error</small>
                <b>{evaluation.mae.toFixed(4)}</b>
              </div>
            )}
          </div>
          {evaluationError && <div className="diag error">Evaluation failed: {evaluationError}</div>}
          {!evaluation && !evaluationError && <div className="muted">Evaluating on the test split…</div>}
          {evaluation?.confusion &&
            (inspect ? (
              <ErrorsView key={inspect.runId} api={inspect.api} runId={inspect.runId} evaluation={evaluation} />
            ) : (
              <div className="results">
                <ConfusionMatrix matrix={evaluation.confusion} classNames={evaluation.classNames} />
                <PerClassTable evaluation={evaluation} />
              </div>
            ))}
        </div>
      )}
      {/* Views of the run shown (the See inside card), scrolled with the dashboard. */}
      {children}
    </section>
  );
}
