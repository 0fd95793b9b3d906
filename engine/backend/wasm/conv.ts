// Convolution gradients for the wasm backend: the filter gradient 4.22 lacks, as im2col and
// LayerLab's matrix product (./gemm-wat.ts); a faster input gradient rewritten as a forward
// convolution that XNNPACK runs; the depthwise ones are direct loops (their work is small).
import { backend_util, type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import { convModule } from './conv-module.js';
import { gemmModule, offsetOf, withScratch } from './gemm.js';
import { STOCK, callWasm, f32, free, type Wasm } from './heap.js';

type Args = { inputs: Record<string, TensorInfo>; backend: Wasm; attrs: NamedAttrMap };

function channelsLast(format: unknown, kernel: string): void {
  if (format !== undefined && format !== 'NHWC' && format !== 'channelsLast') {
    throw new Error(`${kernel} on wasm supports NHWC only, got dataFormat '${String(format)}'`);
  }
}

/** Output positions whose im2col rows are built at a time. Measured on the lecture network
 *  (batch 128): 48-128 rows run 15% faster than 256-2048, the rows being read back by the
 *  product while still in cache; wide rows (large filters) get fewer, up to ~256 KiB. */
const chunkRows = (rowBytes: number) => Math.max(16, Math.min(96, Math.floor((256 << 10) / rowBytes)));

/** dW[kh,kw,ci,co] = Σ_{b,oh,ow} x[b, oh·sh + kh − top, ow·sw + kw − left, ci] · dy[b,oh,ow,co],
 *  a matrix product over the output positions: dWᵀ[co, r] = dyᵀ[co, p] · col[p, r], where row p
 *  of col is the window of x that position p reads (r = (kh, kw, ci)). col is built a chunk
 *  of positions at a time (./conv-wat.ts) and the product (./gemm-wat.ts) adds each chunk's
 *  share into dWᵀ; dyᵀ is read through strides, no copy. */
function conv2DBackpropFilter({ inputs, backend, attrs }: Args): TensorInfo {
  const x = inputs.x!;
  const dy = inputs.dy!;
  channelsLast(attrs.dataFormat, 'Conv2DBackpropFilter');
  const dil = attrs.dilations ?? 1;
  if ((Array.isArray(dil) ? dil : [dil]).some((d) => d !== 1)) {
    throw new Error(`Conv2DBackpropFilter on wasm supports dilation 1 only, got ${String(dil)}`);
  }
  const filterShape = attrs.filterShape as [number, number, number, number];
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], filterShape, attrs.strides as number | [number, number], 1,
    attrs.pad as 'valid' | 'same' | number, attrs.dimRoundingMode as 'floor' | undefined);
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: CI, outHeight: OH, outWidth: OW, outChannels: CO } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = info;
  const R = KH * KW * CI;
  const P = B * OH * OW;
  const out = backend.makeOutput([...filterShape], 'float32');
  if (P === 0 || R * CO === 0) {
    f32(backend, out).fill(0);
    return out;
  }
  const chunk = Math.min(chunkRows(4 * R), P);
  const col = backend.makeOutput([chunk, R], 'float32');
  const acc = backend.makeOutput([CO, R], 'float32');
  try {
    const conv = convModule(backend);
    const gemm = gemmModule(backend);
    const px = offsetOf(backend, x);
    const pdy = offsetOf(backend, dy);
    const pcol = offsetOf(backend, col);
    const pacc = offsetOf(backend, acc);
    withScratch(backend, CO, (scratch) => {
      for (let p0 = 0; p0 < P; p0 += chunk) {
        const n = Math.min(chunk, P - p0);
        conv.im2col(px, pcol, 4 * R, H, W, CI, OH, OW, KH, KW, sh, sw, info.padInfo.top, info.padInfo.left, p0, n);
        gemm.gemm(pdy + 4 * p0 * CO, pcol, pacc, CO, R, n, 4, 4 * CO, 4 * R, 4, 4 * R, p0 === 0 ? 0 : 1, scratch);
      }
    });
    // dWᵀ[co, r] → dW[r, co].
    const av = f32(backend, acc);
    const ov = f32(backend, out);
    for (let co = 0; co < CO; co++) for (let r = 0; r < R; r++) ov[r * CO + co] = av[co * R + r]!;
    return out;
  } finally {
    free(backend, col, acc);
  }
}

