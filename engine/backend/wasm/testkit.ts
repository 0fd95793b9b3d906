// Comparisons the wasm kernel tests share: results against the cpu backend's.
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/** Largest |got − want| and largest |want|. */
export function diffs(got: ArrayLike<number>, want: ArrayLike<number>): { diff: number; scale: number } {
  expect(got.length).toBe(want.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < want.length; i++) {
    diff = Math.max(diff, Math.abs(got[i]! - want[i]!));
    scale = Math.max(scale, Math.abs(want[i]!));
  }
  return { diff, scale };
}

/** The largest difference relative to the largest magnitude of `want` (absolute when all of
 *  `want` is zero). */
export function relDiff(got: ArrayLike<number>, want: ArrayLike<number>): number {
  const { diff, scale } = diffs(got, want);
  return scale === 0 ? diff : diff / scale;
}

/** Runs f on cpu, then on wasm (leaving wasm active): the relative difference of the results
 *  and their shape (the two shapes must agree). */
export async function cpuVsWasm(f: () => tf.Tensor): Promise<{ err: number; shape: number[] }> {
  await tf.setBackend('cpu');
  const want = f();
  const w = want.dataSync().slice();
  await tf.setBackend('wasm');
  const got = f();
  expect(got.shape).toEqual(want.shape);
  const err = relDiff(got.dataSync(), w);
  const shape = got.shape;
  tf.dispose([want, got]);
  return { err, shape };
}
