// Exponential moving average with debiasing (as TensorBoard's smoothing slider): weight 0
// is the raw series, 0.99 a very smooth one, and the first points are not dragged to 0.

export function smooth(ys: ArrayLike<number>, weight: number, out = new Float64Array(ys.length)): Float64Array {
  const w = Math.min(Math.max(weight, 0), 0.999);
  let last = 0;
  let debias = 1;
  for (let i = 0; i < ys.length; i++) {
    const y = ys[i]!;
    if (!Number.isFinite(y)) {
      out[i] = y;
      continue;
    }
    last = last * w + (1 - w) * y;
    debias *= w;
    out[i] = w === 0 ? y : last / (1 - debias);
  }
  return out;
}
