// What the model has learned, drawn as it trains: the decision boundary over the input plane
// of a 2-feature dataset, or the fitted curve and the cost surface J(θ₀, θ₁) of a 1-feature
// regression. Each redraws when a new snapshot comes (the live job's training.view, or a
// finished run's inspect view).
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PlaneSnapshot } from '../../engine/views/boundary.js';
import { planeFromWire, type CurveWire, type ViewWire } from '../../engine/views/wire.js';
import { COST_GRADIENT, drawCost, drawCurve } from './curveDraw.js';
import { classColor, css, drawBoundary, inkColor, UNIT_GRADIENT } from './planeDraw.js';
import './views.css';

const W = 380;
const H = 330;

/** The boundary canvas with its legend and the points toggle. */
export function BoundaryView({ snapshot, caption }: { snapshot: PlaneSnapshot; caption?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [points, setPoints] = useState(true);
  useEffect(() => {
    const c = ref.current;
    if (c) drawBoundary(c, snapshot, { points, ink: inkColor(c) });
  }, [snapshot, points]);
  const n = snapshot.task === 'classification' ? Math.max(2, snapshot.classes.length) : 0;
  return (
    <figure className="view-figure">
      <canvas
        ref={ref}
        width={W}
        height={H}
        data-view="decision-boundary"
        data-points={points ? 'shown' : 'hidden'}
        role="img"
        aria-label={`${snapshot.task === 'classification' ? 'Decision boundary' : 'Predicted value'} over ${snapshot.axes[0]} and ${snapshot.axes[1]}`}
      />
      <figcaption>
        <div className="view-legend">
          {snapshot.task === 'classification' ? (
            snapshot.classes.slice(0, 12).map((name, i) => (
              <span key={i} className="legend-item">
                <span className="swatch" style={{ background: css(classColor(i, n)) }} />
                {name}
              </span>
            ))
          ) : (
            <span className="muted">
              predicted value from {snapshot.output.lo.toPrecision(3)} (blue) to {snapshot.output.hi.toPrecision(3)} (orange)
            </span>
          )}
          <label className="check" style={{ marginLeft: 'auto' }}>
            <input type="checkbox" checked={points} onChange={(e) => setPoints(e.target.checked)} /> Points
          </label>
        </div>
        <span className="muted">
          {snapshot.task === 'classification' ? 'The colour is the predicted class, paler where the model is less sure. ' : ''}
          Filled dots: training examples; rings: test examples.{caption ? ` ${caption}` : ''}
        </span>
        {snapshot.hidden.length > 0 && (
          <span className="muted" data-legend="unit-maps">
            Unit maps (under the hidden layers in the editor): −1
            <span className="unit-scale" style={{ background: UNIT_GRADIENT }} />
            +1, white 0; each layer's maps scaled to its largest value.
          </span>
        )}
      </figcaption>
    </figure>
  );
}

export function CurveViews({ curve, caption }: { curve: CurveWire; caption?: string }) {
  const a = useRef<HTMLCanvasElement>(null);
  const b = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (a.current) drawCurve(a.current, curve, inkColor(a.current));
    if (b.current && curve.cost) drawCost(b.current, curve.cost, inkColor(b.current));
  }, [curve]);
  const last = curve.cost?.path.at(-1);
  const jRange = useMemo(() => {
    const J = curve.cost?.J;
    if (!J?.length) return null;
    let lo = Infinity, hi = -Infinity;
    for (const j of J) {
      if (j < lo) lo = j;
      if (j > hi) hi = j;
    }
    return [lo, hi] as const;
  }, [curve.cost]);
  return (
    <div className="view-row">
      <figure className="view-figure">
        <canvas ref={a} width={W} height={H} data-view="regression" role="img" aria-label={`The data and the fitted curve of ${curve.axes[1]} against ${curve.axes[0]}`} />
        <figcaption className="muted">Blue: training data; orange: test data; red: the model's prediction.{caption ? ` ${caption}` : ''}</figcaption>
      </figure>
      {curve.cost && (
        <figure className="view-figure">
          <canvas ref={b} width={W} height={H} data-view="cost-surface" role="img" aria-label="The cost surface J(θ₀, θ₁) with the path of gradient descent" />
          <figcaption className="muted">
            {jRange && (
              <span className="cost-scale" data-legend="cost">
                low J {jRange[0].toPrecision(3)}
                <span className="unit-scale" style={{ background: COST_GRADIENT }} />
                {jRange[1].toPrecision(3)} high J (bands evenly spaced in log J)
              </span>
            )}
            Contours of the cost J(θ₀, θ₁) ({curve.cost.loss} on the training data); the orange line is the path gradient descent took, × the lowest cost.
            {last ? ` Now θ₀ = ${last[0].toPrecision(3)}, θ₁ = ${last[1].toPrecision(3)}, J = ${last[2].toPrecision(3)}.` : ''}
          </figcaption>
        </figure>
      )}
      {!curve.cost && <p className="muted view-note">The cost surface is drawn for a model of exactly two parameters (Input(1) → Dense(1)).</p>}
    </div>
  );
}

/** The dashboard's card for the live job (or a run just ended): the snapshot's views. */
export function LiveViewsCard({ view, where, step, title = 'What the model learned' }: { view: ViewWire; where: string; step?: number; title?: string }) {
  const plane = useMemo(() => (view.kind === 'plane' ? planeFromWire(view) : null), [view]);
  return (
    <div className="dash-card live-views" data-view="live-views" data-view-step={step}>
      <h3>
        {title} <span className="muted" style={{ fontWeight: 400 }}>{where}</span>
      </h3>
      {plane ? <BoundaryView snapshot={plane} /> : view.kind === 'curve' ? <CurveViews curve={view} /> : null}
    </div>
  );
}
