// A view snapshot as it crosses a process boundary: maps as bytes (each value quantised to
// 0–255 over its node's range, base64), points and curves as rounded numbers. Pure: btoa and
// atob exist in Node and in the browser.
import type { PlaneSnapshot, UnitMaps } from './boundary.js';
import type { CostSnapshot, ViewSnapshot } from './live.js';
import type { CurveSnapshot } from './regression.js';

export interface UnitMapsWire {
  nodeId: string;
  units: number;
  lo: number;
  hi: number;
  /** base64 of units·res² bytes, unit-major. */
  data: string;
}

const round = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(5)) : 0);
const nums = (a: ArrayLike<number>) => Array.from(a, round);

export function bytesToBase64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
}

export function base64ToBytes(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function mapsToWire(m: UnitMaps): UnitMapsWire {
  const span = m.hi - m.lo;
  const q = new Uint8Array(m.values.length);
  for (let i = 0; i < q.length; i++) q[i] = span > 0 ? Math.round(((m.values[i]! - m.lo) / span) * 255) : 128;
  return { nodeId: m.nodeId, units: m.units, lo: round(m.lo), hi: round(m.hi), data: bytesToBase64(q) };
}

export function mapsFromWire(w: UnitMapsWire): UnitMaps {
  const q = base64ToBytes(w.data);
  const values = new Float32Array(q.length);
  const span = w.hi - w.lo;
  for (let i = 0; i < q.length; i++) values[i] = w.lo + (q[i]! / 255) * span;
  return { nodeId: w.nodeId, units: w.units, lo: w.lo, hi: w.hi, values };
}

export type PlaneWire = Omit<PlaneSnapshot, 'output' | 'hidden' | 'train' | 'test'> & {
  output: UnitMapsWire;
  hidden: UnitMapsWire[];
  train: { xy: number[]; label: number[] };
  test: { xy: number[]; label: number[] };
};

export type CostWire = Omit<CostSnapshot, 'J'> & { J: number[] };

export type CurveWire = Omit<CurveSnapshot, 'xs' | 'ys' | 'train' | 'test'> & {
  xs: number[];
  ys: number[];
  train: { x: number[]; y: number[] };
  test: { x: number[]; y: number[] };
  cost?: CostWire;
};

export type ViewWire = PlaneWire | CurveWire;

export function toWire(s: ViewSnapshot): ViewWire {
  if (s.kind === 'plane') {
    return {
      ...s,
      bounds: { ...s.bounds },
      output: mapsToWire(s.output),
      hidden: s.hidden.map(mapsToWire),
      train: { xy: nums(s.train.xy), label: nums(s.train.label) },
      test: { xy: nums(s.test.xy), label: nums(s.test.label) },
    };
  }
  const { cost, ...c } = s;
  return {
    ...c,
    xs: nums(c.xs),
    ys: nums(c.ys),
    train: { x: nums(c.train.x), y: nums(c.train.y) },
    test: { x: nums(c.test.x), y: nums(c.test.y) },
    ...(cost ? { cost: { ...cost, J: nums(cost.J), path: cost.path.map((p) => p.map(round) as [number, number, number]) } } : {}),
  };
}

/** A plane snapshot's maps decoded (the renderer's side). */
export function planeFromWire(w: PlaneWire): PlaneSnapshot {
  return {
    ...w,
    output: mapsFromWire(w.output),
    hidden: w.hidden.map(mapsFromWire),
    train: { xy: Float32Array.from(w.train.xy), label: Float32Array.from(w.train.label) },
    test: { xy: Float32Array.from(w.test.xy), label: Float32Array.from(w.test.label) },
  };
}
