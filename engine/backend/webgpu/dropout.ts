// Dropout while training on webgpu, as one dispatch forward and one backward. Stock tfjs-core
// draws the uniform noise on the host (seedrandom's Alea, one value at a time: 65,536 values a
// step for each of the standard MLP's Dropout layers), uploads it, then runs add, floor, div
// and mul; the gradient is one more mul by the stored mask. Here the mask is a hash of the
// element index and two 32-bit keys, made on the GPU where it is used and made again by the
// gradient, so nothing is drawn on the host and no mask is stored. Masks differ from stock's
// (not the same generator), but follow the layer's seed: the same seed keeps the same
// elements, so a seeded run repeats. Only the plain case is taken over (../dropout-hook.ts).
import * as tf from '@tensorflow/tfjs-core';
import { takeOverDropout } from '../dropout-hook.js';
import { FlatProgram, registerWebGpuKernels, type ProgramBackend, type TensorInfo } from './program.js';

const KERNEL = 'LayerLabDropoutGpu';

/** out[i] = x[i] · scale where the hash of (i, keys) as a uniform [0, 1) value is ≥ rate, else 0. */
class MaskProgram extends FlatProgram {
  variableNames = ['x'];
  uniforms = 'rate : f32, scale : f32, key0 : u32, key1 : u32,';
  size = true;
  shaderKey = 'layerlabDropoutMask';

  getUserCode(): string {
    // PCG's output permutation (O'Neill's pcg_hash): each stage a bijection of u32, so
    // distinct indices never share a value within one key, and the keys enter between stages
    // so that two keys give unrelated masks rather than shifted copies of one.
    return `
fn pcgHash(v : u32) -> u32 {
  let s = v * 747796405u + 2891336453u;
  let w = ((s >> ((s >> 28u) + 4u)) ^ s) * 277803737u;
  return (w >> 22u) ^ w;
}
fn main(index : i32) {
  if (index < uniforms.size) {
    let h = pcgHash(pcgHash(pcgHash(u32(index)) ^ uniforms.key0) + uniforms.key1);
    let u = f32(h >> 8u) * (1.0 / 16777216.0);
    setOutputAtIndex(index, select(0.0, x[index] * uniforms.scale, u >= uniforms.rate));
  }
}`;
  }
}

interface MaskAttrs {
  rate: number;
  key0: number;
  key1: number;
}

function maskKernel({ inputs, backend, attrs }: { inputs: { x: TensorInfo }; backend: ProgramBackend; attrs: MaskAttrs }): TensorInfo {
  return backend.runWebGPUProgram(new MaskProgram(inputs.x.shape), [inputs.x], 'float32', [
    { type: 'float32', data: [attrs.rate] },
    // 1/keep, as stock's multiplier floor(u + keep) / keep is for a kept element.
    { type: 'float32', data: [Math.fround(1 / Math.fround(1 - attrs.rate))] },
    { type: 'uint32', data: [attrs.key0] },
    { type: 'uint32', data: [attrs.key1] },
  ]);
}

/** The two hash keys for a layer's seed; a fresh random pair when it has none (as stock
 *  draws a fresh Math.random() seed). */
export function dropoutKeys(seed: number | string | undefined | null): [number, number] {
  if (seed == null) return [(Math.random() * 2 ** 32) >>> 0, (Math.random() * 2 ** 32) >>> 0];
  let h = 2166136261;
  for (const ch of String(seed)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return [h >>> 0, Math.imul(h ^ (h >>> 15), 2246822507) >>> 0];
}

/** x with the seed's dropout mask applied and scaled by 1/(1 - rate); its gradient applies
 *  the same mask to dy. */
export function gpuDropout(x: tf.Tensor, rate: number, seed: number | string | undefined | null): tf.Tensor {
  const [key0, key1] = dropoutKeys(seed);
  const attrs = { rate, key0, key1 } as never;
  const op = tf.customGrad((input, save) => {
    void save;
    return {
      value: tf.engine().runKernel(KERNEL, { x: input as tf.Tensor }, attrs) as tf.Tensor,
      gradFunc: (dy: tf.Tensor) => tf.engine().runKernel(KERNEL, { x: dy }, attrs) as tf.Tensor,
    };
  });
  return op(x);
}

let installed = false;

/** Takes over the plain case of tfjs-layers' Dropout on webgpu (../dropout-hook.ts). Idempotent. */
export function installWebGpuDropout(): void {
  if (installed) return;
  installed = true;
  registerWebGpuKernels([[KERNEL, maskKernel]]);
  takeOverDropout('webgpu', gpuDropout);
}
