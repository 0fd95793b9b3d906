import { describe, expect, it } from 'vitest';
import { mnistify } from './mnistify.js';

/** A W×H black drawing with the rectangles given filled white. */
function drawing(W: number, H: number, rects: [x: number, y: number, w: number, h: number][], value = 255) {
  const pixels = new Float32Array(W * H);
  for (const [x0, y0, w, h] of rects) for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) pixels[y * W + x] = value;
  return { width: W, height: H, pixels };
}

function stats(img: Float32Array) {
  let mass = 0;
  let mx = 0;
  let my = 0;
  let x0 = 28;
  let x1 = -1;
  let y0 = 28;
  let y1 = -1;
  for (let y = 0; y < 28; y++)
    for (let x = 0; x < 28; x++) {
      const v = img[y * 28 + x]!;
      if (v <= 0) continue;
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  return { mass, cx: mx / mass, cy: my / mass, w: x1 - x0 + 1, h: y1 - y0 + 1, x0, y0 };
}

describe('mnistify', () => {
  it('centres a bar drawn in a corner and scales its long side to 20 pixels', () => {
    // 15 wide, 60 tall, near the top left of a 200×150 drawing: scale 1/3 → 5 × 20.
    const out = mnistify(drawing(200, 150, [[4, 7, 15, 60]]));
    expect(out).toHaveLength(784);
    const s = stats(out);
    expect(s.h).toBe(20);
    expect(s.w).toBe(5);
    expect(Math.abs(s.cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(s.cy - 14)).toBeLessThanOrEqual(0.5);
    expect([s.x0, s.y0]).toEqual([12, 4]); // 5 columns around 14.5 → 12..16; rows 4..23
    // Solid ink stays solid: every pixel of the scaled bar is 255.
    expect(s.mass).toBe(5 * 20 * 255);
  });

  it('gives the same digit wherever and however large it was drawn', () => {
    const a = mnistify(drawing(100, 100, [[70, 30, 15, 60]]));
    const b = mnistify(drawing(300, 300, [[10, 150, 30, 120]])); // twice the size, elsewhere
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('keeps the aspect ratio of a wide stroke', () => {
    const s = stats(mnistify(drawing(280, 280, [[20, 200, 200, 20]])));
    expect([s.w, s.h]).toEqual([20, 2]);
    expect(Math.abs(s.cy - 14)).toBeLessThanOrEqual(0.5);
  });

  it('averages areas: a lone pixel shrunk threefold becomes a grey of 255/9', () => {
    // Two dots at the corners of a 60×60 box: the box becomes 20×20, each dot one pixel of
    // 255 / 9 ≈ 28 (area averaging, not sampling), the pair centred on (14, 14).
    const d = drawing(80, 80, [
      [10, 10, 1, 1],
      [69, 69, 1, 1],
    ]);
    const out = mnistify(d);
    const lit = Array.from(out, (v, i) => [i, v] as const).filter(([, v]) => v > 0);
    expect(lit).toEqual([
      [4 * 28 + 4, 28],
      [23 * 28 + 23, 28],
    ]);
  });

  it('scales a small drawing up to fill the box', () => {
    const s = stats(mnistify(drawing(28, 28, [[1, 1, 4, 4]])));
    expect([s.w, s.h, s.x0, s.y0]).toEqual([20, 20, 4, 4]);
    expect(s.mass).toBe(400 * 255);
  });

  it('leaves an empty drawing empty', () => {
    const out = mnistify(drawing(50, 40, []));
    expect(out).toHaveLength(784);
    expect(out.every((v) => v === 0)).toBe(true);
  });

  it('outputs whole numbers from 0 to 255, with grey at the edges of a thin diagonal', () => {
    const W = 200;
    const pixels = new Float32Array(W * W);
    for (let i = 20; i < 180; i++) for (let t = -2; t <= 2; t++) pixels[i * W + i + t] = 255;
    const out = mnistify({ width: W, height: W, pixels });
    expect(out.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)).toBe(true);
    expect(out.some((v) => v > 0 && v < 255)).toBe(true);
    expect(Math.max(...out)).toBeLessThanOrEqual(255);
  });

  it('refuses pixels that do not match the size given', () => {
    expect(() => mnistify({ width: 10, height: 10, pixels: new Float32Array(99) })).toThrow('a drawing of 10×10 needs 100 pixels, got 99');
  });
});
