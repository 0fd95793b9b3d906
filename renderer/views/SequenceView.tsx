// A sequence model's predictions: for each test sample the user picks, the input window as a
// line over its time steps, then the value that really came next (the target) and the one
// the network predicted, both joined to the window's last step.
import { useMemo, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { InspectReply } from '../../engine/views/inspect/schemas.js';
import { formatTick } from '../charts/format.js';
import { classColor } from '../data/colors.js';
import type { InspectTabProps } from './registry.js';
import { useInspect } from './useInspect.js';

type Item = InspectReply<'sequence'>['items'][number];

const SHOWN = 3;
const MAX = 12;
const COLORS = { input: classColor(0), target: classColor(2), prediction: classColor(3) };
const num = (v: number) => String(Number(v.toPrecision(3)));

export function SequenceView({ api, runId, about }: InspectTabProps) {
  const [samples, setSamples] = useState<number[]>(() => Array.from({ length: Math.min(SHOWN, about.testCount) }, (_, i) => i));
  const [typed, setTyped] = useState('');
  const { value, error, loading } = useInspect(api, runId, 'sequence', samples.length ? { samples } : null);
  const last = about.testCount - 1;
  const add = (i: number) => setSamples((s) => (s.includes(i) || i < 0 || i > last ? s : [...s, i].slice(-MAX)));
  const next = () => {
    const from = Math.max(-1, ...samples) + 1;
    setSamples(Array.from({ length: SHOWN }, (_, k) => (from + k) % Math.max(1, about.testCount)));
  };
  return (
    <div className="sequence-view" data-view="sequence-prediction" aria-busy={loading}>
      <div className="row sequence-controls">
        <span>Test samples</span>
        {samples.map((i) => (
          <span key={i} className="chip" data-sample={i}>
            #{i}
            <button className="chip-x" aria-label={`remove test sample ${i}`} onClick={() => setSamples((s) => s.filter((k) => k !== i))} disabled={samples.length === 1}>
              ×
            </button>
          </span>
        ))}
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            const i = Number(typed);
            if (typed !== '' && Number.isInteger(i)) add(i);
            setTyped('');
          }}
        >
          <input type="number" min={0} max={last} value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={`0–${last}`} aria-label="add test sample" style={{ width: 80 }} />
          <button className="btn small" type="submit" disabled={typed === ''}>
            Add
          </button>
        </form>
        <button className="btn small" onClick={next}>
          Next {SHOWN}
        </button>
        {loading && <span className="muted">predicting…</span>}
      </div>
      {error && <div className="diag error">{error}</div>}
      {value && (
        <>
          <p className="muted">
            Each plot is one test window of {value.steps} steps{value.features > 1 ? ` (its first of ${value.features} features)` : ''}, in the data&apos;s own units; after it, the ring is the value that came next and the dot
            the network&apos;s guess. Mean squared error of these: {num(value.mse)}.
          </p>
          <div className="sequence-plots">
            {value.items.map((it) => (
              <SamplePlot key={it.index} item={it} steps={value.steps} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}

/** A dot only on the steps after the window (not on the joint at its last step). */
function afterWindow(steps: number, color: string, role: string) {
  return function Dot(p: { cx?: number; cy?: number; index?: number; payload?: { t: number } }) {
    if (!p.payload || p.payload.t <= steps || p.cx === undefined || p.cy === undefined) return <g key={`${role}-${p.index}`} />;
    // The target a ring, the prediction a dot inside it: both stay visible when they agree.
    return role === 'target' ? (
      <circle key={`${role}-${p.index}`} cx={p.cx} cy={p.cy} r={7} fill="none" stroke={color} strokeWidth={2.5} data-role={role} />
    ) : (
      <circle key={`${role}-${p.index}`} cx={p.cx} cy={p.cy} r={3.5} fill={color} data-role={role} />
    );
  };
}

function SamplePlot({ item, steps }: { item: Item; steps: number }) {
  const data = useMemo(() => {
    const rows: Record<string, number>[] = item.input.map((v, t) => ({ t: t + 1, input: v[0]! }));
    // The target and prediction lines start at the window's last step so that each reads as
    // "from here, it went there".
    const end = rows[rows.length - 1]!;
    end.target = end.input!;
    end.prediction = end.input!;
    item.target.forEach((v, k) => rows.push({ t: steps + 1 + k, target: v, prediction: item.prediction[k]! }));
    return rows;
  }, [item, steps]);
  const err = item.target.map((t, k) => Math.abs(t - item.prediction[k]!));
  return (
    <figure className="sequence-plot" data-sample={item.index} data-target={item.target[0]} data-prediction={item.prediction[0]}>
      <figcaption>
        <strong>#{item.index}</strong> <span className="muted">target</span> {item.target.map(num).join(', ')} · <span className="muted">predicted</span> {item.prediction.map(num).join(', ')} ·{' '}
        <span className="muted">error</span> {err.map(num).join(', ')}
      </figcaption>
      <div className="chart-box" data-chart="sequence-prediction">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 18, left: 0 }}>
            <CartesianGrid stroke="var(--border)" />
            <XAxis dataKey="t" type="number" domain={[1, steps + item.target.length]} allowDecimals={false} padding={{ left: 4, right: 12 }} stroke="var(--text-3)" label={{ value: 'time step', position: 'insideBottom', offset: -8, fill: 'var(--text-2)', fontSize: 12 }} />
            <YAxis tickFormatter={formatTick} stroke="var(--text-3)" domain={['auto', 'auto']} />
            <Tooltip contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8 }} formatter={(v: unknown) => (typeof v === 'number' ? num(v) : String(v))} />
            <Legend verticalAlign="top" align="right" wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
            <Line dataKey="input" name="input" stroke={COLORS.input} strokeWidth={1.8} dot={{ r: 2 }} isAnimationActive={false} />
            <Line dataKey="target" name="target" stroke={COLORS.target} strokeDasharray="4 3" strokeWidth={1.8} dot={afterWindow(steps, COLORS.target, 'target')} isAnimationActive={false} connectNulls />
            <Line dataKey="prediction" name="prediction" stroke={COLORS.prediction} strokeDasharray="4 3" strokeWidth={1.8} dot={afterWindow(steps, COLORS.prediction, 'prediction')} isAnimationActive={false} connectNulls />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