/** dx of a convolution as the "full" convolution of dy (zero-dilated by the stride) with the
 *  filter turned 180° and its channels swapped, run by XNNPACK's fast forward Conv2D. The
 *  stock kernel is a direct loop about 10x slower on the lecture's network. Tried and not
 *  kept: dy·Wᵀ through ./gemm-wat.ts then col2im, no faster (both ~30 ms at batch 128). */
function conv2DBackpropInput(args: Args): TensorInfo {
  const { inputs, backend, attrs } = args;
  const dy = inputs.dy!;
  const filter = inputs.filter!;
  channelsLast(attrs.dataFormat, 'Conv2DBackpropInput');
  const inputShape = attrs.inputShape as [number, number, number, number];
  const info = backend_util.computeConv2DInfo(
    inputShape, filter.shape as [number, number, number, number], attrs.strides as number | [number, number], 1,
    attrs.pad as 'valid' | 'same' | number, attrs.dimRoundingMode as 'floor' | undefined);
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: CI, outHeight: OH, outWidth: OW, outChannels: CO } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = info;
  const OHd = (OH - 1) * sh + 1;
  const OWd = (OW - 1) * sw + 1;
  const pt = KH - 1 - info.padInfo.top;
  const pl = KW - 1 - info.padInfo.left;
  const pb = H - OHd - pt + KH - 1;
  const pr = W - OWd - pl + KW - 1;
  if (pt < 0 || pl < 0 || pb < 0 || pr < 0) return STOCK.get('Conv2DBackpropInput')!(args);
  const temps: TensorInfo[] = [];
  let dyd = dy;
  if (sh > 1 || sw > 1) {
    dyd = backend.makeOutput([B, OHd, OWd, CO], 'float32');
    temps.push(dyd);
  }
  const wr = backend.makeOutput([KH, KW, CO, CI], 'float32');
  temps.push(wr);
  const wv = f32(backend, filter);
  const rv = f32(backend, wr);
  for (let kh = 0; kh < KH; kh++) {
    for (let kw = 0; kw < KW; kw++) {
      const src = ((KH - 1 - kh) * KW + (KW - 1 - kw)) * CI * CO;
      const dst = (kh * KW + kw) * CO * CI;
      for (let ci = 0; ci < CI; ci++) for (let co = 0; co < CO; co++) rv[dst + co * CI + ci] = wv[src + ci * CO + co]!;
    }
  }
  if (dyd !== dy) {
    const dv = f32(backend, dy);
    const ddv = f32(backend, dyd);
    ddv.fill(0);
    for (let b = 0; b < B; b++) {
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++) {
          const s = ((b * OH + oh) * OW + ow) * CO;
          const d = ((b * OHd + oh * sh) * OWd + ow * sw) * CO;
          for (let c = 0; c < CO; c++) ddv[d + c] = dv[s + c]!;
        }
      }
    }
  }
  try {
    return callWasm('Conv2D', backend, { x: dyd, filter: wr }, {
      strides: 1, dilations: 1, dataFormat: 'NHWC', pad: [[0, 0], [pt, pb], [pl, pr], [0, 0]],
    } as unknown as NamedAttrMap);
  } finally {
    free(backend, ...temps);
  }
}

function depthwiseInfo(xShape: number[], filterShape: number[], attrs: NamedAttrMap) {
  return backend_util.computeConv2DInfo(
    xShape as [number, number, number, number], filterShape as [number, number, number, number],
    attrs.strides as number | [number, number], (attrs.dilations ?? 1) as number | [number, number],
    attrs.pad as 'valid' | 'same' | number, attrs.dimRoundingMode as 'floor' | undefined, true);
}

