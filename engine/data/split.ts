// Splitting examples into train / validation / test with a seeded shuffle, and taking rows
// out of a split by index.
import type { Split } from './types.js';
import { makeRng, permutation } from './random.js';

export const prod = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Copies the examples `idx` of a split (x rows of `xSize`, y rows of `ySize`). */
export function take(s: Split, idx: ArrayLike<number>, xSize: number, ySize: number): Split {
  const n = idx.length;
  const x = new Float32Array(n * xSize);
  const y = new Float32Array(n * ySize);
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    x.set(s.x.subarray(i * xSize, (i + 1) * xSize), k * xSize);
    y.set(s.y.subarray(i * ySize, (i + 1) * ySize), k * ySize);
  }
  return { x, y, count: n };
}

export interface SplitOptions {
  seed: number;
  /** Fraction of all examples held out for testing. */
  testFraction: number;
  /** Fraction of all examples held out for validation (0: none). */
  validationFraction?: number;
  /** Classification: number of classes, to cut every class in the same proportions (so a
   *  2 % class is 2 % of the test split too). */
  classes?: number;
}

/** Seeded order of the examples; stratified: every class's examples interleaved evenly. */
function order(all: Split, o: SplitOptions): Uint32Array {
  const rng = makeRng(o.seed);
  const perm = permutation(all.count, rng);
  const k = o.classes ?? 0;
  if (!k || !all.y.every((c) => Number.isInteger(c) && c >= 0 && c < k)) return perm;
  // Rank each example within its class, then sort by rank / class size: each prefix of the
  // result holds every class in (nearly) its overall proportion.
  const size = new Array<number>(k).fill(0);
  const rank = new Float64Array(all.count);
  for (const i of perm) {
    const c = all.y[i]!;
    rank[i] = size[c]! + rng(); // jitter breaks ties between classes at random
    size[c]! += 1;
  }
  const key = new Float64Array(all.count);
  for (let i = 0; i < all.count; i++) key[i] = rank[i]! / size[all.y[i]!]!;
  return Uint32Array.from(perm).sort((a, b) => key[a]! - key[b]!);
}

/** Shuffles all examples with the seed, then cuts test, validation and train off in that order. */
export function splitAll(
  all: Split,
  xSize: number,
  ySize: number,
  o: SplitOptions,
): { train: Split; test: Split; validation?: Split } {
  const n = all.count;
  const perm = order(all, o);
  const nTest = Math.round(n * o.testFraction);
  const nVal = Math.round(n * (o.validationFraction ?? 0));
  const test = take(all, perm.subarray(0, nTest), xSize, ySize);
  const train = take(all, perm.subarray(nTest + nVal), xSize, ySize);
  if (nVal === 0) return { train, test };
  return { train, test, validation: take(all, perm.subarray(nTest, nTest + nVal), xSize, ySize) };
}

/** Shuffles a split in place order (a new split), e.g. a fixed train file before training. */
export function shuffled(s: Split, xSize: number, ySize: number, seed: number): Split {
  return take(s, permutation(s.count, makeRng(seed)), xSize, ySize);
}

/** Takes a validation split off the end of a shuffled train split. */
export function holdOut(
  train: Split,
  xSize: number,
  ySize: number,
  fraction: number,
  seed: number,
): { train: Split; validation?: Split } {
  const nVal = Math.round(train.count * fraction);
  if (nVal <= 0) return { train };
  const perm = permutation(train.count, makeRng(seed));
  return {
    train: take(train, perm.subarray(nVal), xSize, ySize),
    validation: take(train, perm.subarray(0, nVal), xSize, ySize),
  };
}
