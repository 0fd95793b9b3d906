// Axis labels short enough for a 48-pixel axis, on linear and log scales alike.

/** 0.5, 12, 1.2k, 1e-4. */
export function formatTick(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a < 0.01) return v.toExponential(0);
  if (a >= 1000) return `${Number((v / 1000).toPrecision(2))}k`;
  return String(Number(v.toPrecision(2)));
}
