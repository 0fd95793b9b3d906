// Hyper-parameter search from the app: choose parameters (any node parameter from the
// catalog's schema, or a training setting), their values (grid) or ranges (random, log scale
// for learning rates), a budget and the metric; Start search trains each trial as a run of
// the open project on the host (electron/search.ts). The result: a table best first, a
// scatter of one parameter against the metric, and "Apply the best" as one undo step.
import { useMemo, useState } from 'react';
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import type { Request } from '../../electron/contract.js';
import type { TrialWire } from '../../electron/search-contract.js';
import { metricDirection, parseGridArg, parseRangeArg, type GridAxis, type RangeAxis } from '../../engine/runs/search.js';
import { formatTick } from '../charts/format.js';
import { useApp } from '../app/context.js';
import { useEditorState } from '../state/store.js';
import { applyBestEdits, searchableParams, suggestRange, suggestValues, type SearchableParam } from './searchParams.js';
import type { Search } from './useSearch.js';
import './search.css';

type Metric = NonNullable<Request<'search.start'>['metric']>;
const METRICS: Metric[] = ['val_loss', 'val_accuracy', 'loss', 'accuracy'];

interface AxisRow {
  key: number;
  path: string;
  /** Grid values, comma-separated. */
  values: string;
  /** Random mode: draw from [min, max] instead of picking from the values. */
  range: boolean;
  min: string;
  max: string;
  log: boolean;
}

let nextKey = 1;
function rowFor(p: SearchableParam): AxisRow {
  const [min, max] = suggestRange(p);
  const numeric = p.type === 'int' || p.type === 'float';
  return { key: nextKey++, path: p.path, values: suggestValues(p), range: numeric, min: String(min), max: String(max), log: p.log };
}

const fmt = (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(6))) : JSON.stringify(v));
const fmtMetric = (m: number | null) => (m === null ? '—' : m.toPrecision(4));

