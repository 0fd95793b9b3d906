// Adversarial examples (FGSM), as the lecture's panda → gibbon figure on the user's own run: a
// test image, the sign of the loss's gradient with respect to it, and the image plus ε times
// that sign, each with what the model predicts; an ε slider; and the test accuracy against ε,
// the current ε marked. The engine computes all of it (engine/views/fgsm.ts).
import { useEffect, useState } from 'react';
import type { LayerLabApi } from '../api/client.js';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { InspectReply } from '../../engine/views/inspect/schemas.js';
import { ImageCanvas } from './ImageCanvas.js';
import { imageDims } from './pixels.js';
import type { InspectTabProps } from './registry.js';
import { SamplePicker } from './SamplePicker.js';
import { inspect, useInspect } from './useInspect.js';

/** The curve's ε: the lecture's eight and a few between, so the slider's marker lands on the line. */
const CURVE_EPSILONS = [0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3];
const CURVE_LIMIT = 500;
/** Test images per question: a slider move waits for at most one piece (a convolutional run
 *  takes seconds for 500 images at twelve ε). */
const CURVE_PIECE = 100;
const PIXELS: [number, number] = [0, 255];
/** The sign drawn −1 black, 0 gray, +1 white. */
const SIGN: [number, number] = [-1, 1];
const SIZE = 140;

type Sample = Extract<InspectReply<'adversarial'>, { kind: 'sample' }>;
type Curve = Extract<InspectReply<'adversarial'>, { kind: 'curve' }>;

const pct = (p: number) => `${(p * 100).toFixed(1)} %`;

export function AdversarialView({ api, runId, about }: InspectTabProps) {
  const [sample, setSample] = useState(0);
  const [epsilon, setEpsilon] = useState(0.1);
  const one = useInspect(api, runId, 'adversarial', { sample, epsilon });
  const curve = useCurve(api, runId, Math.min(CURVE_LIMIT, about.testCount));
  const s = one.value?.kind === 'sample' ? one.value : null;
  const c = curve.value;
  const dims = imageDims(about.inputShape) ?? (s ? squareDims(s.clean.x.length) : null);
  return (
    <div className="adversarial" data-view="adversarial" data-epsilon={s?.epsilon} data-sample={s?.index}>
      <SamplePicker api={api} runId={runId} about={about} value={sample} onChange={setSample} />
      <div className="adv-controls">
        <label>
          ε{' '}
          <input type="range" min={0} max={0.3} step={0.01} value={epsilon} onChange={(e) => setEpsilon(Number(e.target.value))} data-control="epsilon" aria-label="epsilon" />
        </label>
        <output className="mono" data-role="epsilon-value">
          ε = {epsilon.toFixed(2)}
        </output>
        {s?.epsilonRaw !== undefined && (
          <span className="muted">
            every pixel moves by {Number(s.epsilonRaw.toPrecision(3))} of 255, towards a larger loss
          </span>
        )}
        {one.loading && <span className="muted">computing…</span>}
      </div>
      {one.error && <div className="diag error">{one.error}</div>}
      {s && dims && <Figure s={s} dims={dims} />}
      {s && !dims && <p className="muted">The input ({about.inputShape.join('×')}) is not an image that can be drawn.</p>}
      {s && <Probabilities s={s} />}
      <CurveChart curve={c} epsilon={epsilon} error={curve.error} loading={curve.loading} />
    </div>
  );
}

interface CurveState {
  value: Curve | null;
  error: string | null;
  loading: boolean;
}

/** The accuracy against ε over the first `total` test images, asked piece by piece and summed
 *  as the pieces come (the curve is drawn from the first piece on). */
function useCurve(api: LayerLabApi, runId: string, total: number): CurveState {
  const [state, setState] = useState<CurveState>({ value: null, error: null, loading: true });
  useEffect(() => {
    let gone = false;
    const correct = new Array<number>(CURVE_EPSILONS.length).fill(0);
    (async () => {
      let samples = 0;
      while (samples < total && !gone) {
        const r = await inspect(api, runId, 'adversarial', { curve: true, epsilons: CURVE_EPSILONS, offset: samples, limit: Math.min(CURVE_PIECE, total - samples) });
        if (gone || r.kind !== 'curve') return;
        if (r.samples === 0) break;
        r.points.forEach((p, i) => (correct[i]! += p.correct));
        samples += r.samples;
        const points = CURVE_EPSILONS.map((epsilon, i) => ({ epsilon, correct: correct[i]!, accuracy: correct[i]! / samples }));
        setState({ value: { kind: 'curve', offset: 0, samples, points }, error: null, loading: samples < total });
      }
      if (!gone) setState((st) => ({ ...st, loading: false }));
    })().catch((e: Error) => {
      if (!gone) setState((st) => ({ ...st, error: e.message, loading: false }));
    });
    return () => {
      gone = true;
    };
  }, [api, runId, total]);
  return state;
}

/** A flat square image (e.g. MNIST as 784 values) drawn as one. */
function squareDims(n: number): { h: number; w: number; c: number } | null {
  const side = Math.round(Math.sqrt(n));
  return side > 1 && side * side === n ? { h: side, w: side, c: 1 } : null;
}

