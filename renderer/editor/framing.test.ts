import { describe, expect, it } from 'vitest';
import { FRAME_MARGIN, LEGIBLE_ZOOM, frameViewport } from './framing.js';

const canvas = { width: 700, height: 725 };

describe('frameViewport', () => {
  it('centres a small network at no more than the maximum zoom', () => {
    const v = frameViewport({ x: 0, y: 0, width: 220, height: 380 }, canvas, false);
    expect(v.zoom).toBeCloseTo(1.1);
    // The bounds' centre lands on the canvas centre.
    expect(110 * v.zoom + v.x).toBeCloseTo(350);
    expect(190 * v.zoom + v.y).toBeCloseTo(362.5);
  });

  it('opens a tall network whole: the convolutional MNIST template (9 layers) has top and bottom inside', () => {
    const v = frameViewport({ x: 0, y: 0, width: 220, height: 890 }, canvas, false);
    expect(v.zoom).toBeGreaterThanOrEqual(LEGIBLE_ZOOM);
    expect(0 * v.zoom + v.y).toBeGreaterThanOrEqual(FRAME_MARGIN - 0.5);
    expect(890 * v.zoom + v.y).toBeLessThanOrEqual(canvas.height - FRAME_MARGIN + 0.5);
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

  it('keeps clear of the minimap: a wide network ends left of a right inset', () => {
    const v = frameViewport({ x: 0, y: 0, width: 1200, height: 200 }, canvas, true, { right: 230 });
    expect(1200 * v.zoom + v.x).toBeLessThanOrEqual(canvas.width - 230 - FRAME_MARGIN + 0.5);
  });
});
