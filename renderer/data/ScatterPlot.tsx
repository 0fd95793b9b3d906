// 2-D sets as a scatter plot, one colour per class (or one colour for a regression target).
import { useMemo } from 'react';
import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { formatTick } from '../charts/format.js';
import { classColor } from './colors.js';

export function ScatterPlot({ points, classNames, axes }: { points: [number, number, number][]; classNames?: string[]; axes: [string, string] }) {
  const series = useMemo(() => {
    if (!classNames) return [{ name: 'examples', color: classColor(0), data: points.map(([x, y]) => ({ x, y })) }];
    return classNames.map((name, k) => ({ name, color: classColor(k), data: points.filter((p) => p[2] === k).map(([x, y]) => ({ x, y })) }));
  }, [points, classNames]);
  return (
    <div className="chart-box scatter-box" data-chart="scatter" data-points={points.length}>
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="var(--border)" />
          <XAxis type="number" dataKey="x" name={axes[0]} tickFormatter={formatTick} stroke="var(--text-3)" domain={['auto', 'auto']} />
          <YAxis type="number" dataKey="y" name={axes[1]} tickFormatter={formatTick} stroke="var(--text-3)" domain={['auto', 'auto']} />
          <ZAxis range={[16, 16]} />
          <Tooltip cursor={{ strokeDasharray: '3 3' }} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8 }} />
          <Legend />
          {series.map((s) => (
            <Scatter key={s.name} name={s.name} data={s.data} fill={s.color} fillOpacity={0.75} isAnimationActive={false} />
          ))}
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
