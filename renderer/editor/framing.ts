// Where the view goes when a document opens or the person asks to fit: pure arithmetic over
// the nodes' bounds and the canvas size, so it is tested without a browser.
import type { Viewport } from '@xyflow/react';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Below this zoom a node's 11–13 px text is a blur; documents open no smaller than this. */
export const READABLE_ZOOM = 0.75;
export const FRAME_MAX_ZOOM = 1.1;
/** Margin around the network, in screen pixels. */
export const FRAME_MARGIN = 48;

/**
 * The viewport that frames `bounds` (flow coordinates) in a canvas of `size` (pixels).
 * `whole`: everything fits, however small (Zoom to fit). Otherwise (opening a document) the
 * zoom stays readable, and a network taller than the canvas shows from its top — where its
 * inputs are — rather than from its middle.
 */
export function frameViewport(bounds: Rect, size: { width: number; height: number }, whole: boolean): Viewport {
  const w = Math.max(1, size.width - 2 * FRAME_MARGIN);
  const h = Math.max(1, size.height - 2 * FRAME_MARGIN);
  let zoom = Math.min(FRAME_MAX_ZOOM, w / Math.max(1, bounds.width), h / Math.max(1, bounds.height));
  if (!whole) zoom = Math.max(zoom, Math.min(READABLE_ZOOM, FRAME_MAX_ZOOM));
  const cx = bounds.x + bounds.width / 2;
  const x = size.width / 2 - cx * zoom;
  const fitsTall = bounds.height * zoom <= h + 0.5;
  const y = fitsTall ? size.height / 2 - (bounds.y + bounds.height / 2) * zoom : FRAME_MARGIN - bounds.y * zoom;
  return { x, y, zoom };
}
