import { describe, expect, it } from 'vitest';
import { labelledBars, withCaption, type Raster } from './activationRasters.js';
import { drawText, textWidth } from './tinyFont.js';

const inkIn = (r: Raster, x0: number, y0: number, x1: number, y1: number) => {
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (r.data[(y * r.width + x) * 3]! < 80) n++;
  return n;
};

describe('labels drawn into the activation rasters', () => {
  it('draws glyphs: "1" lights its stem and not the corners a blank leaves dark', () => {
    const d = new Uint8Array(3 * 5 * 3);
    drawText(d, 3, 0, 0, '1', [9, 9, 9]);
    const on = (x: number, y: number) => d[(y * 3 + x) * 3] === 9;
    expect([0, 1, 2, 3, 4].every((y) => on(1, y))).toBe(true);
    expect(on(2, 0)).toBe(false);
    expect(textWidth('ab')).toBe(7);
  });

  it('puts a caption under a picture, widening it for a long line', () => {
    const pic: Raster = { width: 10, height: 10, data: new Uint8Array(300).fill(200) };
    const r = withCaption(pic, ['WHITE 0.996']);
    expect(r.width).toBeGreaterThan(10);
    expect(r.data[0]).toBe(200); // the picture is kept, top-left
    expect(inkIn(r, 0, 0, r.width, 10)).toBe(0);
    expect(inkIn(r, 0, 10, r.width, r.height)).toBeGreaterThan(20);
  });

  it('names each class under its bar and gives its probability above it', () => {
    const r = labelledBars([0.9, 0.1], ['cat', 'dog']);
    expect(r.width).toBe(56);
    // Ink in each column's top band (percent) and bottom band (name).
    for (const x0 of [0, 28]) {
      expect(inkIn(r, x0, 0, x0 + 28, 7)).toBeGreaterThan(5);
      expect(inkIn(r, x0, r.height - 8, x0 + 28, r.height)).toBeGreaterThan(5);
    }
    // Different names give different ink.
    const other = labelledBars([0.9, 0.1], ['cat', 'owl']);
    expect(Buffer.from(other.data).equals(Buffer.from(r.data))).toBe(false);
  });
});
