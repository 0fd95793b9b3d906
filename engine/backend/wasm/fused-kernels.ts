// The fused training kernels of ../fused-dense.ts, ../fused-conv.ts and
// engine/compile/losses.ts on the wasm backend, as webgpu has them (../webgpu/install.ts).
// On wasm each tfjs op costs tens of µs of overhead (an allocation, a kernel lookup, the tape),
// and the standard MLP's step spends most of its time outside the matrix products in about 40
// tiny ops: the composed cross-entropy (about 7 forward, 10 backward), relu's gradient (step,
// mul) and softmax's (mul, sum, mul, sub). Here each is one JavaScript loop over the heap
// (relu's gradient: one WebAssembly SIMD pass):
//   LayerLabCrossentropy      t, p → L = -(1/B) Σ_rows Σ_i t_i log clip(p_i / Σ_j p_j, ε, 1 - ε)
//   LayerLabCrossentropyGrad  t, p, dy → dy · (u_k - Σ_i u_i q_i) / Σ_j p_j, with q = p / Σ p,
//                             u_i = -t_i·mask_i / (clip(q_i)·B), mask_i = (ε ≤ q_i ≤ 1 - ε)
//   LayerLabReluGrad          dy, y → dy · step(y): dy where y > 0, NaN where y is NaN, else 0
//   LayerLabSoftmaxGrad       dy, y → per row dy·y - Σ(dy·y)·y
// (the math of ../webgpu/crossentropy.ts and ../webgpu/activation-grads.ts). Values are
// rounded to float32 (Math.fround) where the composed cpu ops round them, and sums run in
// float64 as tfjs-cpu's do, so results agree with the composed ops to float rounding.
// Dense and Conv2D layers run as the backend's _FusedMatMul / FusedConv2D (LayerLab's own
// wasm kernels, ./matmul.ts and ./conv.ts) through the same per-backend registration.
import * as tf from '@tensorflow/tfjs-core';
import { installFusedConv, registerConvKernel } from '../fused-conv.js';
import { installFusedDense, registerDenseKernel, RELU_GRAD, SOFTMAX_GRAD } from '../fused-dense.js';
import { CROSSENTROPY_GRAD_KERNEL, CROSSENTROPY_KERNEL, EPSILON } from '../../compile/losses.js';
import { gemmModule, offsetOf } from './gemm.js';
import { f32, ints, type Wasm } from './heap.js';
import { registerWasmTrainingKernels } from './register.js';

type TensorInfo = tf.TensorInfo;

const LO = EPSILON;
const HI = 1 - EPSILON;
// The bounds as float32 tensors hold them: tfjs' clip gradient compares q with these.
const LO32 = Math.fround(LO);
const HI32 = Math.fround(HI);
const fr = Math.fround;

interface Args {
  inputs: Record<string, TensorInfo>;
  backend: Wasm;
}

/** Targets as numbers: float32 in place, int32 (tf.oneHot) and bool copied. */
function targets(backend: Wasm, t: TensorInfo): ArrayLike<number> {
  return t.dtype === 'float32' ? f32(backend, t) : ints(backend, t);
}

/** [rows, cols] of a [.., C] tensor, rows over all leading axes. */
function rowsCols(shape: number[]): [number, number] {
  const cols = shape[shape.length - 1] ?? 1;
  return [cols === 0 ? 0 : tf.util.sizeFromShape(shape) / cols, cols];
}

/** float32 clip of a float32 value, as tfjs-cpu's ClipByValue (double bounds, stored f32). */
const clip = (q: number) => fr(q < LO ? LO : q > HI ? HI : q);

/** Σ_j p_j over one row, rounded to float32 as tfjs' row sum stores it. */
function rowSum(pv: Float32Array, base: number, cols: number): number {
  let s = 0;
  for (let i = 0; i < cols; i++) s += pv[base + i]!;
  return fr(s);
}

