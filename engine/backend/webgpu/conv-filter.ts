// Conv2DBackpropFilter on webgpu as a split-K matrix product. Stock tfjs-backend-webgpu 4.22
// gives each filter weight one thread that walks the whole batch (batch × output rows ×
// output columns, ~70,000 steps for a 28×28 MNIST batch of 128), so a 5×5×1×30 filter
// keeps 750 threads busy for milliseconds while the rest of the GPU idles: on an H200 the
// convolutional network's step was bound by it. The filter gradient is the product
// dW[(ky,kx,ci), co] = Σ_k im2col(x)[k, (ky,kx,ci)] · dy[k, co] over k = (batch, oy, ox);
// here the long k axis is cut into chunks, each workgroup multiplies one 16×16 output tile
// over one chunk through workgroup memory (im2col is done on the fly, never stored), and a
// second dispatch adds the chunks' partial tiles.
import * as tf from '@tensorflow/tfjs-core';
import { FlatProgram, type ProgramBackend, type TensorInfo, type Uniform } from './program.js';

const TILE = 16;
/** Aim for about this many workgroups in the first pass, so that every SM of a big GPU has work. */
const TARGET_GROUPS = 512;
/** ... but never chunks shorter than this many k steps: the partials would cost more than they save. */
const MIN_CHUNK = 256;

/** How the k axis (batch × output rows × output columns) is cut. */
export function splitK(k: number, rows: number, cols: number): { splits: number; chunk: number } {
  const tiles = Math.ceil(rows / TILE) * Math.ceil(cols / TILE);
  const wanted = Math.max(1, Math.min(Math.ceil(TARGET_GROUPS / tiles), Math.floor(k / MIN_CHUNK)));
  // A whole number of 16-step tiles per chunk keeps every chunk's loop the same length.
  const chunk = Math.ceil(Math.ceil(k / wanted) / TILE) * TILE;
  return { splits: Math.ceil(k / chunk), chunk };
}

/** First pass: partial[s, m, co] over chunk s of k. Its loop count is a uniform, so the
 *  barriers stay in uniform control flow; the chunk's end is checked per load. */
class PartialProgram {
  variableNames = ['x', 'dy'];
  uniforms = 'padTop : i32, padLeft : i32, strideH : i32, strideW : i32, kw : i32, ci : i32, chunk : i32, kTotal : i32, tiles : i32,';
  workgroupSize: [number, number, number] = [TILE, TILE, 1];
  outputShape: number[];
  dispatchLayout = { x: [2], y: [1], z: [0] };
  dispatch: [number, number, number];
  shaderKey = 'layerlabConv2DDerFilterSplitK';

  constructor(splits: number, rows: number, cols: number) {
    this.outputShape = [splits, rows, cols];
    this.dispatch = [Math.ceil(cols / TILE), Math.ceil(rows / TILE), splits];
  }

