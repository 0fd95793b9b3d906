// The autoencoder's latent space: the bottleneck's code of each test sample as a point (the
// code itself when it is two numbers, else its first two principal components), coloured by
// the sample's class, and a row of originals above what the network rebuilt from their codes.
import { useMemo, useState } from 'react';
import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import type { InspectReply } from '../../engine/views/inspect/schemas.js';
import { formatTick } from '../charts/format.js';
import { classColor } from '../data/colors.js';
import { ImageCanvas } from './ImageCanvas.js';
import { imageDims } from './pixels.js';
import type { InspectTabProps } from './registry.js';
import { useInspect } from './useInspect.js';

type Reply = InspectReply<'latent'>;
type Axis = Reply['axes'][number];

const COUNTS = [200, 500, 1000, 2000];

const num = (v: number) => String(Number(v.toPrecision(3)));
const pct = (v: number) => `${(v * 100).toFixed(v < 0.1 ? 1 : 0)} %`;
export const axisTitle = (a: Axis) => (a.explained === undefined ? a.name : `${a.name} (${pct(a.explained)} of the variance)`);

export function LatentView({ api, runId, about }: InspectTabProps) {
  const [node, setNode] = useState<string | null>(null);
  const [count, setCount] = useState(1000);
  const { value, error, loading } = useInspect(api, runId, 'latent', { count, ...(node ? { node } : {}) });
  return (
    <div className="latent" data-view="latent-space" data-node={value?.node} data-projection={value?.projection} aria-busy={loading}>
      <div className="row latent-controls">
        <label>
          Code from{' '}
          <select value={node ?? ''} onChange={(e) => setNode(e.target.value || null)} aria-label="code from node">
            <option value="">the narrowest layer{value?.chosen === 'narrowest' ? ` (${value.node}, ${value.width})` : ''}</option>
            {value?.choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.id} · {c.kind} · {c.width} {c.width === 1 ? 'number' : 'numbers'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Test samples{' '}
          <select value={count} onChange={(e) => setCount(Number(e.target.value))} aria-label="how many test samples">
            {COUNTS.map((n) => (
              <option key={n} value={n}>
                {Math.min(n, about.testCount)}
              </option>
            ))}
          </select>
        </label>
        {loading && <span className="muted">computing the codes…</span>}
      </div>
      {error && <div className="diag error">{error}</div>}
      {value && <Explain r={value} />}
      {value && <LatentScatter r={value} />}
      {value && <p className="muted latent-note">Colours: {value.labelNote}.</p>}
      {value && <Reconstructions r={value} />}
    </div>
  );
}

function Explain({ r }: { r: Reply }) {
  const both = (r.axes[0].explained ?? 0) + (r.axes[1].explained ?? 0);
  return (
    <p className="latent-explain">
      Each point is one of {r.count} test samples, placed by the code that node <strong>{r.node}</strong> ({r.kind}, {r.width} {r.width === 1 ? 'number' : 'numbers'}) makes of it.{' '}
      {r.projection === 'pca'
        ? `The code has more than two numbers, so the plot shows the two directions along which the codes vary most (principal components): together they hold ${pct(both)} of the variance.`
        : r.width === 2
          ? 'The code is two numbers: the plot shows them as they are.'
          : 'The code is one number: the points lie on a line.'}{' '}
      The network was never told the classes; samples it codes alike land close together.
    </p>
  );
}

function LatentScatter({ r }: { r: Reply }) {
  const series = useMemo(() => {
    if (!r.labels || !r.classNames) return [{ name: 'test samples', color: classColor(0), data: r.points.map(([x, y], i) => ({ x, y, i })) }];
    return r.classNames
      .map((name, k) => ({ name, color: classColor(k), data: r.points.flatMap(([x, y], i) => (r.labels![i] === k ? [{ x, y, i }] : [])) }))
      .filter((s) => s.data.length > 0);
  }, [r]);
  return (
    <div className="chart-box latent-scatter" data-chart="latent" data-points={r.points.length} data-classes={series.length}>
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 8, right: 16, bottom: 24, left: 12 }}>
          <CartesianGrid stroke="var(--border)" />
          <XAxis type="number" dataKey="x" name={r.axes[0].name} tickFormatter={formatTick} stroke="var(--text-3)" domain={['auto', 'auto']} label={{ value: axisTitle(r.axes[0]), position: 'insideBottom', offset: -14, fill: 'var(--text-2)', fontSize: 12 }} />
          <YAxis type="number" dataKey="y" name={r.axes[1].name} tickFormatter={formatTick} stroke="var(--text-3)" domain={['auto', 'auto']} label={{ value: axisTitle(r.axes[1]), angle: -90, position: 'insideLeft', offset: 0, style: { textAnchor: 'middle' }, fill: 'var(--text-2)', fontSize: 12 }} />
          <ZAxis range={[14, 14]} />
          <Tooltip cursor={{ strokeDasharray: '3 3' }} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8 }} formatter={(v: unknown) => (typeof v === 'number' ? formatTick(v) : String(v))} />
          <Legend verticalAlign="top" align="right" wrapperStyle={{ fontSize: 12, paddingBottom: 4 }} />
          {series.map((s) => (
            <Scatter key={s.name} name={s.name} data={s.data} fill={s.color} fillOpacity={0.7} isAnimationActive={false} />
          ))}
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}

/** One scale for an original and its rebuild, so that faint means faint in both. */
function rangeOf(a: number[], b: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of [...a, ...b]) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo >= 0 && hi <= 255 && hi > 1) return [0, 255];
  return [lo, hi === lo ? lo + 1 : hi];
}

function Reconstructions({ r }: { r: Reply }) {
  const dims = imageDims(r.inputShape);
  if (r.reconstructions.length === 0) return null;
  const name = (label?: number) => (label === undefined ? '' : (r.classNames?.[label] ?? String(label)));
  if (!dims) {
    const shown = Math.min(8, r.reconstructions[0]!.original.length);
    return (
      <div className="latent-recon" data-role="reconstructions">
        <h4>Originals and their reconstructions (the first {shown} values)</h4>
        <table className="latent-rows">
          <tbody>
            {r.reconstructions.map((x) => (
              <tr key={x.index} data-sample={x.index}>
                <th className="muted">
                  #{x.index} {name(x.label)}
                </th>
                <td className="mono">
                  {x.original.slice(0, shown).map(num).join(', ')}
                  <br />
                  {x.reconstruction.slice(0, shown).map(num).join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <div className="latent-recon" data-role="reconstructions">
      <h4>Originals (top) and what the network rebuilt from their codes (bottom)</h4>
      <div className="latent-pairs">
        {r.reconstructions.map((x) => {
          const range = rangeOf(x.original, x.reconstruction);
          return (
            <figure key={x.index} className="latent-pair" data-sample={x.index} data-class={x.label}>
              <ImageCanvas values={x.original} h={dims.h} w={dims.w} c={dims.c} size={56} range={range} label={`original, test sample ${x.index}`} />
              <ImageCanvas values={x.reconstruction} h={dims.h} w={dims.w} c={dims.c} size={56} range={range} label={`reconstruction, test sample ${x.index}`} />
              <figcaption className="muted">{x.label === undefined ? `#${x.index}` : name(x.label)}</figcaption>
            </figure>
          );
        })}
      </div>
    </div>
  );
}