function crossentropy({ inputs: { t, p }, backend }: Args): TensorInfo {
  const out = backend.makeOutput([], 'float32');
  const [rows, cols] = rowsCols(p!.shape);
  const tv = targets(backend, t!);
  const pv = f32(backend, p!); // views after the last makeOutput
  let total = 0;
  for (let r = 0, base = 0; r < rows; r++, base += cols) {
    const s = rowSum(pv, base, cols);
    let row = 0;
    for (let i = 0; i < cols; i++) {
      const ti = tv[base + i]!;
      // t·log(c) is 0 for t = 0 (as the composed product is for any finite log c).
      if (ti !== 0) row += fr(ti * fr(Math.log(clip(fr(pv[base + i]! / s)))));
    }
    total += fr(row);
  }
  // Rows = 0 gives NaN, as the composed mean of nothing.
  f32(backend, out)[0] = fr(-fr(fr(total) / rows));
  return out;
}

function crossentropyGrad({ inputs: { t, p, dy }, backend }: Args): TensorInfo {
  const out = backend.makeOutput([...p!.shape], 'float32');
  const [rows, cols] = rowsCols(p!.shape);
  const tv = targets(backend, t!);
  const pv = f32(backend, p!);
  const g0 = f32(backend, dy!)[0]!;
  const ov = f32(backend, out);
  const negInvB = -1 / rows;
  // u_i for one row, reused across rows.
  const u = new Float64Array(cols);
  for (let r = 0, base = 0; r < rows; r++, base += cols) {
    const s = rowSum(pv, base, cols);
    let dot = 0;
    for (let i = 0; i < cols; i++) {
      const q = fr(pv[base + i]! / s);
      const ti = tv[base + i]!;
      // Outside the clip's range its gradient is 0 (tfjs' ClipByValue gradient).
      const ui = ti !== 0 && q >= LO32 && q <= HI32 ? (negInvB * ti) / clip(q) : 0;
      u[i] = ui;
      dot += ui * q;
    }
    const g = g0 / s;
    for (let i = 0; i < cols; i++) ov[base + i] = g * (u[i]! - dot);
  }
  return out;
}

/** One SIMD pass of the gemm module (./gemm-wat.ts relu_grad): a JavaScript loop took about
 *  6 ns an element, 14 ms on the convolutional network's [128, 24, 24, 30] activation. */
function reluGrad({ inputs: { dy, y }, backend }: Args): TensorInfo {
  const out = backend.makeOutput([...dy!.shape], 'float32');
  const n = tf.util.sizeFromShape(dy!.shape);
  if (n > 0) gemmModule(backend).relu_grad(offsetOf(backend, dy!), offsetOf(backend, y!), offsetOf(backend, out), n);
  return out;
}

/** In stock's order: dy·y (f32), its row sum s (f64 accumulated, f32), then dy·y - s·y. */
function softmaxGrad({ inputs: { dy, y }, backend }: Args): TensorInfo {
  const out = backend.makeOutput([...y!.shape], 'float32');
  const [rows, cols] = rowsCols(y!.shape);
  const dv = f32(backend, dy!);
  const yv = f32(backend, y!);
  const ov = f32(backend, out);
  for (let r = 0, base = 0; r < rows; r++, base += cols) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += fr(dv[base + j]! * yv[base + j]!);
    s = fr(s);
    for (let j = 0; j < cols; j++) {
      const i = base + j;
      ov[i] = fr(dv[i]! * yv[i]!) - fr(s * yv[i]!);
    }
  }
  return out;
}

export const WASM_FUSED_KERNELS: readonly [string, (args: Args) => TensorInfo][] = [
  [CROSSENTROPY_KERNEL, crossentropy],
  [CROSSENTROPY_GRAD_KERNEL, crossentropyGrad],
  [RELU_GRAD, reluGrad],
  [SOFTMAX_GRAD, softmaxGrad],
];

let installed = false;

/** Registers the four kernels on wasm, LayerLabDense and LayerLabConv2D on wasm, and the
 *  layer patches that use them. Idempotent. */
export function installWasmFusedKernels(): void {
  if (installed) return;
  installed = true;
  // registerDenseKernel keeps the _FusedMatMul registered when it runs: LayerLab's, not stock's.
  registerWasmTrainingKernels();
  for (const [kernelName, fn] of WASM_FUSED_KERNELS) {
    if (!tf.getKernel(kernelName, 'wasm')) tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: fn as unknown as tf.KernelFunc });
  }
  registerDenseKernel('wasm');
  installFusedDense();
  registerConvKernel('wasm');
  installFusedConv();
}
