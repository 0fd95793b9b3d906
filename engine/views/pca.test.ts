import { describe, expect, it } from 'vitest';
import { makeRng } from '../data/random.js';
import { pca } from './pca.js';

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i]!, 0);

describe('principal components', () => {
  it('points on a line in 3-D: the first component lies along it and explains all the variance', () => {
    const rng = makeRng(3);
    const dir = [1 / 3, 2 / 3, -2 / 3];
    const base = [5, -1, 2];
    const n = 200;
    const x = new Float64Array(n * 3);
    const ts: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = (rng() - 0.5) * 10;
      ts.push(t);
      for (let j = 0; j < 3; j++) x[i * 3 + j] = base[j]! + t * dir[j]!;
    }
    const p = pca(x, n, 3);
    expect(Math.abs(dot(p.components[0]!, dir))).toBeCloseTo(1, 9);
    expect(p.explained[0]).toBeCloseTo(1, 9);
    expect(p.explained[1]).toBeCloseTo(0, 9);
    // The mean is the line's point at the mean t; projections are the centred t (up to sign).
    const meanT = ts.reduce((a, b) => a + b, 0) / n;
    for (let j = 0; j < 3; j++) expect(p.mean[j]).toBeCloseTo(base[j]! + meanT * dir[j]!, 9);
    const sign = Math.sign(dot(p.components[0]!, dir));
    for (let i = 0; i < n; i += 17) expect(p.projections[i * 2]).toBeCloseTo(sign * (ts[i]! - meanT), 9);
    // Its entry of largest magnitude (dir's 2/3 or −2/3) comes out positive.
    expect(p.components[0]![1]).toBeGreaterThan(0);
  });

  it('an ellipse with semi-axes 3 and 1, turned by 30°: the components are its axes, 90 % and 10 %', () => {
    const n = 360;
    const phi = Math.PI / 6;
    const major = [Math.cos(phi), Math.sin(phi)];
    const minor = [-Math.sin(phi), Math.cos(phi)];
    const x = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const th = (2 * Math.PI * i) / n;
      const [u, v] = [3 * Math.cos(th), Math.sin(th)];
      x[2 * i] = 10 + u * major[0]! + v * minor[0]!;
      x[2 * i + 1] = -4 + u * major[1]! + v * minor[1]!;
    }
    const p = pca(x, n, 2);
    expect(Math.abs(dot(p.components[0]!, major))).toBeCloseTo(1, 9);
    expect(Math.abs(dot(p.components[1]!, minor))).toBeCloseTo(1, 9);
    // Over a full turn the mean of cos² is 1/2: variances 9/2 and 1/2 (times n/(n − 1)).
    expect(p.variances[0]).toBeCloseTo((9 / 2) * (n / (n - 1)), 9);
    expect(p.variances[1]).toBeCloseTo((1 / 2) * (n / (n - 1)), 9);
    expect(p.explained[0]).toBeCloseTo(0.9, 9);
    expect(p.explained[1]).toBeCloseTo(0.1, 9);
    expect(p.mean[0]).toBeCloseTo(10, 9);
    expect(p.mean[1]).toBeCloseTo(-4, 9);
  });

  it('a wide code (200 values, past the exact solver) with two known directions of spread', () => {
    const rng = makeRng(9);
    const d = 200;
    const n = 400;
    const a = Float64Array.from({ length: d }, (_, j) => (j % 2 === 0 ? 1 : -1) / Math.sqrt(d));
    const b = Float64Array.from({ length: d }, (_, j) => (j < d / 2 ? 1 : -1) / Math.sqrt(d));
    expect(dot(a, b)).toBeCloseTo(0, 12);
    const x = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const [s, t] = [(rng() - 0.5) * 12, (rng() - 0.5) * 6];
      for (let j = 0; j < d; j++) x[i * d + j] = s * a[j]! + t * b[j]! + (rng() - 0.5) * 0.01;
    }
    const p = pca(x, n, d);
    expect(Math.abs(dot(p.components[0]!, a))).toBeGreaterThan(0.9999);
    expect(Math.abs(dot(p.components[1]!, b))).toBeGreaterThan(0.9999);
    expect(dot(p.components[0]!, p.components[1]!)).toBeCloseTo(0, 9);
    // Uniform spreads of width 12 and 6: variances 12 and 3, so 80 % and 20 % of the total (nearly all).
    expect(p.explained[0]).toBeGreaterThan(0.7);
    expect(p.explained[0]! + p.explained[1]!).toBeGreaterThan(0.99);
  });

  it('constant data has no direction of spread and says so with zero shares', () => {
    const p = pca(new Float64Array(12).fill(7), 4, 3);
    expect(p.explained).toEqual([0, 0]);
    expect(Array.from(p.projections)).toEqual(new Array(8).fill(0));
  });
});