/** Visits every (output position, kernel tap) pair of a depthwise convolution whose input
 *  pixel lies inside the image, with the offsets of that input pixel (xo), that tap's filter
 *  slice (wo) and that output position (d). Both gradients walk the same windows. */
function forEachDepthwiseTap(info: ReturnType<typeof depthwiseInfo>, visit: (xo: number, wo: number, d: number) => void): void {
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, outChannels: CO } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const M = CO / C;
  for (let b = 0; b < B; b++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const d = ((b * OH + oh) * OW + ow) * CO;
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * sh - info.padInfo.top + kh * dh;
          if (ih < 0 || ih >= H) continue;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * sw - info.padInfo.left + kw * dw;
            if (iw < 0 || iw >= W) continue;
            visit(((b * H + ih) * W + iw) * C, (kh * KW + kw) * C * M, d);
          }
        }
      }
    }
  }
}

/** dW[kh,kw,c,m] = Σ x[b,ih,iw,c] · dy[b,oh,ow,c·M+m] */
function depthwiseBackpropFilter({ inputs, backend, attrs }: Args): TensorInfo {
  const x = inputs.x!;
  const dy = inputs.dy!;
  const filterShape = attrs.filterShape as number[];
  const info = depthwiseInfo(x.shape, filterShape, attrs);
  const C = info.inChannels;
  const M = info.outChannels / C;
  const out = backend.makeOutput([...filterShape], 'float32');
  const xv = f32(backend, x);
  const dyv = f32(backend, dy);
  const ov = f32(backend, out);
  ov.fill(0);
  forEachDepthwiseTap(info, (xo, wo, d) => {
    for (let c = 0; c < C; c++) {
      const xval = xv[xo + c]!;
      for (let m = 0; m < M; m++) ov[wo + c * M + m]! += xval * dyv[d + c * M + m]!;
    }
  });
  return out;
}

/** dx[b,ih,iw,c] = Σ w[kh,kw,c,m] · dy[b,oh,ow,c·M+m], scattered from each output position. */
function depthwiseBackpropInput({ inputs, backend, attrs }: Args): TensorInfo {
  const dy = inputs.dy!;
  const filter = inputs.filter!;
  const inputShape = attrs.inputShape as number[];
  const info = depthwiseInfo(inputShape, filter.shape, attrs);
  const C = info.inChannels;
  const M = info.outChannels / C;
  const out = backend.makeOutput([...inputShape], 'float32');
  const wv = f32(backend, filter);
  const dyv = f32(backend, dy);
  const ov = f32(backend, out);
  ov.fill(0);
  forEachDepthwiseTap(info, (xo, wo, d) => {
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let m = 0; m < M; m++) s += wv[wo + c * M + m]! * dyv[d + c * M + m]!;
      ov[xo + c]! += s;
    }
  });
  return out;
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
/** Replaces the stock kernel; the stock one still serves paddings the full convolution
 *  cannot express. */
export const conv2DBackpropInputConfig: Omit<KernelConfig, 'setupFunc'> = {
  kernelName: 'Conv2DBackpropInput', backendName: 'wasm', kernelFunc: conv2DBackpropInput as unknown as KernelFunc,
};
export const depthwiseBackpropFilterConfig: KernelConfig = {
  kernelName: 'DepthwiseConv2dNativeBackpropFilter', backendName: 'wasm', kernelFunc: depthwiseBackpropFilter as unknown as KernelFunc,
};
export const depthwiseBackpropInputConfig: KernelConfig = {
  kernelName: 'DepthwiseConv2dNativeBackpropInput', backendName: 'wasm', kernelFunc: depthwiseBackpropInput as unknown as KernelFunc,
};
