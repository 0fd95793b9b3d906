// What LayerLab's own tfjs-backend-webgpu programs share: the shapes of the backend's
// runWebGPUProgram (tfjs-backend-webgpu 4.22 exports no types for it), a base for programs
// with one thread per output element or per row, and kernel registration.
import * as tf from '@tensorflow/tfjs-core';

export interface TensorInfo {
  dataId: object;
  shape: number[];
  dtype: string;
}

export interface Uniform {
  type: 'float32' | 'int32' | 'uint32';
  data: number[];
}

/** The backend as a kernel sees it. tfjs builds each program's shader around its
 *  getUserCode(): bindings named after variableNames, a `uniforms` struct (shapes, strides,
 *  `size` when the program sets it, then the program's own `uniforms` fields). */
export interface ProgramBackend {
  runWebGPUProgram(program: object, inputs: TensorInfo[], dtype: string, uniforms?: Uniform[]): TensorInfo;
  disposeData(dataId: object): void;
}

export const FLAT_GROUP = 64;

/** A program over `shape` run by `threads` threads (by default one per element), 64 to a
 *  workgroup; its main(index) gets the thread's flat index. */
export abstract class FlatProgram {
  abstract variableNames: string[];
  abstract shaderKey: string;
  workgroupSize: [number, number, number] = [FLAT_GROUP, 1, 1];
  outputShape: number[];
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];

  constructor(shape: number[], threads = tf.util.sizeFromShape(shape)) {
    this.outputShape = shape;
    this.dispatchLayout = { x: shape.map((_, i) => i) };
    // tfjs folds an x beyond the device's limit into y and z.
    this.dispatch = [Math.ceil(threads / FLAT_GROUP), 1, 1];
  }

  abstract getUserCode(): string;
}

/** Registers each kernel on webgpu unless it already is. */
export function registerWebGpuKernels(kernels: readonly (readonly [string, (args: never) => TensorInfo])[]): void {
  for (const [kernelName, kernelFunc] of kernels) {
    if (!tf.getKernel(kernelName, 'webgpu')) tf.registerKernel({ kernelName, backendName: 'webgpu', kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
}
