// A small, JSON-friendly look at a loaded dataset for the data panel: sizes, class balance,
// a few samples (images, table rows or sequences) and, for 2-D sets, points to scatter.
import type { Dataset, Split } from './types.js';
import { classCounts } from './preprocess.js';
import { prod } from './split.js';

export interface DatasetPreview {
  id: string;
  name: string;
  description: string;
  source: string;
  task: Dataset['task'];
  /** How the panel should draw samples. */
  view: 'images' | 'points' | 'table' | 'sequence';
  inputShape: number[];
  targetShape: number[];
  counts: { train: number; test: number; validation?: number };
  classNames?: string[];
  /** Training examples per class. */
  classCounts?: number[];
  featureNames?: string[];
  /** CSV files: each column and what it became. */
  columns?: Dataset['columns'];
  warnings?: string[];
  /** The first examples of the training split: features (flat) and label or target. */
  samples: { x: number[]; y: number[]; label?: string }[];
  /** 2-D sets: up to `maxPoints` training points [x1, x2, class or target]. */
  points?: [number, number, number][];
  preprocessing?: Dataset['preprocessing'];
}

function viewOf(ds: Dataset): DatasetPreview['view'] {
  const s = ds.inputShape;
  if (ds.task === 'sequence') return 'sequence';
  if ((s.length === 3 && (s[2] === 1 || s[2] === 3)) || (s.length === 2 && s[0]! > 4 && s[1]! > 4)) return 'images';
  if (s.length === 1 && s[0] === 784) return 'images'; // flattened 28×28
  if (prod(s) === 2) return 'points';
  return 'table';
}

export function previewDataset(ds: Dataset, opts: { samples?: number; maxPoints?: number } = {}): DatasetPreview {
  const n = Math.min(opts.samples ?? 16, ds.train.count);
  const xs = prod(ds.inputShape);
  const ys = prod(ds.targetShape);
  const view = viewOf(ds);
  const row = (s: Split, i: number) => ({
    x: Array.from(s.x.subarray(i * xs, (i + 1) * xs)),
    y: Array.from(s.y.subarray(i * ys, (i + 1) * ys)),
    ...(ds.classNames ? { label: ds.classNames[s.y[i]!] ?? String(s.y[i]) } : {}),
  });
  const out: DatasetPreview = {
    id: ds.id,
    name: ds.name,
    description: ds.description,
    source: ds.source,
    task: ds.task,
    view,
    inputShape: ds.inputShape,
    targetShape: ds.targetShape,
    counts: { train: ds.train.count, test: ds.test.count, ...(ds.validation ? { validation: ds.validation.count } : {}) },
    samples: Array.from({ length: n }, (_, i) => row(ds.train, i)),
    ...(ds.featureNames ? { featureNames: ds.featureNames } : {}),
    ...(ds.columns ? { columns: ds.columns } : {}),
    ...(ds.warnings ? { warnings: ds.warnings } : {}),
    ...(ds.preprocessing ? { preprocessing: ds.preprocessing } : {}),
  };
  if (ds.classNames) {
    out.classNames = ds.classNames;
    out.classCounts = classCounts(ds.train.y, ds.classNames.length);
  }
  if (view === 'points') {
    const m = Math.min(opts.maxPoints ?? 2000, ds.train.count);
    out.points = Array.from({ length: m }, (_, i) => [ds.train.x[2 * i]!, ds.train.x[2 * i + 1]!, ds.train.y[i * ys]!]);
  }
  return out;
}
