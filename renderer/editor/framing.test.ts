import { describe, expect, it } from 'vitest';
import { FRAME_MARGIN, LEGIBLE_ZOOM, clearAreas, frameViewport, type Rect } from './framing.js';

const canvas = { width: 700, height: 725 };

/** Where `r` (flow coordinates) lands on the screen under viewport `v`. */
function onScreen(r: Rect, v: { x: number; y: number; zoom: number }): Rect {
  return { x: r.x * v.zoom + v.x, y: r.y * v.zoom + v.y, width: r.width * v.zoom, height: r.height * v.zoom };
}
const intersects = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('frameViewport', () => {
  it('centres a small network at no more than the maximum zoom', () => {
    const v = frameViewport({ x: 0, y: 0, width: 220, height: 380 }, canvas, false);
    expect(v.zoom).toBeCloseTo(1.1);
    // The bounds' centre lands on the canvas centre.
    expect(110 * v.zoom + v.x).toBeCloseTo(350);
    expect(190 * v.zoom + v.y).toBeCloseTo(362.5);
  });

  it('opens a network whole when it fits at a legible zoom', () => {
    const v = frameViewport({ x: 0, y: 0, width: 220, height: 1100 }, canvas, false);
    expect(v.zoom).toBeGreaterThanOrEqual(LEGIBLE_ZOOM);
    const s = onScreen({ x: 0, y: 0, width: 220, height: 1100 }, v);
    expect(s.y).toBeGreaterThanOrEqual(FRAME_MARGIN - 0.5);
    expect(s.y + s.height).toBeLessThanOrEqual(canvas.height - FRAME_MARGIN + 0.5);
  });

  it('opens a network too tall to be legible whole at the legible zoom, showing its top', () => {
    const v = frameViewport({ x: 0, y: 0, width: 220, height: 4000 }, canvas, false);
    expect(v.zoom).toBe(LEGIBLE_ZOOM);
    expect(v.y).toBeCloseTo(FRAME_MARGIN);
  });

  it('zoom to fit shows all of a tall network, however small', () => {
    const v = frameViewport({ x: 0, y: 100, width: 220, height: 4000 }, canvas, true);
    expect(v.zoom).toBeLessThan(LEGIBLE_ZOOM);
    expect(100 * v.zoom + v.y).toBeGreaterThanOrEqual(FRAME_MARGIN - 0.5);
    expect(4100 * v.zoom + v.y).toBeLessThanOrEqual(canvas.height - FRAME_MARGIN + 0.5);
  });

  it('keeps a wide network inside the width when fitting', () => {
    const v = frameViewport({ x: -500, y: 0, width: 2000, height: 200 }, canvas, true);
    expect(-500 * v.zoom + v.x).toBeGreaterThanOrEqual(FRAME_MARGIN - 0.5);
    expect(1500 * v.zoom + v.x).toBeLessThanOrEqual(canvas.width - FRAME_MARGIN + 0.5);
  });

  it('keeps clear of the overlays: toolbar top-left, zoom buttons bottom-left, minimap bottom-right', () => {
    const overlays: Rect[] = [
      { x: 12, y: 12, width: 166, height: 38 },
      { x: 15, y: 632, width: 26, height: 78 },
      { x: 525, y: 600, width: 160, height: 110 },
    ];
    // A tall network and a wide one: each must miss every overlay.
    for (const bounds of [
      { x: 0, y: 0, width: 220, height: 900 },
      { x: 0, y: 0, width: 1400, height: 300 },
    ]) {
      const v = frameViewport(bounds, canvas, true, overlays);
      const s = onScreen(bounds, v);
      for (const o of overlays) expect(intersects(s, o), `${JSON.stringify(bounds)} under ${JSON.stringify(o)}`).toBe(false);
      expect(s.x).toBeGreaterThanOrEqual(0);
      expect(s.x + s.width).toBeLessThanOrEqual(canvas.width);
      expect(s.y + s.height).toBeLessThanOrEqual(canvas.height);
    }
  });

  it('a corner minimap costs nothing when the network has room to spare beside it or above it', () => {
    const minimap = { x: 525, y: 600, width: 160, height: 110 };
    for (const bounds of [
      { x: 0, y: 0, width: 220, height: 900 },
      { x: 0, y: 0, width: 1400, height: 300 },
    ]) {
      const v = frameViewport(bounds, canvas, true, [minimap]);
      expect(v.zoom).toBeCloseTo(frameViewport(bounds, canvas, true).zoom, 9);
      expect(intersects(onScreen(bounds, v), minimap)).toBe(false);
    }
  });
});

describe('frameViewport with overlays, small networks', () => {
  it('centres a small network on the whole canvas when that misses every overlay, and moves it off one it would cover', () => {
    const toolbar = { x: 12, y: 12, width: 166, height: 38 };
    const v = frameViewport({ x: 0, y: 0, width: 220, height: 300 }, canvas, false, [toolbar]);
    expect(110 * v.zoom + v.x).toBeCloseTo(350);
    expect(150 * v.zoom + v.y).toBeCloseTo(362.5);
    // A wide one centred would run under a toolbar across the middle of the top: it goes below it.
    const bar = { x: 100, y: 0, width: 500, height: 200 };
    const w = frameViewport({ x: 0, y: 0, width: 560, height: 400 }, canvas, false, [bar]);
    expect(0 * w.zoom + w.y).toBeGreaterThanOrEqual(200);
  });
});

describe('clearAreas', () => {
  it('offers both ways round each overlay, and leaves a canvas without overlays whole', () => {
    expect(clearAreas(canvas, [])).toEqual([{ x: 0, y: 0, ...canvas }]);
    const areas = clearAreas(canvas, [{ x: 525, y: 600, width: 160, height: 110 }]);
    expect(areas).toEqual([
      { x: 0, y: 0, width: 700, height: 600 },
      { x: 0, y: 0, width: 525, height: 725 },
    ]);
  });
});
