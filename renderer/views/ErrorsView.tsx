// Errors you can click: the test results' confusion matrix with each cell opening its test
// samples, and for two classes a threshold slider that recounts the matrix, precision, recall
// and F1 from every test example's positive score (the engine's `scores` view), live, with no
// round trip. The lecture's skewed-classes lesson: at 1.00 nothing is flagged ("always
// negative"), accuracy stays high while precision and recall fall to 0.
import { useEffect, useMemo, useState } from 'react';
import type { Evaluation } from '../../electron/contract.js';
import { metricsFromConfusion } from '../../engine/evaluate/metrics.js';
import { metricsAtThreshold, type Ratio } from '../../engine/evaluate/threshold.js';
import type { InspectReply } from '../../engine/views/inspect/schemas.js';
import type { LayerLabApi } from '../api/client.js';
import { ConfusionMatrix, type CellRef } from '../training/ConfusionMatrix.js';
import { PerClassTable } from '../training/PerClassTable.js';
import { ImageCanvas } from './ImageCanvas.js';
import { imageDims } from './pixels.js';
import { inspect, useInspect } from './useInspect.js';
import './views.css';

/** Test sets past this many examples are thresholded on their first ones only. */
const MAX_SCORES = 200_000;

interface Scores {
  count: number;
  positive: number[];
  actual: number[];
}

/** Every test example's positive score and class (two-class runs), asked page by page. */
function useScores(api: LayerLabApi, runId: string, enabled: boolean): { scores: Scores | null; error: string | null } {
  const [state, setState] = useState<{ key: string; scores: Scores | null; error: string | null } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    (async () => {
      const positive: number[] = [];
      const actual: number[] = [];
      let count = Infinity;
      while (positive.length < Math.min(count, MAX_SCORES)) {
        const page: InspectReply<'scores'> = await inspect(api, runId, 'scores', { offset: positive.length });
        count = page.count;
        if (!page.positive) throw new Error('the run has more than two classes');
        if (page.positive.length === 0) break;
        positive.push(...page.positive);
        actual.push(...page.actual);
      }
      if (live) setState({ key: runId, scores: { count, positive, actual }, error: null });
    })().catch((e: Error) => live && setState({ key: runId, scores: null, error: e.message }));
    return () => {
      live = false;
    };
  }, [api, runId, enabled]);
  return state?.key === runId ? state : { scores: null, error: null };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** A ratio with its parts; 0 of 0 is shown as 0 and said to be 0/0. */
function RatioTile({ name, r, parts, empty }: { name: string; r: Ratio; parts: string; empty: string }) {
  return (
    <div className="tile" data-metric={name.toLowerCase()} data-value={r.value}>
      <small>{name}</small>
      <b>{pct(r.value)}</b>
      <span className="muted tile-note">{r.den === 0 ? `0 / 0 (${empty}), shown as 0` : `${r.num} of ${r.den} ${parts}`}</span>
    </div>
  );
}

export function ErrorsView({ api, runId, evaluation }: { api: LayerLabApi; runId: string; evaluation: Evaluation }) {
  const confusion = evaluation.confusion!;
  const two = confusion.length === 2;
  const names = evaluation.classNames ?? confusion.map((_, i) => `class ${i}`);
  const [threshold, setThreshold] = useState(0.5);
  const [cell, setCell] = useState<CellRef | null>(null);
  const { scores, error } = useScores(api, runId, two);
  const at = useMemo(() => (scores ? metricsAtThreshold(scores.positive, scores.actual, threshold) : null), [scores, threshold]);
  const matrix = at ? at.confusion : confusion;
  const table = useMemo(() => (at ? { ...evaluation, ...metricsFromConfusion(at.confusion, names) } : evaluation), [at, evaluation, names]);

  return (
    <div className="errors-view" data-view="errors">
      {two && (
        <div className="threshold-box" data-threshold={threshold}>
          <label className="threshold-row">
            <span>
              Threshold: flag <b>{names[1]}</b> when its probability is above
            </span>
            <input type="range" min={0} max={1} step={0.01} value={threshold} disabled={!scores} data-control="threshold" aria-label="Decision threshold" onChange={(e) => setThreshold(Number(e.target.value))} />
            <b className="threshold-value" data-threshold-value>
              {threshold.toFixed(2)}
            </b>
            <button className="btn small" disabled={!scores || threshold === 0.5} onClick={() => setThreshold(0.5)}>
              Back to 0.50
            </button>
          </label>
          {error && <div className="diag error">Scores failed: {error}</div>}
          {!scores && !error && <div className="muted">Scoring the test split…</div>}
          {at && (
            <>
              <div className="metric-tiles">
                <RatioTile name="Accuracy" r={at.accuracy} parts="right" empty="no examples" />
                <RatioTile name="Precision" r={at.precision} parts={`flagged are ${names[1]}`} empty="nothing flagged" />
                <RatioTile name="Recall" r={at.recall} parts={`${names[1]} found`} empty={`no ${names[1]} example`} />
                <div className="tile" data-metric="f1" data-value={at.f1}>
                  <small>F1</small>
                  <b>{pct(at.f1)}</b>
                  <span className="muted tile-note">2PR / (P + R)</span>
                </div>
              </div>
              <p className="muted threshold-hint">
                {at.tp + at.fp === 0
                  ? `Nothing is flagged ${names[1]}: "always ${names[0]}" still scores ${pct(at.accuracy.value)} accuracy, with precision and recall 0.`
                  : `${at.tp + at.fp} of ${scores!.count} test examples flagged ${names[1]}. Move right to flag fewer (precision up, recall down), left to flag more.`}
              </p>
            </>
          )}
        </div>
      )}
      <div className="results">
        <div>
          <ConfusionMatrix matrix={matrix} classNames={names} onCell={(c) => setCell(cell && cell.actual === c.actual && cell.predicted === c.predicted ? null : c)} selected={cell} />
          <div className="muted cm-hint">Click a cell to see its test samples.</div>
        </div>
        <PerClassTable evaluation={table} />
      </div>
      {cell && <CellSamples key={`${cell.actual}-${cell.predicted}`} api={api} runId={runId} cell={cell} names={names} {...(two && scores ? { threshold } : {})} onClose={() => setCell(null)} />}
    </div>
  );
}

