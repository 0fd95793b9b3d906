// Where the view goes when a document opens or the person asks to fit: pure arithmetic over
// the nodes' bounds, the canvas size and the overlays drawn over the canvas (toolbar, zoom
// buttons, minimap), so it is tested without a browser.
import type { Viewport } from '@xyflow/react';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

/** A comfortable zoom: a network that fits at this or more is not laid out again on opening. */
export const READABLE_ZOOM = 0.75;
/** The least zoom a document opens at: a layer's kind (13 px type, an 18.8 px line) still
 *  draws over 10 px tall. A network that would need less is laid out in columns (see
 *  useCommands) or, drawn by hand, shows from its top. */
export const LEGIBLE_ZOOM = 0.58;
export const FRAME_MAX_ZOOM = 1.1;
/** Margin around the network inside the clear area, in screen pixels. */
export const FRAME_MARGIN = 20;

/**
 * The areas of a canvas of `size` left clear of `overlays` (pixels, from the canvas's top-left):
 * each overlay is cut away with the band along the canvas edge nearest to it, across (top or
 * bottom) or along (left or right), every combination once. A corner minimap then costs
 * either a strip on the right or one at the bottom, whichever suits the network's shape.
 */
export function clearAreas(size: Size, overlays: readonly Rect[]): Rect[] {
  let areas: Rect[] = [{ x: 0, y: 0, width: size.width, height: size.height }];
  for (const o of overlays) {
    const next: Rect[] = [];
    for (const a of areas) {
      const right = a.x + a.width;
      const bottom = a.y + a.height;
      // Already clear of this overlay.
      if (o.x >= right || o.x + o.width <= a.x || o.y >= bottom || o.y + o.height <= a.y) {
        next.push(a);
        continue;
      }
      const nearTop = o.y + o.height / 2 < size.height / 2;
      const nearLeft = o.x + o.width / 2 < size.width / 2;
      const across = nearTop ? { y: Math.max(a.y, o.y + o.height), bottom } : { y: a.y, bottom: Math.min(bottom, o.y) };
      next.push({ x: a.x, y: across.y, width: a.width, height: Math.max(0, across.bottom - across.y) });
      const along = nearLeft ? { x: Math.max(a.x, o.x + o.width), right } : { x: a.x, right: Math.min(right, o.x) };
      next.push({ x: along.x, y: a.y, width: Math.max(0, along.right - along.x), height: a.height });
    }
    areas = next;
  }
  return areas;
}

/** The zoom at which `bounds` (flow coordinates) fills `area` within the margin, uncapped. */
export function fitZoom(bounds: Size, area: Size): number {
  const w = Math.max(1, area.width - 2 * FRAME_MARGIN);
  const h = Math.max(1, area.height - 2 * FRAME_MARGIN);
  return Math.min(w / Math.max(1, bounds.width), h / Math.max(1, bounds.height));
}

/** The clear area in which `bounds` can be drawn largest, and that zoom (uncapped). */
export function bestArea(bounds: Size, size: Size, overlays: readonly Rect[] = []): { area: Rect; zoom: number } {
  let best: { area: Rect; zoom: number } | null = null;
  for (const area of clearAreas(size, overlays)) {
    const zoom = fitZoom(bounds, area);
    if (!best || zoom > best.zoom + 1e-9 || (Math.abs(zoom - best.zoom) <= 1e-9 && area.width * area.height > best.area.width * best.area.height)) best = { area, zoom };
  }
  return best!;
}

/**
 * The viewport that frames `bounds` (flow coordinates) in a canvas of `size` (pixels), in the
 * part clear of `overlays`. `whole`: everything fits, however small (Zoom to fit). Otherwise
 * (opening a document) everything fits too, down to LEGIBLE_ZOOM; a network that would need
 * less shows at that zoom from its top-left, where its inputs are.
 */
export function frameViewport(bounds: Rect, size: Size, whole: boolean, overlays: readonly Rect[] = []): Viewport {
  const { area, zoom: fit } = bestArea(bounds, size, overlays);
  let zoom = Math.min(FRAME_MAX_ZOOM, fit);
  if (!whole) zoom = Math.max(zoom, LEGIBLE_ZOOM);
  // Centred on the whole canvas when that leaves it clear of every overlay (a small network
  // sits where it always did); otherwise in the clear area.
  const full = { x: 0, y: 0, width: size.width, height: size.height };
  const centred = { x: full.width / 2 - (bounds.width * zoom) / 2, y: full.height / 2 - (bounds.height * zoom) / 2, width: bounds.width * zoom, height: bounds.height * zoom };
  const clear = (r: Rect) =>
    r.x >= FRAME_MARGIN - 0.5 && r.y >= FRAME_MARGIN - 0.5 && r.x + r.width <= size.width - FRAME_MARGIN + 0.5 && r.y + r.height <= size.height - FRAME_MARGIN + 0.5 &&
    overlays.every((o) => !(r.x < o.x + o.width && o.x < r.x + r.width && r.y < o.y + o.height && o.y < r.y + r.height));
  if (clear(centred)) return { x: centred.x - bounds.x * zoom, y: centred.y - bounds.y * zoom, zoom };
  const fitsWide = bounds.width * zoom <= area.width - 2 * FRAME_MARGIN + 0.5;
  const fitsTall = bounds.height * zoom <= area.height - 2 * FRAME_MARGIN + 0.5;
  const x = fitsWide ? area.x + area.width / 2 - (bounds.x + bounds.width / 2) * zoom : area.x + FRAME_MARGIN - bounds.x * zoom;
  const y = fitsTall ? area.y + area.height / 2 - (bounds.y + bounds.height / 2) * zoom : area.y + FRAME_MARGIN - bounds.y * zoom;
  return { x, y, zoom };
}
