// Where the view goes when a document opens or the person asks to fit: pure arithmetic over
// the nodes' bounds and the canvas size, so it is tested without a browser.
import type { Viewport } from '@xyflow/react';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Screen pixels along the canvas's edges that overlays (the minimap, the zoom buttons) cover. */
export interface Insets {
  left?: number;
  right?: number;
  top?: number;
  bottom?: number;
}

/** Below this zoom a node's 11–13 px text is no longer legible: documents open no smaller
 *  than this, and a network that would need less shows from its top. */
export const LEGIBLE_ZOOM = 0.4;
export const FRAME_MAX_ZOOM = 1.1;
/** Margin around the network, in screen pixels. */
export const FRAME_MARGIN = 48;

/**
 * The viewport that frames `bounds` (flow coordinates) in a canvas of `size` (pixels), keeping
 * clear of `insets`. `whole`: everything fits, however small (Zoom to fit). Otherwise (opening
 * a document) everything fits too, unless that needs a zoom below LEGIBLE_ZOOM: then the network
 * shows from its top — where its inputs are — at that zoom.
 */
export function frameViewport(bounds: Rect, size: { width: number; height: number }, whole: boolean, insets: Insets = {}): Viewport {
  const left = insets.left ?? 0;
  const top = insets.top ?? 0;
  const areaW = Math.max(1, size.width - left - (insets.right ?? 0));
  const areaH = Math.max(1, size.height - top - (insets.bottom ?? 0));
  const w = Math.max(1, areaW - 2 * FRAME_MARGIN);
  const h = Math.max(1, areaH - 2 * FRAME_MARGIN);
  let zoom = Math.min(FRAME_MAX_ZOOM, w / Math.max(1, bounds.width), h / Math.max(1, bounds.height));
  if (!whole) zoom = Math.max(zoom, LEGIBLE_ZOOM);
  const cx = bounds.x + bounds.width / 2;
  const x = left + areaW / 2 - cx * zoom;
  const fitsTall = bounds.height * zoom <= h + 0.5;
  const y = fitsTall ? top + areaH / 2 - (bounds.y + bounds.height / 2) * zoom : top + FRAME_MARGIN - bounds.y * zoom;
  return { x, y, zoom };
}
