// Turns a loaded dataset into the data panel's preview as it crosses to the renderer: images
// as 0–255 pixels ready for a <canvas>, table rows with column names, class counts over every
// split. Runs in the helper worker; pure apart from the dataset it is given.
import path from 'node:path';
import { classCounts, previewDataset } from '../engine/data/index.js';
import type { Dataset } from '../engine/data/types.js';
import type { DatasetRef } from '../engine/project/types.js';
import type { DatasetPreviewWire } from './schemas.js';

/** Table rows show at most this many features; wider rows are cut (the panel says so by the column count). */
const MAX_COLUMNS = 32;

/** Height, width and channels of an image-like example shape, or null. */
function imageGeometry(shape: number[]): { height: number; width: number; channels: 1 | 3 } | null {
  const [a, b, c] = shape;
  if (shape.length === 3 && (c === 1 || c === 3)) return { height: a!, width: b!, channels: c };
  if (shape.length === 2) return { height: a!, width: b!, channels: 1 };
  if (shape.length === 1 && a === 784) return { height: 28, width: 28, channels: 1 };
  return null;
}

/** Stretches one example's values to 0–255 (pixels/255, standardised or raw alike). */
function toBytes(x: number[]): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  // Already in [0, 1] (pixels / 255): keep the absolute scale so a faint digit stays faint.
  if (lo >= 0 && hi <= 1) [lo, hi] = [0, 1];
  const span = hi - lo || 1;
  return x.map((v) => Math.round(((v - lo) / span) * 255));
}

function allClassCounts(ds: Dataset, k: number): number[] {
  const total = new Array<number>(k).fill(0);
  for (const s of [ds.train, ds.test, ds.validation]) {
    if (!s) continue;
    classCounts(s.y, k).forEach((n, i) => (total[i]! += n));
  }
  return total;
}

function fmt(v: number): number {
  return Number.isInteger(v) ? v : Number(v.toPrecision(4));
}

export function previewWire(ds: Dataset, ref: DatasetRef, samples = 24): DatasetPreviewWire {
  const p = previewDataset(ds, { samples });
  const geo = p.view === 'images' ? imageGeometry(p.inputShape) : null;
  const view = p.view === 'images' && !geo ? 'table' : p.view;
  const labelOf = (s: (typeof p.samples)[number]) => s.label ?? s.y.map(fmt).join(', ');
  const out: DatasetPreviewWire = {
    id: p.id,
    // A file's dataset is named by the file, never by the host's full path.
    name: ref.file ? path.basename(ref.file) : p.name,
    description: p.description,
    source: ref.file ? `file ${path.basename(ref.file)}` : p.source,
    task: p.task,
    view,
    inputShape: p.inputShape,
    targetShape: p.targetShape,
    counts: p.counts,
    ...(p.columns ? { columns: p.columns } : {}),
    ...(p.warnings ? { warnings: p.warnings } : {}),
  };
  if (p.classNames) {
    out.classNames = p.classNames;
    out.classCounts = allClassCounts(ds, p.classNames.length);
  }
  if (geo) {
    out.images = p.samples.map((s) => ({ ...geo, pixels: toBytes(s.x), label: labelOf(s) }));
  } else {
    const width = Math.min(p.samples[0]?.x.length ?? 0, MAX_COLUMNS);
    const names = p.featureNames ?? [];
    out.table = {
      columns: Array.from({ length: width }, (_, i) => names[i] ?? `x${i + 1}`),
      rows: p.samples.map((s) => s.x.slice(0, width).map(fmt)),
      labels: p.samples.map(labelOf),
    };
  }
  if (p.points) out.points = p.points.map(([a, b, c]) => [fmt(a), fmt(b), fmt(c)]);
  else if (p.task === 'regression' && p.inputShape.join() === '1' && p.targetShape.join() === '1') {
    // One feature, one target (the noisy line, the polynomial): x against y is the picture.
    const m = Math.min(2000, ds.train.count);
    out.points = Array.from({ length: m }, (_, i) => [fmt(ds.train.x[i]!), fmt(ds.train.y[i]!), fmt(ds.train.y[i]!)]);
  }
  return out;
}
