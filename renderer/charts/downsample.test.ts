import { describe, expect, it } from 'vitest';
import { lttb, minMaxDownsample } from './downsample.js';

describe('minMaxDownsample', () => {
  const N = 100_000;
  const xs = Float64Array.from({ length: N }, (_, i) => i);
  const ys = Float64Array.from({ length: N }, (_, i) => Math.sin(i / 500) + (i === 54_321 ? 50 : 0) - (i === 777 ? 30 : 0));

  it('reduces 100,000 points to about two per pixel, keeping ends and extremes', () => {
    const t0 = performance.now();
    const out = minMaxDownsample(xs, ys, 800);
    expect(performance.now() - t0).toBeLessThan(500); // generous: the CI machine is shared
    expect(out.length).toBeLessThanOrEqual(2 * 800 + 2);
    expect(out.length).toBeGreaterThan(800);
    expect(out[0]).toEqual({ x: 0, y: ys[0] });
    expect(out.at(-1)).toEqual({ x: N - 1, y: ys[N - 1] });
    expect(out.some((p) => p.x === 54_321 && p.y > 49)).toBe(true);
    expect(out.some((p) => p.x === 777 && p.y < -29)).toBe(true);
    for (let i = 1; i < out.length; i++) expect(out[i]!.x).toBeGreaterThan(out[i - 1]!.x);
  });

  it('returns short series unchanged and skips non-finite values', () => {
    expect(minMaxDownsample([0, 1, 2], [5, NaN, 7], 100)).toEqual([{ x: 0, y: 5 }, { x: 2, y: 7 }]);
    expect(minMaxDownsample([], [], 10)).toEqual([]);
  });
});

describe('lttb', () => {
  it('keeps the requested number of points, the ends and a lone peak', () => {
    const pts = Array.from({ length: 10_000 }, (_, i) => ({ x: i, y: i === 5000 ? 100 : 0 }));
    const out = lttb(pts, 200);
    expect(out).toHaveLength(200);
    expect(out[0]).toEqual(pts[0]);
    expect(out.at(-1)).toEqual(pts.at(-1));
    expect(out.some((p) => p.y === 100)).toBe(true);
  });

  it('returns a copy when no reduction is needed', () => {
    const pts = [{ x: 0, y: 1 }, { x: 1, y: 2 }];
    expect(lttb(pts, 10)).toEqual(pts);
  });
});
