import { describe, expect, it } from 'vitest';
import type { PlaneSnapshot } from './boundary.js';
import { toWire, type PlaneWire } from './wire.js';
import { VIEW_LIMITS, viewWireSchema } from './wire-schema.js';

/** A 4×4 plane with one hidden node of `units` units, values set by hand. */
function plane(units: number, res = 4): PlaneSnapshot {
  const cells = res * res;
  return {
    kind: 'plane',
    res,
    bounds: { x0: -1, x1: 1, y0: -2, y1: 2 },
    axes: ['x1', 'x2'],
    task: 'classification',
    classes: ['a', 'b'],
    output: { nodeId: 'out', units: 1, lo: 0, hi: 1, values: Float32Array.from({ length: cells }, (_, i) => i / (cells - 1)) },
    hidden: [{ nodeId: 'h', units, lo: -1, hi: 1, values: new Float32Array(units * cells) }],
    train: { xy: Float32Array.from([0, 0, 1, 1]), label: Float32Array.from([0, 1]) },
    test: { xy: new Float32Array(0), label: new Float32Array(0) },
  };
}

describe('the views on the wire', () => {
  it('takes a plane snapshot as toWire writes it, and a curve with its cost surface', () => {
    const w = toWire(plane(3));
    expect(viewWireSchema.parse(w)).toEqual(w);
    const curve = toWire({
      kind: 'curve',
      axes: ['x', 'y'],
      xs: Float32Array.from([0, 1]),
      ys: Float32Array.from([1, 3]),
      train: { x: Float32Array.from([0]), y: Float32Array.from([1]) },
      test: { x: new Float32Array(0), y: new Float32Array(0) },
      cost: { theta0: [-1, 1], theta1: [0, 2], res: 2, J: Float32Array.from([1, 2, 3, 4]), best: [0, 1, 0.5], path: [[0, 0, 4], [0.5, 1, 1]], loss: 'meanSquaredError', activation: 'linear' },
    });
    expect(viewWireSchema.parse(curve)).toEqual(curve);
  });

  it('refuses what is too big or not a map: a grid past the limit, too many units, bytes that are not base64', () => {
    const w = toWire(plane(1)) as PlaneWire;
    expect(() => viewWireSchema.parse({ ...w, res: VIEW_LIMITS.res + 1 })).toThrowError(/res/);
    expect(() => viewWireSchema.parse({ ...w, hidden: [{ ...w.hidden[0]!, units: VIEW_LIMITS.units + 1 }] })).toThrowError(/units/);
    expect(() => viewWireSchema.parse({ ...w, output: { ...w.output, data: 'not base64!' } })).toThrowError(/base64/);
    expect(() => viewWireSchema.parse({ ...w, train: { xy: new Array(2 * VIEW_LIMITS.points + 2).fill(0), label: [] } })).toThrowError(/xy/);
    expect(() => viewWireSchema.parse({ ...w, kind: 'sphere' })).toThrowError();
  });
});