export function SearchPanel({ search, disabled }: { search: Search; disabled: string | null }) {
  const { store, notify } = useApp();
  const project = useEditorState(store, (s) => s.history.present);
  const params = useMemo(() => searchableParams(project), [project]);
  const byPath = useMemo(() => new Map(params.map((p) => [p.path, p])), [params]);
  const [mode, setMode] = useState<'grid' | 'random'>('grid');
  const [rows, setRows] = useState<AxisRow[]>(() => (params[0] ? [rowFor(params[0])] : []));
  const [randomTrials, setRandomTrials] = useState(8);
  const [epochs, setEpochs] = useState('');
  const hasValidation = project.training.validationSplit > 0;
  const [metric, setMetric] = useState<Metric | null>(null);
  const chosenMetric: Metric = metric ?? (hasValidation ? 'val_loss' : 'loss');
  const [parallel, setParallel] = useState('');
  const [seed, setSeed] = useState(42);
  const [halving, setHalving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const s = search.state;
  const running = s?.status === 'running';

  const setRow = (key: number, patch: Partial<AxisRow>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  /** The space as the engine reads it; throws naming the bad field. */
  const space = (): { grid: GridAxis[]; ranges: RangeAxis[] } => {
    const grid: GridAxis[] = [];
    const ranges: RangeAxis[] = [];
    for (const r of rows) {
      const p = byPath.get(r.path);
      const name = p?.label ?? r.path;
      if (mode === 'random' && r.range) {
        const ax = parseRangeArg(`${r.path}=${r.min}:${r.max}${r.log ? ':log' : ''}`);
        ranges.push(ax);
      } else {
        if (!r.values.trim()) throw new Error(`${name}: give the values to try, separated by commas`);
        grid.push(parseGridArg(`${r.path}=${r.values}`));
      }
    }
    if (!grid.length && !ranges.length) throw new Error('add a parameter to search');
    return { grid, ranges };
  };

  let budget = '';
  try {
    const sp = space();
    const n = mode === 'random' ? randomTrials : sp.grid.reduce((k, a) => k * a.values.length, 1);
    const e = epochs ? Number(epochs) : project.training.epochs;
    budget = `${n} trial${n === 1 ? '' : 's'} × ${e} epoch${e === 1 ? '' : 's'}`;
  } catch {
    budget = '';
  }

  const start = async () => {
    setError(null);
    let req: Request<'search.start'>;
    try {
      const e = epochs.trim() ? Number(epochs) : undefined;
      if (e !== undefined && !(Number.isInteger(e) && e >= 1)) throw new Error('Epochs per trial: a whole number ≥ 1, or empty for the project’s');
      const k = parallel.trim() ? Number(parallel) : undefined;
      if (k !== undefined && !(Number.isInteger(k) && k >= 1)) throw new Error('Trials at a time: a whole number ≥ 1, or empty for the default');
      const sp = space();
      if (mode === 'grid' && sp.ranges.length) throw new Error('a grid takes values; switch to Random to draw from ranges');
      req = {
        project: store.get().history.present,
        space: sp,
        metric: chosenMetric,
        ...(mode === 'random' ? { random: randomTrials, seed } : {}),
        ...(e !== undefined ? { epochs: e } : {}),
        ...(k !== undefined ? { parallel: k } : {}),
        ...(halving ? { halving: true } : {}),
      };
    } catch (err) {
      setError((err as Error).message);
      return;
    }
    setStarting(true);
    try {
      await search.start(req);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setStarting(false);
    }
  };

  const apply = () => {
    if (!s?.best) return;
    try {
      const now = store.get().history.present;
      const edits = applyBestEdits(now, s.best.params);
      store.dispatch({ type: 'edit', edits });
      const words = Object.entries(s.best.params).map(([k, v]) => `${byPath.get(k)?.label ?? k} = ${fmt(v)}`);
      notify({ kind: 'info', text: `Applied the best trial: ${words.join(', ')} (Undo takes it back).` });
    } catch (err) {
      notify({ kind: 'error', text: (err as Error).message });
    }
  };

  return (
    <section className="dash search-panel" data-view="search" data-search-state={s?.status ?? 'idle'} aria-label="Hyper-parameter search">
      <div className="dash-card">
        <h3>Hyper-parameter search</h3>
        <p className="muted search-hint">
          Each trial trains the open project once with its values and is kept as a run (the Dashboard’s runs panel lists them). Trials train in parallel worker processes.
        </p>
        <div className="search-mode" role="radiogroup" aria-label="Search kind">
          <label className="check">
            <input type="radio" name="search-mode" checked={mode === 'grid'} onChange={() => setMode('grid')} disabled={running} /> Grid: every combination of the values
          </label>
          <label className="check">
            <input type="radio" name="search-mode" checked={mode === 'random'} onChange={() => setMode('random')} disabled={running} /> Random: draws from ranges
          </label>
        </div>
        <fieldset className="search-axes" disabled={running} style={{ border: 0, margin: '0 0 16px', padding: 0 }}>
          {rows.map((r) => {
            const p = byPath.get(r.path);
            const numeric = p?.type === 'int' || p?.type === 'float';
            const asRange = mode === 'random' && r.range && numeric;
            return (
              <div className="search-axis" key={r.key} data-axis={r.path}>
                <select
                  className="select"
                  aria-label="Parameter"
                  value={r.path}
                  onChange={(e) => {
                    const np = byPath.get(e.target.value);
                    if (np) setRows((rs) => rs.map((x) => (x.key === r.key ? { ...rowFor(np), key: r.key } : x)));
                  }}
                >
                  {[...new Set(params.map((q) => q.group))].map((g) => (
                    <optgroup key={g} label={g}>
                      {params
                        .filter((q) => q.group === g)
                        .map((q) => (
                          <option key={q.path} value={q.path}>
                            {q.label}
                          </option>
                        ))}
                    </optgroup>
                  ))}
                </select>
                {mode === 'random' && numeric && (
                  <select className="select small" aria-label="Values or range" value={r.range ? 'range' : 'values'} onChange={(e) => setRow(r.key, { range: e.target.value === 'range' })}>
                    <option value="range">range</option>
                    <option value="values">values</option>
                  </select>
                )}
                {asRange ? (
                  <span className="search-range">
                    <input className="input" aria-label="From" value={r.min} onChange={(e) => setRow(r.key, { min: e.target.value })} />
                    <span className="muted">to</span>
                    <input className="input" aria-label="To" value={r.max} onChange={(e) => setRow(r.key, { max: e.target.value })} />
                    <label className="check" title="Draw uniformly in log space (for learning rates)">
                      <input type="checkbox" checked={r.log} onChange={(e) => setRow(r.key, { log: e.target.checked })} /> log
                    </label>
                  </span>
                ) : (
                  <input className="input" aria-label="Values" data-search-values={r.path} placeholder="values, e.g. 0.01, 0.1" value={r.values} onChange={(e) => setRow(r.key, { values: e.target.value })} />
                )}
                <button className="btn icon small ghost" aria-label={`Remove ${p?.label ?? r.path}`} title="Remove" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                  ✕
                </button>
                {p && <div className="search-current muted">now {fmt(p.current)}</div>}
              </div>
            );
          })}
          <button
            className="btn small"
            onClick={() => {
              const used = new Set(rows.map((r) => r.path));
              const next = params.find((q) => !used.has(q.path));
              if (next) setRows((rs) => [...rs, rowFor(next)]);
            }}
          >
            + Add parameter
          </button>
        </fieldset>
        <fieldset className="search-budget" disabled={running} style={{ border: 0, margin: 0, padding: 0 }}>
          {mode === 'random' && (
            <div className="field">
              <label htmlFor="search-trials">Trials</label>
              <input id="search-trials" className="input" type="number" min={1} max={500} step={1} value={randomTrials} onChange={(e) => Number.isInteger(e.target.valueAsNumber) && e.target.valueAsNumber >= 1 && setRandomTrials(e.target.valueAsNumber)} />
            </div>
          )}
          {mode === 'random' && (
            <div className="field">
              <label htmlFor="search-seed">Seed</label>
              <input id="search-seed" className="input" type="number" min={0} step={1} value={seed} onChange={(e) => Number.isInteger(e.target.valueAsNumber) && e.target.valueAsNumber >= 0 && setSeed(e.target.valueAsNumber)} />
            </div>
          )}
          <div className="field">
            <label htmlFor="search-epochs">Epochs per trial</label>
            <input id="search-epochs" className="input" type="number" min={1} step={1} placeholder={`${project.training.epochs} (the project’s)`} value={epochs} onChange={(e) => setEpochs(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="search-metric">Rank by</label>
            <select id="search-metric" className="select" value={chosenMetric} onChange={(e) => setMetric(e.target.value as Metric)}>
              {METRICS.map((m) => (
                <option key={m} value={m} disabled={m.startsWith('val_') && !hasValidation} title={m.startsWith('val_') && !hasValidation ? 'needs a validation split (Training)' : undefined}>
                  {m} ({metricDirection(m) === 'max' ? 'higher' : 'lower'} is better)
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-parallel">Trials at a time</label>
            <input id="search-parallel" className="input" type="number" min={1} step={1} placeholder="auto" title="Empty: one per core, within the host’s limit on training jobs" value={parallel} onChange={(e) => setParallel(e.target.value)} />
          </div>
          <div className="field search-halving">
            <label className="check" title="Every trial trains a short budget; the better half goes on with twice the epochs, until the best trains them all">
              <input type="checkbox" checked={halving} onChange={(e) => setHalving(e.target.checked)} /> Successive halving (stop the worse half early)
            </label>
          </div>
        </fieldset>
        {error && (
          <div className="diag error" role="alert" data-search-error>
            {error}
          </div>
        )}
        <div className="search-actions">
          {running ? (
            <button className="btn danger" onClick={() => void search.stop().catch((e: Error) => notify({ kind: 'error', text: e.message }))}>
              Stop search
            </button>
          ) : (
            <button className="btn primary" disabled={starting || disabled !== null || !budget} title={disabled ?? undefined} onClick={() => void start()}>
              Start search
            </button>
          )}
          <span className="muted">{budget}</span>
          {disabled && !running && <span className="muted">— {disabled}</span>}
        </div>
      </div>
      {s && <SearchResults search={search} byPath={byPath} onApply={apply} />}
    </section>
  );
}

function SearchResults({ search, byPath, onApply }: { search: Search; byPath: Map<string, SearchableParam>; onApply(): void }) {
  const s = search.state!;
  const paths = useMemo(() => [...new Set([...s.planned.flatMap((t) => Object.keys(t.params)), ...s.trials.flatMap((t) => Object.keys(t.params))])], [s.planned, s.trials]);
  const numericPaths = paths.filter((p) => [...s.trials, ...s.planned].some((t) => typeof t.params[p] === 'number'));
  const [xPath, setXPath] = useState<string | null>(null);
  const x = xPath && numericPaths.includes(xPath) ? xPath : (numericPaths[0] ?? null);
  const logX = x !== null && (byPath.get(x)?.log ?? false);
  const done = s.trials.filter((t) => t.runId !== null || t.error).length;
  const total = s.planned.length + s.trials.filter((t) => t.runId === null && t.error?.startsWith('skipped')).length;
  const live = Object.entries(s.live);
  const halving = s.trials.some((t) => t.rung !== undefined);
  const points = (want: (t: TrialWire) => boolean) =>
    s.trials.filter((t) => want(t) && t.metric !== null && x !== null && typeof t.params[x] === 'number' && (!logX || (t.params[x] as number) > 0)).map((t) => ({ x: t.params[x!] as number, y: t.metric!, index: t.index }));
  const isBest = (t: TrialWire) => s.best !== null && t.index === s.best.index && t.rung === s.best.rung;
  // Room around the points, so none sits on the frame: a factor of 2 on a log axis, 10 % on a linear one.
  const all = points(() => true);
  const pad = (vs: number[], log: boolean): [number, number] | ['auto', 'auto'] => {
    if (!vs.length) return ['auto', 'auto'];
    const lo = Math.min(...vs);
    const hi = Math.max(...vs);
    if (log) return [lo / 2, hi * 2];
    const d = hi - lo || Math.abs(hi) * 0.1 || 1;
    return [lo - d * 0.1, hi + d * 0.1];
  };
  const xDomain = pad(all.map((p) => p.x), logX);
  const yDomain = pad(all.map((p) => p.y), false);

  return (
    <>
      <div className="dash-card" data-view="search-results" data-search-id={s.searchId}>
        <h3>
          Trials <span className={`state-pill ${s.status}`}>{s.status}</span>
          <span className="muted search-sub">
            {done} of {total} done · ranked by {s.metric} ({s.direction === 'max' ? 'higher' : 'lower'} is better) · {s.parallel} at a time · {s.epochs} epochs each{halving ? ' (successive halving)' : ''}
          </span>
        </h3>
        {s.message && <div className="diag error">{s.message}</div>}
        {live.length > 0 && (
          <ul className="search-live">
            {live.map(([i, l]) => (
              <li key={i}>
                Trial {Number(i) + 1} training: epoch {l.epoch} of {l.epochs}
                <progress max={l.epochs} value={l.epoch} />
              </li>
            ))}
          </ul>
        )}
        <div className="search-table-wrap">
          <table className="tbl search-table">
            <thead>
              <tr>
                <th className="num" title="place when ranked by the metric">Rank</th>
                <th className="num" title="the order in which the trial was planned">Trial no.</th>
                {paths.map((p) => (
                  <th key={p} className="mono-head">
                    {byPath.get(p)?.label ?? p}
                  </th>
                ))}
                {halving && <th className="num">Epochs</th>}
                <th className="num">{s.metric}</th>
                <th>Run</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {s.trials.map((t, rank) => (
                <tr key={`${t.index}-${t.rung ?? ''}`} className={isBest(t) ? 'best' : undefined} data-trial={t.index + 1} data-best={isBest(t) ? 'true' : undefined} data-trial-run={t.runId ?? undefined}>
                  <td className="num">{rank + 1}</td>
                  <td className="num">{t.index + 1}</td>
                  {paths.map((p) => (
                    <td key={p} className="mono">
                      {t.params[p] === undefined ? '' : fmt(t.params[p])}
                    </td>
                  ))}
                  {halving && <td className="num">{t.epochs ?? ''}</td>}
                  <td className="num" data-metric>
                    {fmtMetric(t.metric)}
                  </td>
                  <td className="mono">{t.runId ?? '—'}</td>
                  <td className="search-note">{isBest(t) ? <b>best</b> : (t.error ?? '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="search-actions">
          <button className="btn primary" data-action="apply-best" disabled={s.best === null || s.status === 'running'} title={s.status === 'running' ? 'when the search ends' : undefined} onClick={onApply}>
            Apply the best
          </button>
          {s.best && (
            <span className="muted">
              {Object.entries(s.best.params)
                .map(([k, v]) => `${byPath.get(k)?.label ?? k} = ${fmt(v)}`)
                .join(', ')}{' '}
              ({s.metric} {fmtMetric(s.best.metric)})
            </span>
          )}
          {s.status !== 'running' && (
            <button className="btn small ghost" onClick={search.clear}>
              Clear
            </button>
          )}
        </div>
      </div>
      {x !== null && (
        <div className="dash-card" data-view="search-plot">
          <h3>
            {s.metric} against
            <select className="select small" aria-label="Parameter on the x axis" value={x} onChange={(e) => setXPath(e.target.value)}>
              {numericPaths.map((p) => (
                <option key={p} value={p}>
                  {byPath.get(p)?.label ?? p}
                </option>
              ))}
            </select>
            {logX && <span className="muted search-sub">log scale</span>}
          </h3>
          <div className="chart-box" data-chart="search-scatter" data-points={all.length}>
            <ResponsiveContainer width="100%" height="100%">
              <ScatterChart margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
                <CartesianGrid stroke="var(--border)" />
                <XAxis
                  type="number"
                  dataKey="x"
                  name={byPath.get(x)?.label ?? x}
                  scale={logX ? 'log' : 'auto'}
                  domain={xDomain}
                  allowDataOverflow
                  tickFormatter={formatTick}
                  stroke="var(--text-3)"
                  label={{ value: byPath.get(x)?.label ?? x, position: 'insideBottom', offset: -8, fill: 'var(--text-3)', fontSize: 11 }}
                />
                <YAxis
                  type="number"
                  dataKey="y"
                  name={s.metric}
                  domain={yDomain}
                  tickFormatter={formatTick}
                  stroke="var(--text-3)"
                  label={{ value: s.metric, angle: -90, position: 'insideLeft', offset: 12, fill: 'var(--text-3)', fontSize: 11 }}
                />
                <ZAxis range={[60, 60]} />
                <Tooltip cursor={{ strokeDasharray: '3 3' }} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8 }} />
                <Scatter name="trials" data={points((t) => !isBest(t))} fill="var(--accent)" fillOpacity={0.7} isAnimationActive={false} />
                <Scatter name="best" data={points(isBest)} fill="#f59e0b" shape="star" isAnimationActive={false} />
              </ScatterChart>
            </ResponsiveContainer>
          </div>
        </div>
      )}
    </>
  );
}
