// Keeps charts smooth at 100,000 points: never hand the chart more points than it has
// pixels. Min/max bucketing keeps every spike visible (a loss blow-up must not vanish);
// LTTB is for when a visually faithful line with fewer points matters more.

export interface Point {
  x: number;
  y: number;
}

/** At most ~2 points per bucket (the minimum and the maximum, in x order), plus the first
 *  and last points. `buckets` is usually the chart's width in pixels. */
export function minMaxDownsample(xs: ArrayLike<number>, ys: ArrayLike<number>, buckets: number, from = 0, to = xs.length): Point[] {
  const n = to - from;
  if (n <= 0) return [];
  if (n <= buckets * 2) {
    const out: Point[] = [];
    for (let i = from; i < to; i++) if (Number.isFinite(ys[i]!)) out.push({ x: xs[i]!, y: ys[i]! });
    return out;
  }
  const out: Point[] = [{ x: xs[from]!, y: ys[from]! }];
  const size = n / buckets;
  for (let b = 0; b < buckets; b++) {
    const start = from + Math.floor(b * size);
    const end = Math.min(to, from + Math.floor((b + 1) * size));
    let lo = -1;
    let hi = -1;
    for (let i = start; i < end; i++) {
      const y = ys[i]!;
      if (!Number.isFinite(y)) continue;
      if (lo < 0 || y < ys[lo]!) lo = i;
      if (hi < 0 || y > ys[hi]!) hi = i;
    }
    if (lo < 0) continue;
    const [a, c] = lo <= hi ? [lo, hi] : [hi, lo];
    if (a !== from) out.push({ x: xs[a]!, y: ys[a]! });
    if (c !== a && c !== to - 1) out.push({ x: xs[c]!, y: ys[c]! });
  }
  out.push({ x: xs[to - 1]!, y: ys[to - 1]! });
  return out;
}

/** Largest-Triangle-Three-Buckets (Steinarsson 2013): `threshold` points that keep the
 *  line's shape. Non-finite values should be filtered out beforehand. */
export function lttb(points: readonly Point[], threshold: number): Point[] {
  const n = points.length;
  if (threshold >= n || threshold < 3) return points.slice();
  const out: Point[] = [points[0]!];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    const avgStart = Math.floor((i + 1) * every) + 1;
    const avgEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = avgStart; j < avgEnd; j++) {
      avgX += points[j]!.x;
      avgY += points[j]!.y;
    }
    const len = Math.max(1, avgEnd - avgStart);
    avgX /= len;
    avgY /= len;
    const rangeStart = Math.floor(i * every) + 1;
    const rangeEnd = Math.floor((i + 1) * every) + 1;
    const pa = points[a]!;
    let best = rangeStart;
    let bestArea = -1;
    for (let j = rangeStart; j < rangeEnd; j++) {
      const p = points[j]!;
      const area = Math.abs((pa.x - avgX) * (p.y - pa.y) - (pa.x - p.x) * (avgY - pa.y));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(points[best]!);
    a = best;
  }
  out.push(points[n - 1]!);
  return out;
}
