// Drawing the input plane on a canvas: the decision boundary (the predicted class per cell,
// confidence as lightness), one hidden unit's map, the points on top. Pure canvas code, no
// React, so the dashboard's boundary and the editor's neuron maps share one palette.
import type { PlaneSnapshot } from '../../engine/views/boundary.js';
import { classesOf } from '../../engine/views/classes.js';
import { classRgb } from '../data/colors.js';

type RGB = [number, number, number];

/** The classes' colours are the Data tab's (one palette, ../data/colors.ts); two classes make a
 *  diverging scale through white, class 0 on one side and class 1 on the other. */
export const CLASS_A: RGB = classRgb(0);
export const CLASS_B: RGB = classRgb(1);
const WHITE: RGB = [250, 250, 250];

export function classColor(i: number, _n: number): RGB {
  return classRgb(i);
}

const mix = (a: RGB, b: RGB, t: number): RGB => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
export const css = (c: RGB, alpha = 1) => `rgba(${Math.round(c[0])},${Math.round(c[1])},${Math.round(c[2])},${alpha})`;

/** −1…1 → class 0's colour…white…class 1's. */
function diverging(t: number): RGB {
  const u = Math.max(-1, Math.min(1, t));
  return u < 0 ? mix(WHITE, CLASS_A, -u) : mix(WHITE, CLASS_B, u);
}

/** The colour of each cell of the snapshot's output, row 0 at the top, as RGBA bytes. */
export function boundaryPixels(s: PlaneSnapshot): Uint8ClampedArray {
  const cells = s.res * s.res;
  const px = new Uint8ClampedArray(cells * 4);
  const put = (c: number, rgb: RGB) => {
    px[c * 4] = rgb[0];
    px[c * 4 + 1] = rgb[1];
    px[c * 4 + 2] = rgb[2];
    px[c * 4 + 3] = 255;
  };
  if (s.task === 'regression') {
    const { lo, hi, values } = s.output;
    const mid = (lo + hi) / 2, half = Math.max((hi - lo) / 2, 1e-9);
    for (let c = 0; c < cells; c++) put(c, diverging(((values[c]! - mid) / half) * 0.85));
    return px;
  }
  const n = Math.max(2, s.output.units === 1 ? 2 : s.output.units);
  const { cls, conf } = classesOf(s);
  for (let c = 0; c < cells; c++) {
    if (n === 2) {
      // p(class 1) from 0 to 1 → class 0…white…class 1: the boundary is where it turns white.
      const p = cls[c] === 1 ? conf[c]! : 1 - conf[c]!;
      put(c, diverging((p - 0.5) * 2 * 0.85));
    } else {
      // One hue per class, paler where the model is less sure (conf from 1/n to 1).
      const sure = Math.max(0, Math.min(1, (conf[c]! - 1 / n) / (1 - 1 / n)));
      put(c, mix(WHITE, classColor(cls[c]!, n), 0.25 + 0.6 * sure));
    }
  }
  return px;
}

/** Unit activations have their own diverging scale, purple…white…green, so a map is never
 *  read as classes. */
export const UNIT_NEG: RGB = [118, 42, 131];
export const UNIT_POS: RGB = [27, 120, 55];
/** The scale as a CSS gradient, for the legend. */
export const UNIT_GRADIENT = `linear-gradient(to right, ${css(UNIT_NEG)}, ${css(WHITE)}, ${css(UNIT_POS)})`;
function unitDiverging(t: number): RGB {
  const u = Math.max(-1, Math.min(1, t));
  return u < 0 ? mix(WHITE, UNIT_NEG, -u) : mix(WHITE, UNIT_POS, u);
}

/** One unit's map (values lo…hi over the node): purple…white…green around 0 when the range
 *  spans it (tanh, linear), else white…green (ReLU, sigmoid). */
export function unitPixels(values: Float32Array, offset: number, res: number, lo: number, hi: number): Uint8ClampedArray {
  const cells = res * res;
  const px = new Uint8ClampedArray(cells * 4);
  const spans = lo < 0 && hi > 0;
  const m = Math.max(Math.abs(lo), Math.abs(hi), 1e-9);
  for (let c = 0; c < cells; c++) {
    const v = values[offset + c]!;
    const rgb = spans ? unitDiverging(v / m) : unitDiverging(hi > lo ? (v - lo) / (hi - lo) : 0);
    px[c * 4] = rgb[0];
    px[c * 4 + 1] = rgb[1];
    px[c * 4 + 2] = rgb[2];
    px[c * 4 + 3] = 255;
  }
  return px;
}

