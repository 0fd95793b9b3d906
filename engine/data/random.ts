// Seeded randomness for generators, splits and the training loop's shuffles: the same seed
// gives the same data and batches on every machine (Math.random cannot be seeded).

export type Rng = () => number;

/** mulberry32: small, fast, and good enough for shuffles and teaching sets. */
export function makeRng(seed: number): Rng {
  let a = (Math.floor(seed) >>> 0) ^ 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal sample (Box–Muller). */
export function gaussian(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Fisher–Yates, in place. */
export function shuffleInPlace<A extends Int32Array | Uint32Array>(a: A, rng: Rng): A {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}

/** A seeded permutation of 0..n-1. */
export function permutation(n: number, rng: Rng): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return shuffleInPlace(p, rng);
}

/** `n` seeded values spread evenly over [min, max): test tensors, sample weights. */
export function uniformValues(n: number, rng: Rng, min = -1, max = 1): Float32Array {
  return Float32Array.from({ length: n }, () => min + rng() * (max - min));
}