function Figure({ s, dims }: { s: Sample; dims: { h: number; w: number; c: number } }) {
  const name = (i: number) => s.classNames[i] ?? String(i);
  const fooled = s.adversarial.predicted !== s.clean.predicted;
  return (
    <div className="adv-figure">
      <figure data-image="clean">
        <ImageCanvas values={s.clean.x} h={dims.h} w={dims.w} c={dims.c} size={SIZE} range={PIXELS} label="the test image x" />
        <figcaption>
          <span className="adv-formula">x</span>
          <Prediction name={name(s.clean.predicted)} confidence={s.clean.confidence} which="clean" right={s.clean.predicted === s.label} />
          <span className="muted">true class {name(s.label)}</span>
        </figcaption>
      </figure>
      <span className="adv-op" aria-hidden>
        + {s.epsilon.toFixed(2)} ×
      </span>
      <figure data-image="perturbation">
        <ImageCanvas values={s.sign} h={dims.h} w={dims.w} c={dims.c} size={SIZE} range={SIGN} label="the perturbation sign(∇ₓJ(θ, x, y))" />
        <figcaption>
          <span className="adv-formula">sign(∇ₓJ(θ, x, y))</span>
          <span className="muted">black −1 · gray 0 · white +1</span>
        </figcaption>
      </figure>
      <span className="adv-op" aria-hidden>
        =
      </span>
      <figure data-image="adversarial" className={fooled ? 'fooled' : undefined}>
        <ImageCanvas values={s.adversarial.x} h={dims.h} w={dims.w} c={dims.c} size={SIZE} range={PIXELS} label="the adversarial image x + ε·sign(∇ₓJ)" />
        <figcaption>
          <span className="adv-formula">x + ε·sign(∇ₓJ)</span>
          <Prediction name={name(s.adversarial.predicted)} confidence={s.adversarial.confidence} which="adversarial" right={s.adversarial.predicted === s.label} />
          <span className="muted">{fooled ? 'the prediction changed' : s.epsilon === 0 ? 'ε = 0: the image itself' : 'still the same class'}</span>
        </figcaption>
      </figure>
    </div>
  );
}

function Prediction({ name, confidence, which, right }: { name: string; confidence: number; which: 'clean' | 'adversarial'; right: boolean }) {
  return (
    <span className={`adv-prediction${right ? '' : ' wrong'}`} data-prediction={which} data-class={name} data-confidence={confidence.toFixed(6)}>
      “{name}” <span className="mono">{pct(confidence)}</span>
    </span>
  );
}

/** Every class's probability for the clean and the adversarial image, side by side. */
function Probabilities({ s }: { s: Sample }) {
  return (
    <div className="adv-probs" aria-label="class probabilities, clean and adversarial">
      <div className="adv-probs-head muted">
        <span>class</span>
        <span>clean x</span>
        <span>adversarial</span>
      </div>
      {s.classNames.map((n, i) => (
        <div key={i} className="adv-prob-row" data-class={n}>
          <span className={i === s.label ? 'adv-true' : undefined}>{n}</span>
          <Bar p={s.clean.probabilities[i] ?? 0} top={i === s.clean.predicted} />
          <Bar p={s.adversarial.probabilities[i] ?? 0} top={i === s.adversarial.predicted} />
        </div>
      ))}
    </div>
  );
}

function Bar({ p, top }: { p: number; top: boolean }) {
  return (
    <span className={`adv-bar${top ? ' top' : ''}`} title={pct(p)}>
      <span className="prob-bar">
        <span style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
      </span>
      <span className="mono">{pct(p)}</span>
    </span>
  );
}

function CurveChart({ curve, epsilon, error, loading }: { curve: Curve | null; epsilon: number; error: string | null; loading: boolean }) {
  return (
    <div className="adv-curve">
      <div className="adv-curve-title">
        Test accuracy against ε
        {curve ? (
          <span className="muted">
            {' '}
            (the first {curve.samples} test images, each attacked with its own gradient{loading ? '; more coming…' : ''})
          </span>
        ) : null}
      </div>
      {error && <div className="diag error">{error}</div>}
      {!curve && !error && <p className="muted">{loading ? 'attacking the test images…' : ''}</p>}
      {curve && (
        <div className="chart-box adv-chart" data-chart="adversarial-accuracy" data-points={curve.points.length} data-samples={curve.samples} data-complete={!loading} data-marked={epsilon}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={curve.points} margin={{ top: 22, right: 16, bottom: 14, left: 0 }}>
              <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
              <XAxis
                type="number"
                dataKey="epsilon"
                domain={[0, 0.3]}
                ticks={[0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]}
                tick={{ fontSize: 11, fill: 'var(--text-3)' }}
                stroke="var(--border-strong)"
                label={{ value: 'ε', position: 'insideBottomRight', offset: -4, fontSize: 12, fill: 'var(--text-3)' }}
              />
              <YAxis type="number" domain={[0, 1]} width={44} tick={{ fontSize: 11, fill: 'var(--text-3)' }} stroke="var(--border-strong)" tickFormatter={(v: number) => `${Math.round(v * 100)} %`} />
              <Tooltip
                contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8, fontSize: 12 }}
                labelFormatter={(v) => `ε = ${Number(v).toFixed(3)}`}
                formatter={(v) => [typeof v === 'number' ? pct(v) : String(v), 'accuracy']}
              />
              <ReferenceLine x={epsilon} stroke="#f59e0b" strokeWidth={2} label={{ value: `ε = ${epsilon.toFixed(2)}`, position: 'top', fontSize: 11, fill: '#f59e0b' }} />
              <Line dataKey="accuracy" stroke="var(--accent)" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </div>
  );
}
