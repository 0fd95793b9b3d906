// A live chart of one metric (loss or accuracy): training against validation, per batch
// (smoothed, the raw series faint behind it) or per epoch, on a linear or log scale. Series
// are cut down to the chart's pixel width first, so 100,000 batches draw as fast as 100.
import { useEffect, useMemo, useRef, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { lttb, minMaxDownsample, type Point } from '../charts/downsample.js';
import { waitingText, type RunView } from '../charts/run.js';
import { formatTick } from '../charts/format.js';
import { smooth } from '../charts/smoothing.js';

export type ChartMode = 'batch' | 'epoch';

export interface MetricChartProps {
  run: RunView;
  version: number;
  metric: 'loss' | 'accuracy';
  mode: ChartMode;
  smoothing: number;
  log: boolean;
}

const COLORS = { train: 'var(--accent)', raw: 'var(--accent)', val: '#f59e0b' };

/** The run's key for a metric: tfjs may log accuracy as `acc`. */
function keyOf(values: Record<string, unknown>, metric: string): string {
  if (metric === 'accuracy' && !(metric in values) && 'acc' in values) return 'acc';
  return metric;
}

function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => entry && setWidth(Math.max(100, Math.round(entry.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width] as const;
}

export function MetricChart({ run, version, metric, mode, smoothing, log }: MetricChartProps) {
  const [ref, width] = useWidth();
  const series = useMemo(() => {
    const positive = (p: Point) => !log || p.y > 0;
    const epochKey = run.epochRows[0] ? keyOf(run.epochRows[0].metrics, metric) : metric;
    const val = run.epochRows
      .filter((r) => Number.isFinite(r.metrics[`val_${epochKey}`]))
      .map((r) => ({ x: mode === 'epoch' ? r.epoch : r.epoch * run.batchesPerEpoch, y: r.metrics[`val_${epochKey}`]! }))
      .filter(positive);
    if (mode === 'epoch') {
      const train = run.epochRows.filter((r) => Number.isFinite(r.metrics[epochKey])).map((r) => ({ x: r.epoch, y: r.metrics[epochKey]! })).filter(positive);
      return { train, raw: [] as Point[], val };
    }
    const ys = run.batches.values[keyOf(run.batches.values, metric)] ?? [];
    const xs = run.batches.step;
    const buckets = Math.max(50, Math.floor(width / 2));
    const raw = smoothing > 0 ? minMaxDownsample(xs, ys, buckets).filter(positive) : [];
    // The raw series keeps its spikes (min/max per bucket); the smoothed one keeps its shape (LTTB).
    const sm = smooth(ys, smoothing);
    const pts: Point[] = [];
    for (let i = 0; i < xs.length; i++) if (Number.isFinite(sm[i]!)) pts.push({ x: xs[i]!, y: sm[i]! });
    const train = lttb(pts, buckets * 2).filter(positive);
    return { train, raw, val };
    // version: the run is mutated in place
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run, version, metric, mode, smoothing, log, width]);

  const empty = series.train.length === 0 && series.val.length === 0;
  // data-points counts what the run has produced (it only grows); data-drawn what is drawn.
  const produced = mode === 'epoch' ? run.epochRows.length : run.batches.step.length;
  return (
    <div className="chart-box" ref={ref} data-chart={metric} data-points={produced} data-drawn={series.train.length} data-last-step={mode === 'batch' ? series.train.at(-1)?.x : undefined}>
      {empty ? (
        <div className="muted" style={{ display: 'grid', placeItems: 'center', height: '100%' }}>
          {(metric === 'loss' ? waitingText(run) : null) ?? (run.state === 'running' ? 'Waiting for the first batch…' : `The ${metric} curve appears here while training.`)}
        </div>
      ) : (
        <ResponsiveContainer width="100%" height="100%">
          <LineChart margin={{ top: 6, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="x"
              domain={['dataMin', 'dataMax']}
              allowDuplicatedCategory={false}
              tick={{ fontSize: 11, fill: 'var(--text-3)' }}
              stroke="var(--border-strong)"
              label={{ value: mode === 'epoch' ? 'epoch' : 'batch', position: 'insideBottomRight', offset: -2, fontSize: 11, fill: 'var(--text-3)' }}
            />
            <YAxis
              type="number"
              scale={log ? 'log' : 'linear'}
              domain={log ? ['auto', 'auto'] : metric === 'accuracy' ? [0, 1] : [0, 'auto']}
              allowDataOverflow={log}
              width={48}
              tick={{ fontSize: 11, fill: 'var(--text-3)' }}
              stroke="var(--border-strong)"
              tickFormatter={formatTick}
            />
            <Tooltip
              contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8, fontSize: 12 }}
              formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.raw.length > 0 && (
              <Line data={series.raw} dataKey="y" name="training (raw)" stroke={COLORS.raw} strokeOpacity={0.2} dot={false} isAnimationActive={false} legendType="none" />
            )}
            <Line data={series.train} dataKey="y" name={mode === 'batch' ? 'training (smoothed)' : 'training'} stroke={COLORS.train} strokeWidth={2} dot={false} isAnimationActive={false} />
            {series.val.length > 0 && (
              <Line data={series.val} dataKey="y" name="validation" stroke={COLORS.val} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
            )}
          </LineChart>
        </ResponsiveContainer>
      )}
    </div>
  );
}
