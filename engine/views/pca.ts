// Principal component analysis of n rows of d values: centre, covariance, its top
// eigenvectors. Used to draw a bottleneck wider than 2 (the latent space view) as a plane.
// Exact (cyclic Jacobi on the covariance) up to JACOBI_MAX dimensions; above that, orthogonal
// iteration for the top k only, since a full d×d eigendecomposition is O(d³) per sweep.

export interface Pca {
  /** The mean row (d values) that was subtracted. */
  mean: Float64Array;
  /** k unit vectors of d values, largest variance first; each signed so that its entry of
   *  largest magnitude is positive (the same data always gives the same picture). */
  components: Float64Array[];
  /** The variance along each component (covariance eigenvalues, divided by n − 1). */
  variances: number[];
  /** Each component's share of the total variance (0–1); 0 for all when the data is constant. */
  explained: number[];
  /** n rows of k coordinates, row-major: the centred rows projected on the components. */
  projections: Float64Array;
}

const JACOBI_MAX = 128;

/** The top `k` principal components of `x` (n rows of d values, row-major). */
export function pca(x: ArrayLike<number>, n: number, d: number, k = 2): Pca {
  if (n < 1 || d < 1) throw new Error(`PCA needs at least one row of at least one value (got ${n} × ${d})`);
  if (x.length < n * d) throw new Error(`PCA: ${x.length} values cannot hold ${n} rows of ${d}`);
  k = Math.min(k, d);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += x[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j]! /= n;
  const cov = covariance(x, n, d, mean);
  let total = 0;
  for (let j = 0; j < d; j++) total += cov[j * d + j]!;
  const { vectors, values } = d <= JACOBI_MAX ? jacobiTop(cov, d, k) : orthogonalIteration(cov, d, k);
  for (const v of vectors) orient(v);
  const projections = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const v = vectors[c]!;
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[i * d + j]! - mean[j]!) * v[j]!;
      projections[i * k + c] = s;
    }
  }
  const variances = values.map((v) => Math.max(0, v));
  return { mean, components: vectors, variances, explained: variances.map((v) => (total > 0 ? v / total : 0)), projections };
}

function covariance(x: ArrayLike<number>, n: number, d: number, mean: Float64Array): Float64Array {
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = x[i * d + j]! - mean[j]!;
    for (let a = 0; a < d; a++) {
      const ra = row[a]!;
      if (ra === 0) continue;
      for (let b = a; b < d; b++) cov[a * d + b]! += ra * row[b]!;
    }
  }
  const div = Math.max(1, n - 1);
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const v = cov[a * d + b]! / div;
      cov[a * d + b] = v;
      cov[b * d + a] = v;
    }
  }
  return cov;
}

/** Every eigenpair of the symmetric d×d matrix `m` by cyclic Jacobi rotations; the top k. */
export function jacobiTop(m: Float64Array, d: number, k: number): { vectors: Float64Array[]; values: number[] } {
  const a = Float64Array.from(m);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  let scale = 0;
  for (const e of a) scale += e * e;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p * d + q]! ** 2;
    if (off <= 1e-30 * scale || off === 0) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q]!;
        if (apq === 0) continue;
        const theta = (a[q * d + q]! - a[p * d + p]!) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < d; r++) {
          const arp = a[r * d + p]!;
          const arq = a[r * d + q]!;
          a[r * d + p] = c * arp - s * arq;
          a[r * d + q] = s * arp + c * arq;
        }
        for (let r = 0; r < d; r++) {
          const apr = a[p * d + r]!;
          const aqr = a[q * d + r]!;
          a[p * d + r] = c * apr - s * aqr;
          a[q * d + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < d; r++) {
          const vrp = v[r * d + p]!;
          const vrq = v[r * d + q]!;
          v[r * d + p] = c * vrp - s * vrq;
          v[r * d + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((i, j) => a[j * d + j]! - a[i * d + i]!);
  const top = order.slice(0, k);
  return {
    values: top.map((i) => a[i * d + i]!),
    vectors: top.map((i) => Float64Array.from({ length: d }, (_, r) => v[r * d + i]!)),
  };
}

/** The top k eigenpairs of a symmetric positive semi-definite matrix by orthogonal
 *  iteration, finished with a Rayleigh–Ritz step (so close eigenvalues still come out in
 *  order, their vectors separated). */
function orthogonalIteration(m: Float64Array, d: number, k: number): { vectors: Float64Array[]; values: number[] } {
  // A fixed start (not random): the same data gives the same answer.
  let q: Float64Array[] = Array.from({ length: k }, (_, c) => Float64Array.from({ length: d }, (_, j) => Math.cos(1 + j * (c + 1) * 0.7) + (j % (c + 2) === 0 ? 0.5 : 0)));
  q = gramSchmidt(q, d);
  for (let it = 0; it < 1000; it++) {
    const next = gramSchmidt(q.map((col) => matVec(m, col, d)), d);
    let moved = 0;
    for (let c = 0; c < k; c++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += next[c]![j]! * q[c]![j]!;
      moved = Math.max(moved, 1 - Math.abs(dot));
    }
    q = next;
    if (moved < 1e-13) break;
  }
  // Rayleigh–Ritz: the k×k matrix Qᵀ M Q, diagonalised exactly, rotates Q onto eigenvectors.
  const mq = q.map((col) => matVec(m, col, d));
  const small = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) for (let j = 0; j < d; j++) small[a * k + b]! += q[a]![j]! * mq[b]![j]!;
  const ritz = jacobiTop(small, k, k);
  return {
    values: ritz.values,
    vectors: ritz.vectors.map((w) => {
      const out = new Float64Array(d);
      for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) out[j]! += w[c]! * q[c]![j]!;
      return out;
    }),
  };
}

function matVec(m: Float64Array, v: Float64Array, d: number): Float64Array {
  const out = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += m[i * d + j]! * v[j]!;
    out[i] = s;
  }
  return out;
}

function gramSchmidt(cols: Float64Array[], d: number): Float64Array[] {
  const out: Float64Array[] = [];
  const against = (col: Float64Array): Float64Array | null => {
    const v = Float64Array.from(col);
    let before = 0;
    for (let j = 0; j < d; j++) before += v[j]! * v[j]!;
    for (const u of out) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += v[j]! * u[j]!;
      for (let j = 0; j < d; j++) v[j]! -= dot * u[j]!;
    }
    let norm = 0;
    for (let j = 0; j < d; j++) norm += v[j]! * v[j]!;
    norm = Math.sqrt(norm);
    if (before === 0 || norm < 1e-10 * Math.sqrt(before)) return null;
    for (let j = 0; j < d; j++) v[j]! /= norm;
    return v;
  };
  for (const col of cols) {
    // A column that fell into the others' span (rank-deficient data) is replaced by the first
    // axis orthogonal to them; its variance is 0 either way.
    let v = against(col);
    for (let j = 0; !v && j < d; j++) v = against(Float64Array.from({ length: d }, (_, i) => (i === j ? 1 : 0)));
    out.push(v!);
  }
  return out;
}

function orient(v: Float64Array): void {
  let at = 0;
  for (let j = 1; j < v.length; j++) if (Math.abs(v[j]!) > Math.abs(v[at]!)) at = j;
  if (v[at]! < 0) for (let j = 0; j < v.length; j++) v[j] = -v[j]!;
}
