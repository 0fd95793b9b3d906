// Sequence sets: the first few input windows as lines over their time steps, each ending
// where the network must predict the next value (the target, drawn as a dot).
import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatTick } from '../charts/format.js';
import { classColor } from './colors.js';

const SHOWN = 4;

export function SequencePlot({ rows, targets }: { rows: number[][]; targets: string[] }) {
  const { data, n } = useMemo(() => {
    const n = Math.min(SHOWN, rows.length);
    const steps = Math.max(0, ...rows.slice(0, n).map((r) => r.length));
    const data: Record<string, number>[] = [];
    for (let t = 0; t <= steps; t++) {
      const point: Record<string, number> = { t: t + 1 };
      for (let k = 0; k < n; k++) {
        const v = t < steps ? rows[k]![t] : Number(targets[k]);
        if (v !== undefined && Number.isFinite(v)) point[`s${k}`] = v;
      }
      data.push(point);
    }
    return { data, n };
  }, [rows, targets]);
  return (
    <div className="chart-box" data-chart="sequence" data-series={n}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="var(--border)" />
          <XAxis dataKey="t" stroke="var(--text-3)" />
          <YAxis tickFormatter={formatTick} stroke="var(--text-3)" domain={['auto', 'auto']} />
          <Tooltip contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8 }} />
          {Array.from({ length: n }, (_, k) => (
            <Line key={k} dataKey={`s${k}`} name={`example ${k + 1}`} stroke={classColor(k)} dot={false} strokeWidth={1.8} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
