// LayerLab's wasm matrix product (./gemm-wat.ts through ./matmul.ts) against the cpu backend,
// over shapes that reach every tile edge, and the committed binary against its source.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { MODULES, assemble } from './assemble.js';
import { GEMM_WASM_BASE64 } from './gemm-binary.js';
import { fusedMultiplyAdd, offsetOf, withScratch, type GemmExports } from './gemm.js';
import { KC } from './gemm-wat.js';
import type { Wasm } from './heap.js';
import { registerWasmTrainingKernels } from './register.js';
import { cpuVsWasm, relDiff } from './testkit.js';

beforeAll(async () => {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
});

const relErr = async (f: () => tf.Tensor) => (await cpuVsWasm(f)).err;

const rnd = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);
const shapeA = (M: number, K: number, tA: boolean, batch: number[] = []) => [...batch, ...(tA ? [K, M] : [M, K])];
const shapeB = (K: number, N: number, tB: boolean, batch: number[] = []) => [...batch, ...(tB ? [N, K] : [K, N])];

describe('the committed WebAssembly binaries', () => {
  for (const m of MODULES) {
    it(`${m.out} is what its source assembles to (run \`npm run build:wasm\` after editing it)`, async () => {
      const committed = (await import(`./${m.out.replace(/\.ts$/, '.js')}`)) as Record<string, string>;
      expect(Buffer.from(await assemble(m.source())).toString('base64')).toBe(committed[m.constName]);
    });
  }
});

