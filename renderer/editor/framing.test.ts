import { describe, expect, it } from 'vitest';
import { FRAME_MARGIN, READABLE_ZOOM, frameViewport } from './framing.js';

const canvas = { width: 700, height: 725 };

describe('frameViewport', () => {
  it('centres a small network at no more than the maximum zoom', () => {
    const v = frameViewport({ x: 0, y: 0, width: 220, height: 380 }, canvas, false);
    expect(v.zoom).toBeCloseTo(1.1);
    // The bounds' centre lands on the canvas centre.
    expect(110 * v.zoom + v.x).toBeCloseTo(350);
    expect(190 * v.zoom + v.y).toBeCloseTo(362.5);
  });

  it('opens a tall network at a readable zoom, showing its top', () => {
    // Nine layers of the convolutional MNIST template: 1,290 flow px tall.
    const v = frameViewport({ x: 0, y: 0, width: 220, height: 1290 }, canvas, false);
    expect(v.zoom).toBe(READABLE_ZOOM);
    expect(v.y).toBeCloseTo(FRAME_MARGIN);
    expect(110 * v.zoom + v.x).toBeCloseTo(350);
  });

  it('zoom to fit shows all of a tall network, however small', () => {
    const v = frameViewport({ x: 0, y: 100, width: 220, height: 1290 }, canvas, true);
    expect(v.zoom).toBeLessThan(READABLE_ZOOM);
    // Top and bottom both inside the canvas, within the margin.
    expect(100 * v.zoom + v.y).toBeGreaterThanOrEqual(FRAME_MARGIN - 0.5);
    expect(1390 * v.zoom + v.y).toBeLessThanOrEqual(canvas.height - FRAME_MARGIN + 0.5);
  });

  it('keeps a wide network inside the width when fitting', () => {
    const v = frameViewport({ x: -500, y: 0, width: 2000, height: 200 }, canvas, true);
    expect(-500 * v.zoom + v.x).toBeGreaterThanOrEqual(FRAME_MARGIN - 0.5);
    expect(1500 * v.zoom + v.x).toBeLessThanOrEqual(canvas.width - FRAME_MARGIN + 0.5);
  });
});
