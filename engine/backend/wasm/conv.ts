// Convolution weight gradients for the wasm backend, which 4.22 ships without. The full
// convolution's filter gradient is an im2col followed by one plain XNNPACK product per
// chunk of images; the depthwise ones are direct loops (their work is small).
import { backend_util, type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import { callWasm, f32, free, type Wasm } from './heap.js';

type Args = { inputs: Record<string, TensorInfo>; backend: Wasm; attrs: NamedAttrMap };

/** im2col buffers are capped at this many floats (16 MiB) so big batches go in chunks. */
let COL_CAP = 4 * 1024 * 1024;

/** Sets the im2col cap (floats) and returns the previous one; tests use it to force chunks. */
export function setIm2colCap(floats: number): number {
  const old = COL_CAP;
  COL_CAP = floats;
  return old;
}

function channelsLast(format: unknown, kernel: string): void {
  if (format !== undefined && format !== 'NHWC' && format !== 'channelsLast') {
    throw new Error(`${kernel} on wasm supports NHWC only, got dataFormat '${String(format)}'`);
  }
}

/** dW[kh,kw,ci,co] = sum over images and output positions of patch(x) * dy, computed as
 *  dyᵀ[co,p] · col[p,(kh,kw,ci)] so that both operands are built with contiguous copies. */
function conv2DBackpropFilter({ inputs, backend, attrs }: Args): TensorInfo {
  const x = inputs.x!;
  const dy = inputs.dy!;
  channelsLast(attrs.dataFormat, 'Conv2DBackpropFilter');
  const filterShape = attrs.filterShape as [number, number, number, number];
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], filterShape, attrs.strides as number | [number, number], 1,
    attrs.pad as 'valid' | 'same' | number, attrs.dimRoundingMode as 'floor' | undefined);
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: CI, outHeight: OH, outWidth: OW, outChannels: CO } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const K = KH * KW * CI;
  const perImage = OH * OW;
  const chunk = Math.max(1, Math.floor(COL_CAP / Math.max(1, perImage * K)));
  const acc = new Float32Array(K * CO);
  for (let b0 = 0; b0 < B; b0 += chunk) {
    const nb = Math.min(chunk, B - b0);
    const P = nb * perImage;
    const col = backend.makeOutput([P, K], 'float32');
    const dyT = backend.makeOutput([CO, P], 'float32');
    const xv = f32(backend, x);
    const dyv = f32(backend, dy);
    const cv = f32(backend, col);
    const tv = f32(backend, dyT);
    let p = 0;
    for (let b = b0; b < b0 + nb; b++) {
      const xb = b * H * W * CI;
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++, p++) {
          let o = p * K;
          for (let kh = 0; kh < KH; kh++) {
            const ih = oh * sh - top + kh;
            if (ih < 0 || ih >= H) {
              cv.fill(0, o, o + KW * CI);
              o += KW * CI;
              continue;
            }
            const iw0 = ow * sw - left;
            const row = xb + ih * W * CI;
            if (iw0 >= 0 && iw0 + KW <= W) {
              // The whole kernel row is inside the image: one contiguous run.
              const s = row + iw0 * CI;
              for (let i = 0; i < KW * CI; i++) cv[o + i] = xv[s + i]!;
              o += KW * CI;
            } else {
              for (let kw = 0; kw < KW; kw++) {
                const iw = iw0 + kw;
                if (iw < 0 || iw >= W) cv.fill(0, o, o + CI);
                else for (let c = 0; c < CI; c++) cv[o + c] = xv[row + iw * CI + c]!;
                o += CI;
              }
            }
          }
        }
      }
    }
    // dy rows of this chunk are contiguous [P, CO]; transpose them into [CO, P].
    const d0 = b0 * perImage * CO;
    for (let q = 0; q < P; q++) {
      const s = d0 + q * CO;
      for (let c = 0; c < CO; c++) tv[c * P + q] = dyv[s + c]!;
    }
    const prod = callWasm('BatchMatMul', backend, { a: dyT, b: col }, { transposeA: false, transposeB: false });
    const pv = f32(backend, prod);
    for (let c = 0; c < CO; c++) {
      for (let k = 0; k < K; k++) acc[k * CO + c]! += pv[c * K + k]!;
    }
    free(backend, col, dyT, prod);
  }
  const out = backend.makeOutput([...filterShape], 'float32');
  f32(backend, out).set(acc);
  return out;
}

function depthwiseInfo(xShape: number[], filterShape: number[], attrs: NamedAttrMap) {
  return backend_util.computeConv2DInfo(
    xShape as [number, number, number, number], filterShape as [number, number, number, number],
    attrs.strides as number | [number, number], (attrs.dilations ?? 1) as number | [number, number],
    attrs.pad as 'valid' | 'same' | number, attrs.dimRoundingMode as 'floor' | undefined, true);
}

/** dW[kh,kw,c,m] = Σ x[b,ih,iw,c] · dy[b,oh,ow,c·M+m] */
function depthwiseBackpropFilter({ inputs, backend, attrs }: Args): TensorInfo {
  const x = inputs.x!;
  const dy = inputs.dy!;
  const filterShape = attrs.filterShape as number[];
  const info = depthwiseInfo(x.shape, filterShape, attrs);
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, outChannels: CO } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const M = CO / C;
  const out = backend.makeOutput([...filterShape], 'float32');
  const xv = f32(backend, x);
  const dyv = f32(backend, dy);
  const ov = f32(backend, out);
  ov.fill(0);
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
            const xo = ((b * H + ih) * W + iw) * C;
            const wo = (kh * KW + kw) * C * M;
            for (let c = 0; c < C; c++) {
              const xval = xv[xo + c]!;
              for (let m = 0; m < M; m++) ov[wo + c * M + m]! += xval * dyv[d + c * M + m]!;
            }
          }
        }
      }
    }
  }
  return out;
}

/** dx[b,ih,iw,c] = Σ w[kh,kw,c,m] · dy[b,oh,ow,c·M+m], scattered from each output position. */
function depthwiseBackpropInput({ inputs, backend, attrs }: Args): TensorInfo {
  const dy = inputs.dy!;
  const filter = inputs.filter!;
  const inputShape = attrs.inputShape as number[];
  const info = depthwiseInfo(inputShape, filter.shape, attrs);
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, outChannels: CO } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const M = CO / C;
  const out = backend.makeOutput([...inputShape], 'float32');
  const wv = f32(backend, filter);
  const dyv = f32(backend, dy);
  const ov = f32(backend, out);
  ov.fill(0);
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
            const xo = ((b * H + ih) * W + iw) * C;
            const wo = (kh * KW + kw) * C * M;
            for (let c = 0; c < C; c++) {
              let s = 0;
              for (let m = 0; m < M; m++) s += wv[wo + c * M + m]! * dyv[d + c * M + m]!;
              ov[xo + c]! += s;
            }
          }
        }
      }
    }
  }
  return out;
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
export const depthwiseBackpropFilterConfig: KernelConfig = {
  kernelName: 'DepthwiseConv2dNativeBackpropFilter', backendName: 'wasm', kernelFunc: depthwiseBackpropFilter as unknown as KernelFunc,
};
export const depthwiseBackpropInputConfig: KernelConfig = {
  kernelName: 'DepthwiseConv2dNativeBackpropInput', backendName: 'wasm', kernelFunc: depthwiseBackpropInput as unknown as KernelFunc,
};
