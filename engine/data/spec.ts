// What every dataset source declares (one file per generator or built-in): id, words for the
// data panel, its options with defaults, and how to produce raw examples. Splitting,
// reshaping, preprocessing and the autoencoder target are done once, in load.ts.
import type { Dataset, DatasetFormat, Split, Task } from './types.js';
import { DatasetError } from './errors.js';
import type { Progress } from './progress.js';

export type Options = Record<string, unknown>;

/** A source's examples and the words and shapes the Dataset will carry. */
export interface RawDataset
  extends Pick<Dataset, 'name' | 'description' | 'source' | 'task' | 'inputShape' | 'targetShape' | 'classNames' | 'featureNames' | 'columns' | 'warnings' | 'sourceDtype'> {
  /** Either all examples (split by load.ts with the seed) or a fixed train/test split. */
  all?: Split;
  train?: Split;
  test?: Split;
  /** Default feature scaling ('pixels' for images). */
  defaultPreprocess?: 'none' | 'pixels';
}

export interface DatasetSpec {
  id: string;
  name: string;
  description: string;
  source: string;
  task: Task;
  format: DatasetFormat;
  /** Options specific to this dataset, with their defaults. */
  options: Options;
  /** Why it cannot load here, or null when it can. */
  unavailable?(): string | null;
  /** `progress`, when given, is told how far the reading has come (loaders that take time). */
  load(opts: Options, seed: number, progress?: Progress): Promise<RawDataset>;
}

/** The spec a reader takes an option's default and the dataset's id from (`this` in `load`). */
export type OptionSource = Pick<DatasetSpec, 'id' | 'options'>;

/**
 * Reads a numeric option, or its default from the spec's `options`, checking its range;
 * names the dataset and option on error.
 */
export function num(spec: OptionSource, opts: Options, key: string, min: number, max: number, integer = false): number {
  const v = opts[key] ?? spec.options[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw new DatasetError(
      `dataset "${spec.id}": option ${key} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got ${JSON.stringify(v)}`,
    );
  }
  return v;
}

/** Reads an option that is one of a few words, or its default from the spec's `options`. */
export function choice<T extends string>(spec: OptionSource, opts: Options, key: string, choices: readonly T[]): T {
  const v = opts[key] ?? spec.options[key];
  if (typeof v !== 'string' || !choices.includes(v as T)) {
    throw new DatasetError(`dataset "${spec.id}": option ${key} must be one of ${choices.join(', ')}, got ${JSON.stringify(v)}`);
  }
  return v as T;
}

/** Builds a Split from per-example callbacks. */
export function makeSplit(count: number, xSize: number, ySize: number, fill: (i: number, x: Float32Array, y: Float32Array) => void): Split {
  const x = new Float32Array(count * xSize);
  const y = new Float32Array(count * ySize);
  for (let i = 0; i < count; i++) fill(i, x.subarray(i * xSize, (i + 1) * xSize), y.subarray(i * ySize, (i + 1) * ySize));
  return { x, y, count };
}
