// The activations view as pictures (RGB rasters, for `layerlab activations` to write as PNG):
// a node's channel tiles in a grid, a vector as a strip of bars, the class probabilities as
// bars, the kernels as a grid. Pure: the command encodes them.
import type { ActivationNode } from './inspect/activations.schema.js';
import { CHAR_H, CHAR_W, drawText, textWidth } from './tinyFont.js';
import { base64ToBytes } from './wire.js';

export interface Raster {
  width: number;
  height: number;
  /** width·height·3 bytes, RGB, row-major. */
  data: Uint8Array;
}

/** Tiles are scaled up by a whole factor to about this many pixels on their longer side. */
export const TILE_PX = 64;
export const GAP_PX = 2;
/** Vectors: bars fill about this width; the strip is this high. */
export const STRIP_PX = 512;
export const STRIP_H = 64;
/** Probabilities: one bar of this width (with its margins) per class. */
export const CLASS_PX = 28;
export const CLASS_H = 100;

const GAP: [number, number, number] = [70, 80, 100];
const POS: [number, number, number] = [43, 108, 176];
const NEG: [number, number, number] = [221, 107, 32];

function blank(width: number, height: number, rgb: [number, number, number]): Raster {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  return { width, height, data };
}

/** Tiles of h×w (c = 1 gray or 3 colour bytes per pixel), ⌈√n⌉ columns, each scaled up. */
export function tileGrid(tiles: Uint8Array[], h: number, w: number, c: 1 | 3 = 1): Raster {
  const n = Math.max(1, tiles.length);
  const s = Math.max(1, Math.floor(TILE_PX / Math.max(h, w)));
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const th = h * s, tw = w * s;
  const r = blank(cols * tw + (cols - 1) * GAP_PX, rows * th + (rows - 1) * GAP_PX, GAP);
  tiles.forEach((t, k) => {
    const ox = (k % cols) * (tw + GAP_PX);
    const oy = Math.floor(k / cols) * (th + GAP_PX);
    for (let y = 0; y < th; y++)
      for (let x = 0; x < tw; x++) {
        const p = Math.floor(y / s) * w + Math.floor(x / s);
        const o = ((oy + y) * r.width + ox + x) * 3;
        for (let j = 0; j < 3; j++) r.data[o + j] = t[p * c + (c === 3 ? j : 0)]!;
      }
  });
  return r;
}

/** Bars from zero to each value over the range [min(lo, 0), max(hi, 0)]: blue up, orange down. */
export function barStrip(values: readonly number[], lo: number, hi: number, barW: number, height: number, margin = 0): Raster {
  const r = blank(Math.max(1, values.length * barW), height, [255, 255, 255]);
  const a = Math.min(lo, 0), b = Math.max(hi, 0);
  const span = b - a || 1;
  const rowOf = (v: number) => Math.round(((b - v) / span) * (height - 1));
  const zero = rowOf(0);
  values.forEach((v, i) => {
    const row = rowOf(Math.max(a, Math.min(b, v)));
    const [y0, y1] = row <= zero ? [row, zero] : [zero, row];
    const colour = v >= 0 ? POS : NEG;
    for (let y = y0; y <= y1; y++)
      for (let x = i * barW + margin; x < (i + 1) * barW - margin; x++) r.data.set(colour, (y * r.width + x) * 3);
  });
  return r;
}

/** A node's picture: its tiles, its values' strip, or its probabilities. */
export function nodeRaster(n: ActivationNode): Raster {
  if (n.show === 'image') return tileGrid(n.image.tiles.map(base64ToBytes), n.image.h, n.image.w);
  if (n.show === 'probabilities') return barStrip(n.values, 0, 1, CLASS_PX, CLASS_H, 2);
  return barStrip(n.values, n.lo, n.hi, Math.max(1, Math.floor(STRIP_PX / Math.max(1, n.values.length))), STRIP_H);
}

const INK: [number, number, number] = [30, 30, 30];
const PAD = 4;
/** Caption text is drawn at this scale (3×5 glyphs → 6×10 px). */
export const CAPTION_SCALE = 2;

export const num = (v: number) => (Number.isInteger(v) ? String(v) : Math.abs(v) >= 100 ? v.toFixed(0) : Number(v.toPrecision(3)).toString());

/** `r` with lines of text below it on white (the picture widened when a line is longer). */
export function withCaption(r: Raster, lines: string[], scale = CAPTION_SCALE): Raster {
  const lineH = CHAR_H * scale;
  const width = Math.max(r.width, ...lines.map((l) => textWidth(l, scale) + 2 * PAD));
  const out = blank(width, r.height + PAD + lines.length * lineH + PAD, [255, 255, 255]);
  for (let y = 0; y < r.height; y++) out.data.set(r.data.subarray(y * r.width * 3, (y + 1) * r.width * 3), y * width * 3);
  lines.forEach((l, k) => drawText(out.data, width, PAD, r.height + PAD + k * lineH, l, INK, scale));
  return out;
}

/** Class bars with each class's name under its bar and its probability above it. */
export function labelledBars(values: readonly number[], classes: readonly string[]): Raster {
  const bars = barStrip(values, 0, 1, CLASS_PX, CLASS_H, 2);
  const band = CHAR_H + 2;
  const out = blank(bars.width, band + bars.height + band, [255, 255, 255]);
  out.data.set(bars.data, band * bars.width * 3);
  const fit = Math.floor((CLASS_PX - 1) / CHAR_W); // names clear of the next bar
  values.forEach((v, i) => {
    const name = (classes[i] ?? String(i)).slice(0, fit);
    const pct = `${Math.round(v * 100)}%`;
    const centre = (t: string) => i * CLASS_PX + Math.max(0, Math.floor((CLASS_PX - textWidth(t)) / 2));
    drawText(out.data, out.width, centre(pct), 1, pct, INK);
    drawText(out.data, out.width, centre(name), band + bars.height + 2, name, INK);
  });
  return out;
}

/** A node's picture with its labels: the value scale of an image or a strip, the class names
 *  and probabilities of class bars, and how many were left out. */
export function labelledNodeRaster(n: ActivationNode): Raster {
  const more = n.leftOut ? [`+${n.leftOut} NOT SHOWN`] : [];
  if (n.show === 'probabilities') return labelledBars(n.values, n.classes);
  if (n.show === 'image') return withCaption(nodeRaster(n), [`BLACK ${num(n.image.lo)}`, `WHITE ${num(n.image.hi)}`, ...more]);
  return withCaption(nodeRaster(n), [`${n.values.length} VALUES`, `${num(n.lo)} TO ${num(n.hi)}`, 'BLUE ≥ 0, ORANGE < 0', ...more]);
}
