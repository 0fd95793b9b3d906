// Labels read from files must be class indices 0..k-1.
import { DatasetError } from '../errors.js';

/** Checks labels are whole numbers from 0 and returns the number of classes. */
export function classCountsOf(y: Float32Array, file: string): number {
  let max = -1;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!Number.isInteger(v) || v < 0) throw new DatasetError(`label ${v} is not a class index (a whole number from 0)`, { file, index: i });
    if (v > max) max = v;
  }
  if (max > 10000) throw new DatasetError(`labels go up to ${max}: too many classes`, { file });
  return max + 1;
}
