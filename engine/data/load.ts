// One pipeline for every dataset: read (generator, built-in or file) → seeded split →
// feature scaling fitted on train → reshape to the project's Input → autoencoder target.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DatasetRef } from '../project/types.js';
import type { Dataset, ScalingMethod, Split } from './types.js';
import type { Options, RawDataset } from './spec.js';
import { DatasetError } from './errors.js';
import { getDatasetSpec, DATASETS } from './registry.js';
import { holdOut, prod, splitAll } from './split.js';
import { preprocessDataset, SCALING_METHODS } from './preprocess.js';
import { formatOf, loadFile } from './sources/files.js';
import { plainShape } from '../layers/shape-text.js';
import { progressOf, type OnProgress } from './progress.js';
import { engineerRows, parseFeatures } from '../views/engineered.js';

export interface LoadOptions {
  /** Seeds generators, shuffles and splits; default 42. */
  seed?: number;
  /** Reshape examples to this shape (the project's Input); the element count must match. */
  inputShape?: number[];
  /** 'input': targets are the (scaled) inputs, for autoencoders. */
  target?: 'input' | 'label';
  /** Feature scaling; default 'pixels' for images, 'none' otherwise. */
  preprocess?: ScalingMethod;
  /** Fraction held out for testing when the source has no test split; default 0.2. */
  testFraction?: number;
  /** Fraction held out for validation; default 0 (training takes its own validationSplit). */
  validationFraction?: number;
  /** Folder that relative file paths are resolved against (the project file's folder). */
  baseDir?: string;
  /** Engineered inputs for a two-feature dataset (x1^2, x2^2, x1*x2, sin(x1), sin(x2)),
   *  appended before scaling (engine/views/engineered.ts). */
  engineered?: string[];
  /** Told how far the reading has come, for the loaders that take time (IDX, MNIST, image
   *  folders, CSV); at most one call per 5 % or per 100 ms, and always the last. */
  onProgress?: OnProgress;
}

/** Options every dataset accepts, with defaults. */
export const COMMON_OPTIONS: Record<Exclude<keyof LoadOptions, 'onProgress'>, unknown> = {
  seed: 42,
  inputShape: null,
  target: 'label',
  preprocess: null,
  testFraction: 0.2,
  validationFraction: 0,
  baseDir: null,
  engineered: null,
};

/** Options that name files, resolved against baseDir like the file itself. */
const PATH_OPTIONS = ['labels', 'testFile', 'testLabels'];

const FILE_OPTIONS: Record<string, string[]> = {
  idx: ['labels', 'testFile', 'testLabels'],
  csv: ['header', 'labelColumn', 'task', 'delimiter', 'decimal', 'missing', 'columns'],
  images: ['size', 'channels', 'color'],
};

function where(ref: DatasetRef): string {
  return ref.id !== undefined ? `dataset "${ref.id}"` : `dataset file ${ref.file}`;
}

function checkKnown(ref: DatasetRef, opts: Options, known: string[]): void {
  for (const k of Object.keys(opts)) {
    if (!known.includes(k)) {
      throw new DatasetError(`${where(ref)}: unknown option "${k}"; known options are ${known.join(', ')}`);
    }
  }
}

function fraction(v: unknown, name: string, ref: DatasetRef, def: number): number {
  const f = v ?? def;
  if (typeof f !== 'number' || !(f >= 0 && f < 1)) {
    throw new DatasetError(`${where(ref)}: option ${name} must be a number from 0 up to (not including) 1, got ${JSON.stringify(f)}`);
  }
  return f;
}

function shapeOption(v: unknown, ref: DatasetRef): number[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.length === 0 || !v.every((d) => Number.isInteger(d) && d > 0)) {
    throw new DatasetError(`${where(ref)}: inputShape must be a list of positive whole numbers, got ${JSON.stringify(v)}`);
  }
  return v as number[];
}

