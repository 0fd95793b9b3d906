// Dropout while training on wasm, bit for bit as tfjs-core computes it but in one pass of
// WebAssembly instead of five kernels and a JavaScript loop. Stock tfjs-core draws the
// uniform noise one value at a time in JavaScript (seedrandom's Alea, ~20 ns a value) and then
// runs add, floor and div over it, about 4 ms a step on the standard MLP's two Dropout layers.
// Here the same Alea generator, seeded the same way, continues from its seeded state in the
// gemm module (dropout_multiplier), which also forms floor(u + keep) / keep in float32; the
// layer then multiplies as stock does, so the gradient is stock's. Only the plain case is
// taken over: training, 0 < rate < 1, no noiseShape, one float32 input.
import * as tf from '@tensorflow/tfjs-core';
import seedrandom from 'seedrandom';
import { takeOverDropout } from '../dropout-hook.js';
import { gemmModule, offsetOf } from './gemm.js';
import type { Wasm } from './heap.js';

const KERNEL = 'LayerLabDropoutMultiplier';

interface AleaState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

/** The state tfjs-core's UniformRandom starts from for this seed (a fresh Math.random()
 *  one when the layer has none, as stock does). */
export function aleaState(seed: number | string | undefined | null): AleaState {
  const s = seed == null ? Math.random() : seed;
  const prng = seedrandom.alea(typeof s === 'number' ? s.toString() : s, { state: true });
  return prng.state() as AleaState;
}

/** The multiplier tensor stock dropout would make for `shape`, `rate` and `seed`. */
export function dropoutMultiplier(shape: number[], rate: number, seed: number | string | undefined | null): tf.Tensor {
  const { c, s0, s1, s2 } = aleaState(seed);
  return tf.engine().runKernel(KERNEL, {}, { shape, keep: 1 - rate, c, s0, s1, s2 } as never) as tf.Tensor;
}

function multiplierKernel({ backend, attrs }: { backend: Wasm; attrs: Record<string, unknown> }): tf.TensorInfo {
  const shape = attrs.shape as number[];
  const out = backend.makeOutput(shape, 'float32');
  const n = tf.util.sizeFromShape(shape);
  const a = attrs as unknown as AleaState & { keep: number };
  if (n > 0) gemmModule(backend).dropout_multiplier(offsetOf(backend, out), n, a.keep, a.s0, a.s1, a.s2, a.c);
  return out;
}

let installed = false;

/** Takes over the plain case of tfjs-layers' Dropout on wasm (../dropout-hook.ts). Idempotent. */
export function installWasmDropout(): void {
  if (installed) return;
  installed = true;
  if (!tf.getKernel(KERNEL, 'wasm')) tf.registerKernel({ kernelName: KERNEL, backendName: 'wasm', kernelFunc: multiplierKernel as never });
  takeOverDropout('wasm', (x, rate, seed) => tf.mul(x, dropoutMultiplier(x.shape, rate, seed)));
}
