// One band of images of a convolution as im2col (./conv-wat.ts) and LayerLab's product
// (./gemm-wat.ts), a chunk of output positions at a time. The same function runs on the
// calling thread over the wasm heap and, from its source text, in the helper threads over
// shared memory (./gemm-threads.ts), so each thread's share is computed the same way: it must
// stay self-contained (no imports, no outside names).

export type GemmFn = (a: number, b: number, c: number, M: number, N: number, K: number, sai: number, sak: number, sbk: number, sbj: number, ldc: number, beta: number, scratch: number) => void;
export type Im2colFn = (x: number, col: number, ldcol: number, H: number, W: number, CI: number, OH: number, OW: number,
  KH: number, KW: number, sh: number, sw: number, top: number, left: number, p0: number, count: number) => void;

/** Fields of a band's job, in order (./gemm-threads.ts passes them through shared words). */
export const CONV_JOB = ['mode', 'x', 'w', 'y', 'col', 'scratch', 'images', 'H', 'W', 'CI', 'OH', 'OW', 'KH', 'KW', 'sh', 'sw', 'top', 'left', 'CO', 'chunk', 'group'] as const;
export type ConvJob = Record<(typeof CONV_JOB)[number], number>;

/** Modes: FORWARD writes y[p, co] = Σ_r col[p, r]·w[r, co] (w the filter as R × CO, R = KH·KW·CI)
 *  for the band's images; FILTER reads dy from y and writes one partial dWᵀ (CO × R) per
 *  group of `group` images, the g-th at w + 4·g·CO·R, which the caller adds up in order (the
 *  groups do not depend on how many threads share them, so neither does the sum). */
export const FORWARD = 0;
export const FILTER = 1;

export function convBand(gemm: GemmFn, im2col: Im2colFn, j: ArrayLike<number>): void {
  const mode = j[0]!, x = j[1]!, w = j[2]!, y = j[3]!, col = j[4]!, scratch = j[5]!, images = j[6]!;
  const H = j[7]!, W = j[8]!, CI = j[9]!, OH = j[10]!, OW = j[11]!, KH = j[12]!, KW = j[13]!;
  const sh = j[14]!, sw = j[15]!, top = j[16]!, left = j[17]!, CO = j[18]!, chunk = j[19]!, group = j[20]!;
  const R = KH * KW * CI;
  const per = OH * OW;
  if (mode === 0) {
    const P = images * per;
    for (let p0 = 0; p0 < P; p0 += chunk) {
      const n = Math.min(chunk, P - p0);
      im2col(x, col, 4 * R, H, W, CI, OH, OW, KH, KW, sh, sw, top, left, p0, n);
      gemm(col, w, y + 4 * p0 * CO, n, CO, R, 4 * R, 4, 4 * CO, 4, 4 * CO, 0, scratch);
    }
    return;
  }
  for (let g = 0; g * group < images; g++) {
    const first = g * group * per;
    const P = Math.min(group, images - g * group) * per;
    for (let p = 0; p < P; p += chunk) {
      const n = Math.min(chunk, P - p);
      im2col(x, col, 4 * R, H, W, CI, OH, OW, KH, KW, sh, sw, top, left, first + p, n);
      // dWᵀ[co, r] += dyᵀ[co, p] · col[p, r]: dyᵀ read through strides.
      gemm(y + 4 * (first + p) * CO, col, w + 4 * g * CO * R, CO, R, n, 4, 4 * CO, 4 * R, 4, 4 * R, p === 0 ? 0 : 1, scratch);
    }
  }
}
