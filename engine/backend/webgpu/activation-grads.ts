// One-dispatch gradients for relu and softmax on webgpu (../fused-dense.ts uses them where
// they are registered): stock tfjs-core spends two kernels on relu's (step, mul) and four on
// softmax's (mul, sum, mul, sub).
import * as tf from '@tensorflow/tfjs-core';
import { RELU_GRAD, SOFTMAX_GRAD } from '../fused-dense.js';
import { FlatProgram, registerWebGpuKernels, type ProgramBackend, type TensorInfo } from './program.js';

/** dy · step(y): step is 1 where y > 0, NaN where y is NaN, else 0 (tfjs-core's mul and step). */
class ReluGradProgram extends FlatProgram {
  variableNames = ['dy', 'y'];
  size = true;
  shaderKey = 'layerlabReluGrad';

  getUserCode(): string {
    return `
fn main(index : i32) {
  if (index < uniforms.size) {
    let v = y[index];
    setOutputAtIndex(index, dy[index] * select(select(0.0, v, v != v), 1.0, v > 0.0));
  }
}`;
  }
}

/** One thread a row: dy·y − Σ(dy·y)·y, in stock's order of operations. */
class SoftmaxGradProgram extends FlatProgram {
  variableNames = ['dy', 'y'];
  uniforms = 'rows : i32, cols : i32,';
  shaderKey = 'layerlabSoftmaxGrad';

  constructor(shape: number[], rows: number) {
    super(shape, rows);
  }

  getUserCode(): string {
    return `
fn main(row : i32) {
  if (row < uniforms.rows) {
    let base = row * uniforms.cols;
    var s = 0.0;
    for (var j = 0; j < uniforms.cols; j++) {
      s = s + dy[base + j] * y[base + j];
    }
    for (var j = 0; j < uniforms.cols; j++) {
      let i = base + j;
      result[i] = dy[i] * y[i] - s * y[i];
    }
  }
}`;
  }
}

type Args = { inputs: { dy: TensorInfo; y: TensorInfo }; backend: ProgramBackend };

function reluGrad({ inputs: { dy, y }, backend }: Args): TensorInfo {
  return backend.runWebGPUProgram(new ReluGradProgram(dy.shape), [dy, y], 'float32');
}

function softmaxGrad({ inputs: { dy, y }, backend }: Args): TensorInfo {
  const cols = y.shape[y.shape.length - 1] ?? 1;
  const rows = tf.util.sizeFromShape(y.shape) / Math.max(cols, 1);
  return backend.runWebGPUProgram(new SoftmaxGradProgram(y.shape, rows), [dy, y], 'float32', [
    { type: 'int32', data: [rows] },
    { type: 'int32', data: [cols] },
  ]);
}

/** Registers both on webgpu. Idempotent. */
export function registerActivationGrads(): void {
  registerWebGpuKernels([[RELU_GRAD, reluGrad], [SOFTMAX_GRAD, softmaxGrad]]);
}
