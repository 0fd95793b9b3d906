// A drawn digit made the way the MNIST digits were (LeCun et al.): the strokes' bounding box
// scaled to fit a 20×20 box keeping its aspect ratio (area-averaged, so edges come out
// anti-aliased grey), then placed in a 28×28 field so that the centre of mass of the ink lies
// at the field's centre. A network trained on MNIST only knows digits framed like that; an
// off-centre or tiny drawing otherwise reads as another digit. Pure: the renderer may use it.

export const MNIST_SIDE = 28;
const BOX = 20;

/** Whether a drawing can be framed as MNIST for this input: 28×28×1, 28×28 or 784 values. */
export function takesDrawing(inputShape: readonly number[]): boolean {
  const s = inputShape.join('×');
  return s === '28×28×1' || s === '28×28' || s === String(MNIST_SIDE * MNIST_SIDE);
}

export interface Drawing {
  width: number;
  height: number;
  /** Grayscale, row-major, white (255) ink on black (0). */
  pixels: ArrayLike<number>;
}

/** The 28×28 MNIST framing of `d` (values 0–255, whole numbers, row-major); all zeros when
 *  nothing is drawn. */
export function mnistify(d: Drawing): Float32Array {
  const { width: W, height: H, pixels: px } = d;
  if (!(W > 0 && H > 0 && px.length === W * H)) throw new Error(`a drawing of ${W}×${H} needs ${W * H} pixels, got ${px.length}`);
  const out = new Float32Array(MNIST_SIDE * MNIST_SIDE);
  // The strokes' bounding box.
  let x0 = W;
  let y0 = H;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      if (px[y * W + x]! > 0) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
  if (x1 < 0) return out;
  const cw = x1 - x0 + 1;
  const ch = y1 - y0 + 1;
  // Fit the longer side to 20 pixels; the other keeps the aspect ratio (at least 1 pixel).
  const scale = BOX / Math.max(cw, ch);
  const sw = Math.max(1, Math.min(BOX, Math.round(cw * scale)));
  const sh = Math.max(1, Math.min(BOX, Math.round(ch * scale)));
  const small = areaResample(px, W, x0, y0, cw, ch, sw, sh);
  // Centre of mass (pixel centres at i + 0.5) of the scaled digit.
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < sh; y++)
    for (let x = 0; x < sw; x++) {
      const v = small[y * sw + x]!;
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  if (mass <= 0) return out;
  const ox = Math.round(MNIST_SIDE / 2 - mx / mass);
  const oy = Math.round(MNIST_SIDE / 2 - my / mass);
  for (let y = 0; y < sh; y++) {
    const ty = y + oy;
    if (ty < 0 || ty >= MNIST_SIDE) continue;
    for (let x = 0; x < sw; x++) {
      const tx = x + ox;
      if (tx < 0 || tx >= MNIST_SIDE) continue;
      out[ty * MNIST_SIDE + tx] = Math.min(255, Math.max(0, Math.round(small[y * sw + x]!)));
    }
  }
  return out;
}

/** The crop [x0, x0+cw) × [y0, y0+ch) of a W-wide image resampled to sw × sh, each output
 *  pixel the mean of the source area it covers (fractional pixels weighted by coverage). */
function areaResample(px: ArrayLike<number>, W: number, x0: number, y0: number, cw: number, ch: number, sw: number, sh: number): Float32Array {
  const out = new Float32Array(sw * sh);
  const fx = cw / sw;
  const fy = ch / sh;
  for (let oy = 0; oy < sh; oy++) {
    const ya = oy * fy;
    const yb = ya + fy;
    for (let ox = 0; ox < sw; ox++) {
      const xa = ox * fx;
      const xb = xa + fx;
      let sum = 0;
      for (let sy = Math.floor(ya); sy < Math.min(ch, Math.ceil(yb)); sy++) {
        const wy = Math.min(yb, sy + 1) - Math.max(ya, sy);
        if (wy <= 0) continue;
        const row = (y0 + sy) * W + x0;
        for (let sx = Math.floor(xa); sx < Math.min(cw, Math.ceil(xb)); sx++) {
          const wx = Math.min(xb, sx + 1) - Math.max(xa, sx);
          if (wx > 0) sum += px[row + sx]! * wx * wy;
        }
      }
      out[oy * sw + ox] = sum / (fx * fy);
    }
  }
  return out;
}