  getUserCode(): string {
    return `
var<workgroup> tileA : array<array<f32, ${TILE}>, ${TILE}>;
var<workgroup> tileB : array<array<f32, ${TILE}>, ${TILE}>;

fn main() {
  let tx = i32(localId.x);
  let ty = i32(localId.y);
  let rows = uniforms.outShape[1];
  let cols = uniforms.outShape[2];
  let n0 = i32(workgroupId.x) * ${TILE};
  let m0 = i32(workgroupId.y) * ${TILE};
  let s = i32(workgroupId.z);
  let kBegin = s * uniforms.chunk;
  let kEnd = min(kBegin + uniforms.chunk, uniforms.kTotal);
  // The im2col column this thread loads: filter row, column and input channel.
  let mA = m0 + tx;
  let ciA = mA % uniforms.ci;
  let kxA = (mA / uniforms.ci) % uniforms.kw;
  let kyA = mA / (uniforms.ci * uniforms.kw);
  let inH = uniforms.xShape[1];
  let inW = uniforms.xShape[2];
  let outH = uniforms.dyShape[1];
  let outW = uniforms.dyShape[2];
  let nB = n0 + tx;
  var acc = 0.0;
  for (var t = 0; t < uniforms.tiles; t++) {
    let k = kBegin + t * ${TILE} + ty;
    var a = 0.0;
    var b = 0.0;
    if (k < kEnd) {
      if (mA < rows) {
        let ox = k % outW;
        let rest = k / outW;
        let oy = rest % outH;
        let batch = rest / outH;
        let iy = oy * uniforms.strideH + kyA - uniforms.padTop;
        let ix = ox * uniforms.strideW + kxA - uniforms.padLeft;
        if (iy >= 0 && iy < inH && ix >= 0 && ix < inW) {
          a = x[((batch * inH + iy) * inW + ix) * uniforms.ci + ciA];
        }
      }
      if (nB < cols) {
        b = dy[k * cols + nB];
      }
    }
    tileA[ty][tx] = a;
    tileB[ty][tx] = b;
    workgroupBarrier();
    for (var kk = 0; kk < ${TILE}; kk++) {
      acc = fma(tileA[kk][ty], tileB[kk][tx], acc);
    }
    workgroupBarrier();
  }
  let m = m0 + ty;
  let n = n0 + tx;
  if (m < rows && n < cols) {
    result[(s * rows + m) * cols + n] = acc;
  }
}`;
  }
}

/** Second pass: the sum of the chunks' partials, in the filter's shape. */
class SumProgram extends FlatProgram {
  variableNames = ['p'];
  size = true;
  shaderKey = 'layerlabConv2DDerFilterSum';

  getUserCode(): string {
    return `
fn main(index : i32) {
  if (index < uniforms.size) {
    var total = 0.0;
    for (var s = 0; s < uniforms.pShape[0]; s++) {
      total = total + p[s * uniforms.size + index];
    }
    setOutputAtIndex(index, total);
  }
}`;
  }
}

interface Args {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: ProgramBackend;
  attrs: { strides: number | [number, number]; pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding; dataFormat: 'NHWC' | 'NCHW'; dimRoundingMode?: 'floor' | 'round' | 'ceil'; filterShape: [number, number, number, number] };
}

/** The split-K kernel for channels-last input; anything else goes to `stock`. */
export function makeConvFilterKernel(stock: tf.KernelFunc): tf.KernelFunc {
  return ((args: Args) => {
    const { inputs: { x, dy }, backend, attrs } = args;
    if (attrs.dataFormat === 'NCHW' || x.dtype !== 'float32' || dy.dtype !== 'float32') return stock(args as never);
    const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
    const rows = info.filterHeight * info.filterWidth * info.inChannels;
    const cols = info.outChannels;
    const k = info.batchSize * info.outHeight * info.outWidth;
    if (k === 0 || rows === 0 || cols === 0) return stock(args as never);
    const { splits, chunk } = splitK(k, rows, cols);
    const int = (v: number): Uniform => ({ type: 'int32', data: [v] });
    const partial = backend.runWebGPUProgram(new PartialProgram(splits, rows, cols), [x, dy], 'float32', [
      int(info.padInfo.top), int(info.padInfo.left), int(info.strideHeight), int(info.strideWidth),
      int(info.filterWidth), int(info.inChannels), int(chunk), int(k), int(chunk / TILE),
    ]);
    const out = backend.runWebGPUProgram(new SumProgram(info.filterShape), [partial], 'float32');
    // Released once the queued dispatches have run, as tfjs' own intermediates are.
    backend.disposeData(partial.dataId);
    return out as never;
  }) as unknown as tf.KernelFunc;
}

let installed = false;

/** Puts the split-K kernel in place of webgpu's Conv2DBackpropFilter. Idempotent. */
export function installConvFilterKernel(): void {
  if (installed) return;
  const stock = tf.getKernel('Conv2DBackpropFilter', 'webgpu');
  if (!stock) return;
  installed = true;
  tf.unregisterKernel('Conv2DBackpropFilter', 'webgpu');
  tf.registerKernel({ ...stock, kernelFunc: makeConvFilterKernel(stock.kernelFunc) });
}
