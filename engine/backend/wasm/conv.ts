// Convolutions for the wasm backend as im2col and LayerLab's matrix product (./gemm-wat.ts),
// a band of images on each thread (./conv-band.ts, ./gemm-threads.ts): the forward pass
// (stock 4.22 runs XNNPACK's on one thread), the filter gradient 4.22 lacks, and the input
// gradient rewritten as a forward convolution; the depthwise gradients are direct loops
// (their work is small).
import { backend_util, util, type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import { CONV_JOB, FILTER, FORWARD, convBand, type ConvJob } from './conv-band.js';
import { convModule } from './conv-module.js';
import { gemmModule, offsetOf, withScratch } from './gemm.js';
import { threadsFor } from './gemm-threads.js';
import { STOCK, f32, free, type Wasm } from './heap.js';
import { epilogue } from './matmul.js';

type Args = { inputs: Record<string, TensorInfo>; backend: Wasm; attrs: NamedAttrMap };
type ConvInfo = ReturnType<typeof backend_util.computeConv2DInfo>;

const isChannelsLast = (format: unknown) => format === undefined || format === 'NHWC' || format === 'channelsLast';

function channelsLast(format: unknown, kernel: string): void {
  if (!isChannelsLast(format)) {
    throw new Error(`${kernel} on wasm supports NHWC only, got dataFormat '${String(format)}'`);
  }
}

/** Output positions whose im2col rows are built at a time. Measured on the lecture network
 *  (batch 128): 48-128 rows run 15% faster than 256-2048, the rows being read back by the
 *  product while still in cache; wide rows (large filters) get fewer, up to ~256 KiB. */
const chunkRows = (rowBytes: number) => Math.max(16, Math.min(96, Math.floor((256 << 10) / rowBytes)));

/** Runs `mode` of ./conv-band.ts over all of info's images: x, w and y are heap offsets (w the
 *  filter as R × CO for FORWARD; room for one partial dWᵀ per group for FILTER). col and the
 *  product's scratch live on the heap for this thread; large convolutions are shared with
 *  the helper threads by bands of images. */
function run(backend: Wasm, mode: number, x: number, w: number, y: number, info: ConvInfo, group: number): void {
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: CI, outHeight: OH, outWidth: OW, outChannels: CO } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = info;
  const R = KH * KW * CI;
  const chunk = Math.min(chunkRows(4 * R), B * OH * OW);
  const col = backend.makeOutput([chunk, R], 'float32');
  try {
    withScratch(backend, mode === FILTER ? CO : chunk, (scratch) => {
      const job: ConvJob = {
        mode, x, w, y, col: offsetOf(backend, col), scratch, images: B,
        H, W, CI, OH, OW, KH, KW, sh, sw, top: info.padInfo.top, left: info.padInfo.left, CO, chunk, group,
      };
      const kernels = { gemm: gemmModule(backend).gemm, im2col: convModule(backend).im2col };
      const threads = threadsFor(B * OH * OW * R * CO);
      const heap = (backend.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8; // after the last allocation
      if (!threads?.conv(heap, kernels, job)) convBand(kernels.gemm, kernels.im2col, CONV_JOB.map((f) => job[f]));
    });
  } finally {
    free(backend, col);
  }
}

function noDilation(dilations: unknown): boolean {
  return (Array.isArray(dilations) ? dilations : [dilations ?? 1]).every((d) => d === 1);
}

/** conv(x, filter) into a new [B, OH, OW, CO] tensor (no bias or activation). */
function forward(backend: Wasm, x: TensorInfo, filter: TensorInfo, info: ConvInfo): TensorInfo {
  const out = backend.makeOutput([info.batchSize, info.outHeight, info.outWidth, info.outChannels], 'float32');
  if (util.sizeFromShape(out.shape) === 0) return out;
  run(backend, FORWARD, offsetOf(backend, x), offsetOf(backend, filter), offsetOf(backend, out), info, 1);
  return out;
}

/** Conv2D and FusedConv2D: y = act(conv(x, W) + bias), NHWC, dilation 1; the bias and
 *  activation as the fused product applies them. XNNPACK's convolution, which this replaces
 *  for training, runs on one thread: on the lecture's network at batch 128 it took 19 ms for
 *  the 5×5 layer over one channel and 30 ms for the 3×3 one over 30. */
function conv2D(kernelName: string) {
  return (args: Args): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { x, filter, bias, preluActivationWeights } = inputs;
    if (!x || !filter || x.dtype !== 'float32' || filter.dtype !== 'float32' || !noDilation(attrs.dilations) || !isChannelsLast(attrs.dataFormat)) {
      return STOCK.get(kernelName)!(args);
    }
    const info = backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number], filter.shape as [number, number, number, number],
      attrs.strides as number | [number, number], 1, attrs.pad as 'valid' | 'same' | number, attrs.dimRoundingMode as 'floor' | undefined);
    const out = forward(backend, x, filter, info);
    return epilogue(backend, out, bias, preluActivationWeights, attrs, info.batchSize * info.outHeight * info.outWidth, info.outChannels);
  };
}

