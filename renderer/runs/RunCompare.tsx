// Several runs side by side: their loss and accuracy per epoch overlaid (each run its own
// colour; training solid, validation dashed), their test metrics, and the settings they were
// trained with, the rows that differ marked (engine/runs/diff.ts computes which).
import { useMemo, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RunRecord, RunSummary } from '../../electron/contract.js';
import { settingsTable } from '../../engine/runs/diff.js';
import { formatTick } from '../charts/format.js';
import { epochSeries, RUN_COLORS, runName } from './runView.js';

const pct = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(1)} %`);

function show(v: unknown): string {
  if (v === undefined) return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function OverlayChart({ runs, metric }: { runs: { rec: RunRecord; name: string; color: string }[]; metric: 'loss' | 'accuracy' }) {
  const lines = runs.flatMap(({ rec, name, color }) => [
    { key: `${rec.id}-train`, name: `${name} · training`, color, dashed: false, data: epochSeries(rec, metric, false) },
    { key: `${rec.id}-val`, name: `${name} · validation`, color, dashed: true, data: epochSeries(rec, metric, true) },
  ]).filter((l) => l.data.length > 0);
  return (
    <div className="chart-box" data-chart={`compare-${metric}`} data-lines={lines.length}>
      {lines.length === 0 ? (
        <div className="muted" style={{ display: 'grid', placeItems: 'center', height: '100%' }}>
          {metric === 'accuracy' ? 'These runs report no accuracy.' : 'No finished epochs yet.'}
        </div>
      ) : (
        <ResponsiveContainer width="100%" height="100%">
          <LineChart margin={{ top: 6, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis type="number" dataKey="x" domain={['dataMin', 'dataMax']} allowDuplicatedCategory={false} tick={{ fontSize: 11, fill: 'var(--text-3)' }} stroke="var(--border-strong)" label={{ value: 'epoch', position: 'insideBottomRight', offset: -2, fontSize: 11, fill: 'var(--text-3)' }} />
            <YAxis type="number" domain={metric === 'accuracy' ? [0, 1] : [0, 'auto']} width={48} tick={{ fontSize: 11, fill: 'var(--text-3)' }} stroke="var(--border-strong)" tickFormatter={formatTick} />
            <Tooltip contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8, fontSize: 12 }} formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} labelFormatter={(x) => `epoch ${x}`} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {lines.map((l) => (
              <Line key={l.key} data={l.data} dataKey="y" name={l.name} stroke={l.color} strokeWidth={2} strokeDasharray={l.dashed ? '6 4' : undefined} dot={false} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      )}
    </div>
  );
}

export function RunCompare({ summaries, records }: { summaries: RunSummary[]; records: Record<string, RunRecord> }) {
  const [onlyDiffs, setOnlyDiffs] = useState(true);
  const runs = summaries.map((s, i) => ({ s, rec: records[s.id], name: runName(s), color: RUN_COLORS[i % RUN_COLORS.length]! }));
  const loaded = runs.filter((r): r is typeof r & { rec: RunRecord } => r.rec !== undefined);
  const rows = useMemo(() => (loaded.length === runs.length ? settingsTable(loaded.map((r) => r.rec.project)) : []), [loaded, runs.length]);
  const differing = rows.filter((r) => r.differs);
  const shown = onlyDiffs ? differing : rows;

  return (
    <section className="dash" aria-label="Run comparison" data-view="run-compare">
      <div className="dash-card">
        <h3>Comparing {runs.length} runs</h3>
        <div className="compare-legend">
          {runs.map((r) => (
            <span key={r.s.id} className="compare-key">
              <span className="run-swatch" style={{ background: r.color, borderColor: r.color }} /> {r.name}
            </span>
          ))}
          <span className="muted">solid: training · dashed: validation</span>
        </div>
      </div>
      {loaded.length < runs.length ? (
        <div className="muted">Reading the runs…</div>
      ) : (
        <>
          <div className="charts">
            <div className="dash-card">
              <h3>Loss per epoch</h3>
              <OverlayChart runs={loaded} metric="loss" />
            </div>
            <div className="dash-card">
              <h3>Accuracy per epoch</h3>
              <OverlayChart runs={loaded} metric="accuracy" />
            </div>
          </div>
          <div className="dash-card" data-view="run-diff">
            <h3>
              Settings
              <span className="muted" style={{ fontWeight: 400 }}>
                {differing.length === 0 ? 'the same in every run' : `${differing.length} differ${differing.length === 1 ? 's' : ''}`}
              </span>
              <span className="spacer" />
              <label className="check" style={{ fontWeight: 400 }}>
                <input type="checkbox" checked={onlyDiffs} onChange={(e) => setOnlyDiffs(e.target.checked)} /> Only differences
              </label>
            </h3>
            <div className="diff-scroll">
              <table className="tbl diff-table">
                <thead>
                  <tr>
                    <th>Setting</th>
                    {loaded.map((r) => (
                      <th key={r.s.id} style={{ borderBottomColor: r.color }}>
                        {r.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {shown.map((row) => (
                    <tr key={row.key} className={row.differs ? 'differs' : undefined} data-setting={row.key} data-differs={row.differs}>
                      <th scope="row">{row.label}</th>
                      {row.values.map((v, i) => (
                        <td key={i}>{show(v)}</td>
                      ))}
                    </tr>
                  ))}
                  <tr className="metric-row">
                    <th scope="row">test accuracy</th>
                    {loaded.map((r) => (
                      <td key={r.s.id} data-test-metric="accuracy">
                        {pct(r.s.test?.accuracy)}
                      </td>
                    ))}
                  </tr>
                  <tr className="metric-row">
                    <th scope="row">test loss</th>
                    {loaded.map((r) => (
                      <td key={r.s.id} data-test-metric="loss">
                        {r.s.test?.loss != null && Number.isFinite(r.s.test.loss) ? r.s.test.loss.toFixed(4) : '—'}
                      </td>
                    ))}
                  </tr>
                  <tr className="metric-row">
                    <th scope="row">epochs · backend</th>
                    {loaded.map((r) => (
                      <td key={r.s.id}>
                        {r.s.epochs} · {r.s.backend.name}
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