export async function loadDataset(ref: DatasetRef, opts: LoadOptions = {}): Promise<Dataset> {
  if (!ref || typeof ref !== 'object') throw new DatasetError('dataset reference must be an object with an id or a file');
  if ((ref.id === undefined) === (ref.file === undefined)) {
    throw new DatasetError('dataset reference must have exactly one of id (a built-in dataset) or file (a file or folder to import)');
  }
  if (ref.options !== undefined && (typeof ref.options !== 'object' || ref.options === null || Array.isArray(ref.options))) {
    throw new DatasetError(`${where(ref)}: options must be an object of option names and values, got ${JSON.stringify(ref.options)}`);
  }
  const { baseDir, onProgress, ...rest } = opts;
  const progress = progressOf(onProgress);
  // A bare word ("nope") was most likely meant as a dataset id (the CLI's --dataset takes both).
  const bareWord = ref.file !== undefined && /^[\w-]+$/u.test(ref.file) ? ref.file : undefined;
  if (baseDir !== undefined && ref.file !== undefined) ref = resolvePaths(ref, baseDir);
  const all: Options = { ...(ref.options ?? {}), ...stripUndefined(rest as Options) };
  const common = Object.keys(COMMON_OPTIONS);
  const seed = all.seed ?? 42;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new DatasetError(`${where(ref)}: option seed must be a number, got ${JSON.stringify(seed)}`);
  const own: Options = {};
  for (const [k, v] of Object.entries(all)) if (!common.includes(k)) own[k] = v;

  let raw: RawDataset;
  let format: Dataset['format'];
  if (ref.id !== undefined) {
    const spec = getDatasetSpec(ref.id);
    if (!spec) {
      throw new DatasetError(`unknown dataset id "${ref.id}"; known ids are ${knownIds()}`);
    }
    checkKnown(ref, all, [...common, ...Object.keys(spec.options)]);
    raw = await spec.load(own, seed, progress);
    format = spec.format;
  } else {
    if (bareWord !== undefined && !existsSync(ref.file!)) {
      throw new DatasetError(`is neither a dataset id nor a file or folder; known ids are ${knownIds()}`, { file: bareWord });
    }
    const fmt = formatOf(ref.file!, ref.format);
    checkKnown(ref, all, [...common, ...(FILE_OPTIONS[fmt] ?? [])]);
    raw = await loadFile(ref, own, all.target === 'input', progress);
    format = fmt;
  }
  return finish(ref, raw, format, all, seed);
}

function knownIds(): string {
  return DATASETS.map((d) => d.id).join(', ');
}

function resolvePaths(ref: DatasetRef, baseDir: string): DatasetRef {
  const options = { ...(ref.options ?? {}) };
  for (const k of PATH_OPTIONS) if (typeof options[k] === 'string') options[k] = resolve(baseDir, options[k]);
  return { ...ref, file: resolve(baseDir, ref.file!), ...(ref.options ? { options } : {}) };
}

