// What `layerlab data inspect` and the data panel show about a file or dataset id: format,
// shape, dtype, classes and counts. IDX files are checked end to end without keeping their
// values; everything else is loaded.
import { statSync } from 'node:fs';
import type { DatasetRef } from '../project/types.js';
import type { DatasetColumn, Split } from './types.js';
import { readIdxFile } from './io/idx.js';
import { getDatasetSpec } from './registry.js';
import { loadDataset } from './load.js';
import { classCounts } from './preprocess.js';
import { formatOf } from './sources/files.js';

export interface DatasetInspection {
  /** 'idx', 'csv', 'images', 'generated' or 'builtin'. */
  format: string;
  /** Element type in the source. */
  dtype: string;
  /** Shape of everything, examples first (e.g. [60000, 28, 28]). */
  shape: number[];
  id?: string;
  file?: string;
  name?: string;
  source?: string;
  task?: string;
  inputShape?: number[];
  targetShape?: number[];
  classes?: string[];
  counts?: { train: number; test: number; validation?: number };
  /** Examples per class, train and test together. */
  classCounts?: number[];
  /** For a single IDX file: the distinct values and how often each occurs (labels files). */
  values?: Record<string, number>;
  bytes?: number;
  /** CSV files: each column and what it became (feature, label, left out). */
  columns?: DatasetColumn[];
  /** What loading decided that the user should know: a column left out, and how to keep it. */
  warnings?: string[];
}

export async function inspectDataset(target: string | DatasetRef, options: Record<string, unknown> = {}): Promise<DatasetInspection> {
  const ref: DatasetRef = typeof target === 'string' ? (getDatasetSpec(target) ? { id: target } : { file: target }) : target;
  if (ref.file !== undefined && formatOf(ref.file, ref.format) === 'idx' && !ref.options?.labels) {
    return inspectIdx(ref.file);
  }
  const ds = await loadDataset({ ...ref, options: { ...(ref.options ?? {}), ...options } });
  const total = ds.train.count + ds.test.count + (ds.validation?.count ?? 0);
  const out: DatasetInspection = {
    format: ds.format ?? 'generated',
    dtype: ds.sourceDtype ?? 'float32',
    shape: [total, ...ds.inputShape],
    ...(ref.id !== undefined ? { id: ref.id } : { file: ref.file! }),
    name: ds.name,
    source: ds.source,
    task: ds.task,
    inputShape: ds.inputShape,
    targetShape: ds.targetShape,
    counts: { train: ds.train.count, test: ds.test.count, ...(ds.validation ? { validation: ds.validation.count } : {}) },
    ...(ds.columns ? { columns: ds.columns } : {}),
    ...(ds.warnings ? { warnings: ds.warnings } : {}),
  };
  if (ds.classNames) {
    const k = ds.classNames.length;
    const add = (s: Split | undefined, acc: number[]) => (s ? classCounts(s.y, k).map((c, i) => c + acc[i]!) : acc);
    out.classes = ds.classNames;
    out.classCounts = add(ds.validation, add(ds.test, add(ds.train, new Array<number>(k).fill(0))));
  }
  return out;
}

async function inspectIdx(file: string): Promise<DatasetInspection> {
  // Labels are kept to count classes; images are only checked and counted.
  const head = await readIdxFile(file, { limit: 0 });
  const d = await readIdxFile(file, { countOnly: head.header.shape.length > 1 });
  const out: DatasetInspection = { format: 'idx', dtype: d.header.dtype, shape: d.header.shape, file, bytes: statSync(file).size };
  if (d.header.shape.length === 1 && d.count <= 1e7) {
    const hist = new Map<number, number>();
    for (const v of d.values) hist.set(v, (hist.get(v) ?? 0) + 1);
    if (hist.size <= 1000) out.values = Object.fromEntries([...hist].sort((a, b) => a[0] - b[0]).map(([k, v]) => [String(k), v]));
  }
  return out;
}
