// Drawing a tensor's values as pixels: an example's raw input (0–255 pixels, or any range
// scaled to its own min and max), or one channel of a feature map.

/** [h, w, c] of an image-like shape, or null: [h, w], [h, w, 1] and [h, w, 3] are images. */
export function imageDims(shape: readonly (number | null)[]): { h: number; w: number; c: number } | null {
  const s = shape.map((d) => d ?? 0);
  if (s.length === 2 && s[0]! > 1 && s[1]! > 1) return { h: s[0]!, w: s[1]!, c: 1 };
  if (s.length === 3 && s[0]! > 1 && s[1]! > 1 && (s[2] === 1 || s[2] === 3)) return { h: s[0]!, w: s[1]!, c: s[2]! };
  return null;
}

/** RGBA bytes of an h×w image with c channels (interleaved), scaled from [lo, hi] to 0–255
 *  (defaults: 0–255 when the values lie there, else their own range). */
export function toRgba(values: ArrayLike<number>, h: number, w: number, c: number, range?: [number, number]): Uint8ClampedArray {
  let lo = range?.[0] ?? Infinity;
  let hi = range?.[1] ?? -Infinity;
  if (!range) {
    for (let i = 0; i < h * w * c; i++) {
      lo = Math.min(lo, values[i]!);
      hi = Math.max(hi, values[i]!);
    }
    if (lo >= 0 && hi <= 255 && hi > 1) [lo, hi] = [0, 255];
  }
  const span = hi - lo || 1;
  const out = new Uint8ClampedArray(h * w * 4);
  for (let p = 0; p < h * w; p++) {
    for (let k = 0; k < 3; k++) out[p * 4 + k] = ((values[p * c + (c === 3 ? k : 0)]! - lo) / span) * 255;
    out[p * 4 + 3] = 255;
  }
  return out;
}