const LIMIT = 24;

function CellSamples(props: { api: LayerLabApi; runId: string; cell: CellRef; names: string[]; threshold?: number; onClose(): void }) {
  const { cell, names, threshold } = props;
  const [offset, setOffset] = useState(0);
  const { value: page, error, loading } = useInspect(props.api, props.runId, 'cell', { actual: cell.actual, predicted: cell.predicted, offset, limit: LIMIT, ...(threshold === undefined ? {} : { threshold }) });
  const shown = page && page.actual === cell.actual && page.predicted === cell.predicted ? page : null;
  const dims = shown ? imageDims(shown.inputShape) : null;
  const right = cell.actual === cell.predicted;
  const total = shown?.total ?? 0;
  return (
    <div className="cell-samples" data-view="cell-samples" data-actual={cell.actual} data-predicted={cell.predicted} data-total={shown?.total}>
      <div className="cell-head">
        <b className={right ? 'cell-right' : 'cell-wrong'}>
          actual {names[cell.actual]}, predicted {names[cell.predicted]}
        </b>
        <span className="muted">
          {shown ? `${total} test sample${total === 1 ? '' : 's'}${total ? ` · ${offset + 1}–${Math.min(total, offset + LIMIT)} · surest first${dims ? ` (% = P(${names[cell.predicted]}))` : ''}` : ''}` : loading ? 'loading…' : ''}
        </span>
        <span className="cell-buttons">
          <button className="btn small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - LIMIT))} aria-label="previous cell samples">
          ‹
        </button>
        <button className="btn small" disabled={offset + LIMIT >= total} onClick={() => setOffset(offset + LIMIT)} aria-label="next cell samples">
          ›
        </button>
          <button className="btn small" onClick={props.onClose} aria-label="close cell samples">
            ✕
          </button>
        </span>
      </div>
      {error && <div className="diag error">{error}</div>}
      {shown && total === 0 && <p className="muted">No test sample is in this cell.</p>}
      {shown && dims && (
        <div className="sample-strip">
          {shown.items.map((it) => (
            <figure key={it.index} className="cell-thumb" data-sample={it.index}>
              <ImageCanvas values={it.x} h={dims.h} w={dims.w} c={dims.c} size={56} label={`test sample ${it.index}: actual ${names[cell.actual]}, predicted ${names[cell.predicted]}`} />
              <figcaption className="muted" title={`test sample ${it.index}: the model gives ${names[cell.predicted]} ${pct(it.confidence)}`}>
                #{it.index} · {pct(it.confidence)}
              </figcaption>
            </figure>
          ))}
        </div>
      )}
      {shown && !dims && shown.items.length > 0 && <SampleRows page={shown} names={names} />}
    </div>
  );
}

const MAX_COLUMNS = 10;

function SampleRows({ page, names }: { page: InspectReply<'cell'>; names: string[] }) {
  const width = page.items[0]!.x.length;
  const cols = Math.min(width, MAX_COLUMNS);
  const feature = (i: number) => page.featureNames?.[i] ?? `x${i + 1}`;
  const two = page.items[0]!.positive !== undefined;
  return (
    <div style={{ overflow: 'auto' }}>
      <table className="tbl cell-rows">
        <thead>
          <tr>
            <th className="num">#</th>
            {Array.from({ length: cols }, (_, i) => (
              <th key={i} className="num">
                {feature(i)}
              </th>
            ))}
            {width > cols && <th className="muted">+{width - cols} more</th>}
            <th className="num">P({names[page.predicted]})</th>
            {two && page.predicted !== 1 && <th className="num">P({names[1]})</th>}
          </tr>
        </thead>
        <tbody>
          {page.items.map((it) => (
            <tr key={it.index} data-sample={it.index}>
              <td className="num">{it.index}</td>
              {it.x.slice(0, cols).map((v, i) => (
                <td key={i} className="num">
                  {Number.isInteger(v) ? v : v.toFixed(3)}
                </td>
              ))}
              {width > cols && <td />}
              <td className="num">{pct(it.confidence)}</td>
              {two && page.predicted !== 1 && <td className="num">{pct(it.positive!)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