function stripUndefined(o: Options): Options {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function finish(ref: DatasetRef, raw: RawDataset, format: Dataset['format'], o: Options, seed: number): Dataset {
  const xSize = prod(raw.inputShape);
  const ySize = prod(raw.targetShape);
  const testFraction = fraction(o.testFraction, 'testFraction', ref, 0.2);
  const validationFraction = fraction(o.validationFraction, 'validationFraction', ref, 0);
  if (testFraction + validationFraction >= 1) throw new DatasetError(`${where(ref)}: testFraction + validationFraction must leave examples to train on`);
  const classes = raw.task === 'classification' ? raw.classNames?.length : undefined;
  let train: Split;
  let test: Split;
  let validation: Split | undefined;
  if (raw.all) {
    ({ train, test, validation } = splitAll(raw.all, xSize, ySize, { seed: seed + 1, testFraction, validationFraction, ...(classes ? { classes } : {}) }));
  } else if (raw.train && raw.test) {
    ({ train, validation } = holdOut(raw.train, xSize, ySize, validationFraction, seed + 1));
    test = raw.test;
  } else {
    throw new DatasetError(`${where(ref)}: the source produced no examples`);
  }
  if (train.count === 0) throw new DatasetError(`${where(ref)}: no examples left to train on`);

  let ds: Dataset = {
    id: ref.id ?? ref.file!,
    name: raw.name,
    description: raw.description,
    source: raw.source,
    task: raw.task,
    inputShape: raw.inputShape,
    targetShape: raw.targetShape,
    ...(raw.classNames ? { classNames: raw.classNames } : {}),
    ...(raw.featureNames ? { featureNames: raw.featureNames } : {}),
    ...(raw.columns ? { columns: raw.columns } : {}),
    ...(raw.warnings?.length ? { warnings: raw.warnings } : {}),
    train,
    test,
    ...(validation ? { validation } : {}),
    format,
    ...(raw.sourceDtype ? { sourceDtype: raw.sourceDtype } : {}),
  };

  if (o.engineered !== undefined && o.engineered !== null) ds = withFeatures(ds, o.engineered, ref);

  const method = (o.preprocess ?? raw.defaultPreprocess ?? 'none') as ScalingMethod;
  if (!SCALING_METHODS.includes(method)) {
    throw new DatasetError(`${where(ref)}: option preprocess must be one of ${SCALING_METHODS.join(', ')}, got ${JSON.stringify(method)}`);
  }
  ds = preprocessDataset(ds, method);

  const shape = shapeOption(o.inputShape, ref);
  if (shape) {
    if (prod(shape) !== xSize) {
      throw new DatasetError(
        `${where(ref)}: examples have shape ${plainShape(raw.inputShape)} (${xSize} values) and cannot be reshaped to the Input shape ${plainShape(shape)} (${prod(shape)} values)`,
      );
    }
    ds = { ...ds, inputShape: [...shape] };
  }

  const target = o.target ?? 'label';
  if (target !== 'label' && target !== 'input') throw new DatasetError(`${where(ref)}: option target must be "label" or "input", got ${JSON.stringify(target)}`);
  if (target === 'input') {
    // The classes are no longer the task, but they are kept beside it (the latent space view
    // colours an autoencoder's codes by them).
    const classNames = ds.classNames;
    const same = (s: Split): Split => ({ x: s.x, y: s.x.slice(), count: s.count, ...(classNames ? { labels: s.y } : {}) });
    const { classNames: _c, ...rest } = ds;
    ds = {
      ...rest,
      ...(classNames ? { labelNames: classNames } : {}),
      task: 'regression',
      targetShape: [...ds.inputShape],
      train: same(ds.train),
      test: same(ds.test),
      ...(ds.validation ? { validation: same(ds.validation) } : {}),
      description: `${ds.description} Targets are the inputs (autoencoder).`,
    };
  }
  return ds;
}

/** The dataset with engineered inputs appended (before scaling, so they are scaled too). */
function withFeatures(ds: Dataset, value: unknown, ref: DatasetRef): Dataset {
  const parsed = parseFeatures(value);
  if ('error' in parsed) throw new DatasetError(`${where(ref)}: ${parsed.error}`);
  const { features } = parsed;
  if (features.length === 0) return ds;
  if (prod(ds.inputShape) !== 2) throw new DatasetError(`${where(ref)}: option engineered needs examples of 2 features (x1, x2); these have ${prod(ds.inputShape)}`);
  const widen = (s: Split): Split => ({ ...s, x: engineerRows(s.x, s.count, features) });
  const base = ds.featureNames?.length === 2 ? ds.featureNames : ['x1', 'x2'];
  return {
    ...ds,
    inputShape: [2 + features.length],
    featureNames: [...base, ...features],
    engineered: [...features],
    train: widen(ds.train),
    test: widen(ds.test),
    ...(ds.validation ? { validation: widen(ds.validation) } : {}),
  };
}