describe('BatchMatMul on wasm', () => {
  // M covers 6- and 4-row tiles and 1-3 leftover rows; N covers 8-, 4- and 1-column tiles; K
  // covers one step, one depth block, and blocks with a remainder.
  const sizes: [number, number, number][] = [
    [1, 1, 1], [4, 8, 1], [5, 9, 3], [7, 13, 17], [3, 4, 64], [12, 20, KC], [6, 11, KC + 1], [9, 3, 2 * KC + 37], [128, 10, 100], [2, 1, 5], [10, 16, 9], [11, 17, KC],
  ];
  for (const [M, N, K] of sizes) {
    for (const [tA, tB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      it(`M=${M} N=${N} K=${K} transposeA=${tA} transposeB=${tB} matches cpu`, async () => {
        const a = rnd(shapeA(M, K, tA), M * 7 + K);
        const b = rnd(shapeB(K, N, tB), N * 11 + K);
        expect(await relErr(() => tf.matMul(a, b, tA, tB))).toBeLessThan(1e-5);
        tf.dispose([a, b]);
      });
    }
  }

  it('batches, and broadcasts a single matrix on either side', async () => {
    for (const [ba, bb] of [[[3], [3]], [[1], [4]], [[4], [1]], [[2, 3], [2, 3]], [[2, 3], []]] as const) {
      const a = rnd(shapeA(6, 10, false, [...ba]), 1);
      const b = rnd(shapeB(10, 9, true, [...bb]), 2);
      expect(await relErr(() => tf.matMul(a, b, false, true))).toBeLessThan(1e-5);
      tf.dispose([a, b]);
    }
  });

  it('gives zeros for an empty inner dimension and an empty result for an empty outer one', async () => {
    const z = tf.matMul(tf.zeros([3, 0]), tf.zeros([0, 5]));
    expect(z.shape).toEqual([3, 5]);
    expect(Array.from(z.dataSync())).toEqual(new Array(15).fill(0));
    expect(tf.matMul(tf.zeros([0, 4]), tf.ones([4, 5])).shape).toEqual([0, 5]);
  });

  it('propagates NaN and infinity like the cpu backend', async () => {
    const a = tf.tensor2d([[NaN, 1], [1, 1], [Infinity, 0], [2, 3], [1, 1]]);
    const b = tf.tensor2d([[1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 1, 1, 1, 1, 1, 1, 1]]);
    const got = Array.from(tf.matMul(a, b).dataSync());
    await tf.setBackend('cpu');
    const want = Array.from(tf.matMul(a, b).dataSync());
    await tf.setBackend('wasm');
    expect(got).toEqual(want);
  });

  it('refuses other dtypes with a message that names them', () => {
    expect(() => tf.engine().runKernel('BatchMatMul', { a: tf.ones([2, 2], 'int32'), b: tf.ones([2, 2], 'int32') }, {})).toThrow(/float32 only, got int32/);
  });
});

describe('_FusedMatMul on wasm', () => {
  const M = 7;
  const K = 19;
  const N = 13;
  const biases: [string, number[]][] = [['none', []], ['per column [N]', [N]], ['scalar', [1]], ['row of [1, N]', [1, N]], ['full [M, N]', [M, N]]];
  for (const activation of ['linear', 'relu', 'relu6', 'sigmoid', 'elu', 'leakyrelu', 'prelu'] as const) {
    for (const [name, shape] of biases) {
      it(`${activation} with bias ${name} matches cpu`, async () => {
        const a = rnd([M, K], 3);
        const b = rnd([N, K], 4);
        const bias = name === 'none' ? undefined : rnd(shape, 5);
        const preluActivationWeights = activation === 'prelu' ? rnd([N], 6) : undefined;
        // Scaled so relu6's upper bound is reached too.
        const err = await relErr(() =>
          tf.fused.matMul({ a: tf.mul(a, 2), b, transposeB: true, bias, activation, preluActivationWeights, leakyreluAlpha: 0.3 }));
        expect(err).toBeLessThan(1e-5);
        tf.dispose([a, b, ...(bias ? [bias] : []), ...(preluActivationWeights ? [preluActivationWeights] : [])]);
      });
    }
  }

  it('gives the same gradients as cpu for a Dense layer with relu', async () => {
    const x = rnd([9, 21], 7);
    const w = rnd([21, 10], 8);
    const bias = rnd([10], 9);
    for (const which of [0, 1, 2]) {
      const err = await relErr(() =>
        tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.square(tf.fused.matMul({ a: xx as tf.Tensor2D, b: ww as tf.Tensor2D, bias: bb, activation: 'relu' }))))([x, w, bias])[which]!);
      expect(err).toBeLessThan(1e-5);
    }
  });

  it('leaks no tensor memory', () => {
    const a = rnd([5, 6], 1);
    const b = rnd([6, 9], 2);
    const bias = rnd([9], 3);
    const full = rnd([5, 9], 4);
    const bt = rnd([9, 6], 5);
    const round = () => {
      tf.fused.matMul({ a, b, bias, activation: 'sigmoid' }).dispose();
      tf.fused.matMul({ a, b, bias: full, activation: 'relu' }).dispose();
      tf.matMul(a, bt, false, true).dispose();
    };
    round();
    const before = tf.memory();
    const heap = (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length;
    for (let i = 0; i < 20; i++) round();
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
    expect((tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length).toBe(heap);
  });
});

describe('the fused multiply-add variant', () => {
  it('is in use on this Node (relaxed SIMD, behind a V8 flag on Node 20) and agrees with the plain kernel within float rounding', async () => {
    expect(fusedMultiplyAdd()).toBe(true);
    const backend = tf.backend() as unknown as Wasm;
    const mem = (backend.wasm as unknown as { asm: { memory: WebAssembly.Memory } }).asm.memory;
    const plain = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(GEMM_WASM_BASE64, 'base64')), { env: { memory: mem } }).exports as unknown as GemmExports;
    const [M, N, K] = [13, 21, 300];
    const a = rnd([M, K], 1);
    const b = rnd([K, N], 2);
    const c = tf.zeros([M, N]);
    withScratch(backend, M, (scratch) => plain.gemm(offsetOf(backend, a), offsetOf(backend, b), offsetOf(backend, c), M, N, K, 4 * K, 4, 4 * N, 4, 4 * N, 0, scratch));
    const want = c.dataSync().slice();
    const err = relDiff(tf.matMul(a, b).dataSync(), want);
    expect(err).toBeLessThan(1e-5);
    expect(err).toBeGreaterThan(0); // fused rounding differs somewhere: the variants really differ
    tf.dispose([a, b, c]);
  });
});