/** dW[kh,kw,ci,co] = Σ_{b,oh,ow} x[b, oh·sh + kh − top, ow·sw + kw − left, ci] · dy[b,oh,ow,co],
 *  a matrix product over the output positions: dWᵀ[co, r] = dyᵀ[co, p] · col[p, r], where row p
 *  of col is the window of x that position p reads (r = (kh, kw, ci)). Each group of images
 *  (a sixteenth of the batch) gets its own partial dWᵀ, built a chunk of positions at a
 *  time; the partials are added in order, so the result does not depend on how many
 *  threads shared the groups. dyᵀ is read through strides, no copy. */
function conv2DBackpropFilter({ inputs, backend, attrs }: Args): TensorInfo {
  const x = inputs.x!;
  const dy = inputs.dy!;
  channelsLast(attrs.dataFormat, 'Conv2DBackpropFilter');
  if (!noDilation(attrs.dilations)) {
    throw new Error(`Conv2DBackpropFilter on wasm supports dilation 1 only, got ${String(attrs.dilations)}`);
  }
  const filterShape = attrs.filterShape as [number, number, number, number];
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], filterShape, attrs.strides as number | [number, number], 1,
    attrs.pad as 'valid' | 'same' | number, attrs.dimRoundingMode as 'floor' | undefined);
  const { batchSize: B, inChannels: CI, outHeight: OH, outWidth: OW, outChannels: CO, filterHeight: KH, filterWidth: KW } = info;
  const R = KH * KW * CI;
  const out = backend.makeOutput([...filterShape], 'float32');
  if (B * OH * OW === 0 || R * CO === 0) {
    f32(backend, out).fill(0);
    return out;
  }
  const group = Math.ceil(B / 16);
  const groups = Math.ceil(B / group);
  const partials = backend.makeOutput([groups, CO, R], 'float32');
  try {
    run(backend, FILTER, offsetOf(backend, x), offsetOf(backend, partials), offsetOf(backend, dy), info, group);
    // dW[r, co] = Σ_g dWᵀ_g[co, r], groups in order.
    const pv = f32(backend, partials);
    const ov = f32(backend, out);
    for (let co = 0; co < CO; co++) {
      for (let r = 0; r < R; r++) {
        let s = 0;
        for (let g = 0, at = co * R + r; g < groups; g++, at += CO * R) s += pv[at]!;
        ov[r * CO + co] = s;
      }
    }
    return out;
  } finally {
    free(backend, partials);
  }
}

/** dx of a convolution as the "full" convolution of dy (zero-dilated by the stride) with the
 *  filter turned 180° and its channels swapped, run by the forward pass above. The stock
 *  kernel is a direct loop about 10x slower on the lecture's network. Tried and not kept:
 *  dy·Wᵀ through ./gemm-wat.ts then col2im, no faster (both ~30 ms at batch 128). */
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
    const full = backend_util.computeConv2DInfo(
      dyd.shape as [number, number, number, number], wr.shape as [number, number, number, number], 1, 1,
      [[0, 0], [pt, pb], [pl, pr], [0, 0]] as unknown as number);
    return forward(backend, dyd, wr, full);
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

/** Replace the stock kernels; the stock ones still serve dilations, NCHW and other dtypes. */
export const conv2DConfig: Omit<KernelConfig, 'setupFunc'> = {
  kernelName: 'Conv2D', backendName: 'wasm', kernelFunc: conv2D('Conv2D') as unknown as KernelFunc,
};
export const fusedConv2DConfig: Omit<KernelConfig, 'setupFunc'> = {
  kernelName: 'FusedConv2D', backendName: 'wasm', kernelFunc: conv2D('FusedConv2D') as unknown as KernelFunc,
};
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