/** A res×res image scaled into (x, y, w, h) of ctx, smoothed. */
export function blit(ctx: CanvasRenderingContext2D, px: Uint8ClampedArray, res: number, x: number, y: number, w: number, h: number): void {
  const tmp = document.createElement('canvas');
  tmp.width = res;
  tmp.height = res;
  tmp.getContext('2d')!.putImageData(new ImageData(px as Uint8ClampedArray<ArrayBuffer>, res, res), 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(tmp, x, y, w, h);
}

/** Short tick text for an axis value. */
export function tick(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e4 || a < 1e-2)) return v.toExponential(1);
  return Number(v.toPrecision(3)).toString();
}

export interface PlotBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Axes around a plot box: the ends' values and each axis's name. */
export function drawAxes(ctx: CanvasRenderingContext2D, box: PlotBox, xr: [number, number], yr: [number, number], names: [string, string], ink: string): void {
  ctx.save();
  ctx.strokeStyle = ink;
  ctx.globalAlpha = 0.5;
  ctx.strokeRect(box.x + 0.5, box.y + 0.5, box.w - 1, box.h - 1);
  ctx.globalAlpha = 1;
  ctx.fillStyle = ink;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillText(tick(xr[0]), box.x, box.y + box.h + 3);
  ctx.textAlign = 'right';
  ctx.fillText(tick(xr[1]), box.x + box.w, box.y + box.h + 3);
  ctx.textAlign = 'center';
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.fillText(names[0], box.x + box.w / 2, box.y + box.h + 3);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  ctx.fillText(tick(yr[1]), box.x - 4, box.y + 12);
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(tick(yr[0]), box.x - 4, box.y + box.h);
  ctx.translate(box.x - 8, box.y + box.h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.fillText(names[1], 0, 0);
  ctx.restore();
}

/** The boundary with its points (train filled, test hollow) and axes, filling the canvas. */
export function drawBoundary(canvas: HTMLCanvasElement, s: PlaneSnapshot, opts: { points: boolean; ink: string }): PlotBox {
  const ctx = canvas.getContext('2d')!;
  const W = canvas.width, H = canvas.height;
  ctx.clearRect(0, 0, W, H);
  const box: PlotBox = { x: 44, y: 6, w: W - 52, h: H - 28 };
  blit(ctx, boundaryPixels(s), s.res, box.x, box.y, box.w, box.h);
  const { x0, x1, y0, y1 } = s.bounds;
  const px = (x: number) => box.x + ((x - x0) / (x1 - x0)) * box.w;
  const py = (y: number) => box.y + ((y1 - y) / (y1 - y0)) * box.h;
  if (opts.points) {
    const n = s.task === 'classification' ? Math.max(2, s.classes.length) : 0;
    const pointColor = (label: number): string => {
      if (s.task === 'regression') {
        const { lo, hi } = s.output;
        return css(diverging(hi > lo ? ((label - lo) / (hi - lo)) * 2 - 1 : 0));
      }
      return css(classColor(Math.round(label), n));
    };
    const r = Math.max(2.5, Math.min(5, box.w / 90));
    for (const [which, pts] of [['train', s.train], ['test', s.test]] as const) {
      for (let i = 0; i < pts.label.length; i++) {
        ctx.beginPath();
        ctx.arc(px(pts.xy[2 * i]!), py(pts.xy[2 * i + 1]!), r, 0, Math.PI * 2);
        ctx.lineWidth = which === 'train' ? 1 : 2;
        if (which === 'train') {
          ctx.fillStyle = pointColor(pts.label[i]!);
          ctx.fill();
          ctx.strokeStyle = '#fff';
          ctx.stroke();
        } else {
          ctx.strokeStyle = pointColor(pts.label[i]!);
          ctx.fillStyle = '#fff';
          ctx.fill();
          ctx.stroke();
        }
      }
    }
  }
  drawAxes(ctx, box, [x0, x1], [y0, y1], s.axes, opts.ink);
  return box;
}

/** The page's text colour (the axes follow the theme). */
export function inkColor(el: Element): string {
  return getComputedStyle(el).color || '#333';
}
