// Drawing a 1-feature regression: the data and the fitted curve; and the cost surface
// J(θ₀, θ₁) as filled contour bands with their lines, the path gradient descent took, and
// the minimum. Pure canvas code over the wire form (engine/views/wire.ts).
import type { CostWire, CurveWire } from '../../engine/views/wire.js';
import { CLASS_A, CLASS_B, css, drawAxes, type PlotBox } from './planeDraw.js';

function extent(vals: Iterable<number>): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const v of vals) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return [0, 1];
  if (hi - lo < 1e-9) return [lo - 1, hi + 1];
  const m = (hi - lo) * 0.06;
  return [lo - m, hi + m];
}

export function drawCurve(canvas: HTMLCanvasElement, c: CurveWire, ink: string): void {
  const ctx = canvas.getContext('2d')!;
  const W = canvas.width, H = canvas.height;
  ctx.clearRect(0, 0, W, H);
  const box: PlotBox = { x: 44, y: 6, w: W - 52, h: H - 28 };
  const xr: [number, number] = [c.xs[0] ?? 0, c.xs.at(-1) ?? 1];
  // The y range holds the data and the curve, unless a diverging curve would squash the data.
  const dataY = extent([...c.train.y, ...c.test.y]);
  const curveY = extent(c.ys);
  const span = dataY[1] - dataY[0];
  const yr: [number, number] = [Math.max(Math.min(dataY[0], curveY[0]), dataY[0] - span), Math.min(Math.max(dataY[1], curveY[1]), dataY[1] + span)];
  const px = (x: number) => box.x + ((x - xr[0]) / (xr[1] - xr[0] || 1)) * box.w;
  const py = (y: number) => box.y + ((yr[1] - y) / (yr[1] - yr[0] || 1)) * box.h;
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.w, box.h);
  ctx.clip();
  for (const [which, pts] of [['train', c.train], ['test', c.test]] as const) {
    ctx.fillStyle = css(which === 'train' ? CLASS_A : CLASS_B, 0.75);
    for (let i = 0; i < pts.x.length; i++) {
      ctx.beginPath();
      ctx.arc(px(pts.x[i]!), py(pts.y[i]!), 3, 0, Math.PI * 2);
      ctx.fill();
    }
  }
  ctx.strokeStyle = '#d62728';
  ctx.lineWidth = 2.5;
  ctx.beginPath();
  c.xs.forEach((x, i) => (i === 0 ? ctx.moveTo(px(x), py(c.ys[i]!)) : ctx.lineTo(px(x), py(c.ys[i]!))));
  ctx.stroke();
  ctx.restore();
  drawAxes(ctx, box, xr, yr, c.axes, ink);
}

/** Filled bands of log J (lighter towards the minimum) with a line where the band changes,
 *  the descent path and the lowest point. */
/** The cost surface's shade at t = 0 (lowest J, pale) … 1 (highest J, deep blue). */
export function costShade(t: number): [number, number, number] {
  return [250 - t * (250 - CLASS_A[0]), 250 - t * (250 - CLASS_A[1]), 250 - t * (250 - CLASS_A[2])];
}

/** The legend's gradient for the cost surface (its bands are spaced evenly in log J). */
export const COST_GRADIENT = `linear-gradient(to right, ${css(costShade(0))}, ${css(costShade(1))})`;

export function drawCost(canvas: HTMLCanvasElement, s: CostWire, ink: string): void {
  const ctx = canvas.getContext('2d')!;
  const W = canvas.width, H = canvas.height;
  ctx.clearRect(0, 0, W, H);
  const box: PlotBox = { x: 44, y: 6, w: W - 52, h: H - 28 };
  const n = s.res;
  let lo = Infinity, hi = -Infinity;
  for (const j of s.J) {
    const l = Math.log(Math.max(j, 1e-12));
    if (l < lo) lo = l;
    if (l > hi) hi = l;
  }
  const levels = 12;
  const bw = Math.max(2, Math.floor(box.w)), bh = Math.max(2, Math.floor(box.h));
  const level = new Int16Array(bw * bh);
  // J at a pixel, interpolated between the grid's points (row 0 at the top, largest θ₁).
  const at = (u: number, v: number) => {
    const gx = u * (n - 1), gy = v * (n - 1);
    const c0 = Math.min(n - 2, Math.floor(gx)), r0 = Math.min(n - 2, Math.floor(gy));
    const fx = gx - c0, fy = gy - r0;
    const J = s.J;
    const a = J[r0 * n + c0]!, b = J[r0 * n + c0 + 1]!, c = J[(r0 + 1) * n + c0]!, d = J[(r0 + 1) * n + c0 + 1]!;
    return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
  };
  for (let y = 0; y < bh; y++)
    for (let x = 0; x < bw; x++) {
      const l = Math.log(Math.max(at(x / (bw - 1), y / (bh - 1)), 1e-12));
      level[y * bw + x] = Math.min(levels - 1, Math.floor(((l - lo) / (hi - lo || 1)) * levels));
    }
  const img = ctx.createImageData(bw, bh);
  for (let i = 0; i < bw * bh; i++) {
    const k = level[i]!;
    const x = i % bw;
    const edge = (x + 1 < bw && level[i + 1] !== k) || (i + bw < bw * bh && level[i + bw] !== k);
    const rgb = costShade(k / (levels - 1));
    const f = edge ? 0.55 : 1;
    img.data[i * 4] = rgb[0]! * f;
    img.data[i * 4 + 1] = rgb[1]! * f;
    img.data[i * 4 + 2] = rgb[2]! * f;
    img.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(img, box.x, box.y);
  const px = (t0: number) => box.x + ((t0 - s.theta0[0]) / (s.theta0[1] - s.theta0[0])) * box.w;
  const py = (t1: number) => box.y + ((s.theta1[1] - t1) / (s.theta1[1] - s.theta1[0])) * box.h;
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.w, box.h);
  ctx.clip();
  // The path: a line through every recorded step, dots at its start and end.
  if (s.path.length) {
    ctx.strokeStyle = css(CLASS_B);
    ctx.lineWidth = 2;
    ctx.beginPath();
    s.path.forEach(([a, b], i) => (i === 0 ? ctx.moveTo(px(a), py(b)) : ctx.lineTo(px(a), py(b))));
    ctx.stroke();
    for (const [p, r] of [[s.path[0]!, 4], [s.path.at(-1)!, 5]] as const) {
      ctx.fillStyle = css(CLASS_B);
      ctx.beginPath();
      ctx.arc(px(p[0]), py(p[1]), r, 0, Math.PI * 2);
      ctx.fill();
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 1.5;
      ctx.stroke();
    }
  }
  // The minimum: a cross, drawn last so the path's end dot (often right on it) does not hide it;
  // a white halo keeps it readable over the dot.
  const [bx, by] = [px(s.best[0]), py(s.best[1])];
  const cross = () => {
    ctx.beginPath();
    ctx.moveTo(bx - 6, by - 6);
    ctx.lineTo(bx + 6, by + 6);
    ctx.moveTo(bx + 6, by - 6);
    ctx.lineTo(bx - 6, by + 6);
    ctx.stroke();
  };
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 4.5;
  cross();
  ctx.strokeStyle = '#111';
  ctx.lineWidth = 2;
  cross();
  ctx.restore();
  drawAxes(ctx, box, s.theta0, s.theta1, ['θ₀ (bias)', 'θ₁ (weight)'], ink);
}
