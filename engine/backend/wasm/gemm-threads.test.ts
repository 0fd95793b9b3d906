// The multi-threaded product gives the single-threaded kernel's result to the bit, whether it
// splits C by rows or by columns, and the kernel uses it for large products; so do the
// convolutions shared out by bands of images.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONV_JOB, FILTER, FORWARD, convBand, type ConvJob } from './conv-band.js';
import { convModule } from './conv-module.js';
import { gemmModule, offsetOf, withScratch } from './gemm.js';
import { gemmScratchBytes } from './gemm-wat.js';
import { GemmThreads, THREADED_MIN_MACS, nextShare, threadCount, threadsFor } from './gemm-threads.js';
import type { Wasm } from './heap.js';
import { registerWasmTrainingKernels } from './register.js';
import { cpuVsWasm } from './testkit.js';

const pools: GemmThreads[] = [];
beforeAll(async () => {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
});
afterAll(() => pools.forEach((p) => p.close()));

const rnd = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);

async function pool(threads: number, bandMs?: number): Promise<GemmThreads> {
  const p = new GemmThreads(threads, bandMs);
  pools.push(p);
  expect(await p.started()).toBe(true);
  return p;
}

/** C by the threaded product and by the plain kernel, on the wasm heap. */
async function both(threads: number, M: number, N: number, K: number, transA: boolean, made?: GemmThreads, transB = false): Promise<[Float32Array, Float32Array]> {
  const p = made ?? (await pool(threads));
  const backend = tf.backend() as unknown as Wasm;
  const a = rnd(transA ? [K, M] : [M, K], M + K);
  const b = rnd(transB ? [N, K] : [K, N], N + K);
  const c1 = tf.zeros([M, N]);
  const c2 = tf.zeros([M, N]);
  const [sai, sak] = transA ? [4, 4 * M] : [4 * K, 4];
  const [sbk, sbj] = transB ? [4, 4 * K] : [4 * N, 4];
  withScratch(backend, M, (scratch) => {
    const heap = (backend.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8;
    expect(p.gemm(heap, gemmModule(backend), offsetOf(backend, a), 4 * M * K, offsetOf(backend, b), offsetOf(backend, c1), M, N, K, sai, sak, sbk, sbj, scratch)).toBe(true);
    gemmModule(backend).gemm(offsetOf(backend, a), offsetOf(backend, b), offsetOf(backend, c2), M, N, K, sai, sak, sbk, sbj, 4 * N, 0, scratch);
  });
  const out: [Float32Array, Float32Array] = [c1.dataSync() as Float32Array, c2.dataSync() as Float32Array];
  tf.dispose([a, b, c1, c2]);
  return out;
}

describe('GemmThreads', () => {
  for (const [threads, M, N, K, transA] of [
    [2, 130, 24, 300, false], // bands of rows, uneven
    [3, 37, 21, 70, true], // rows, A transposed
    [2, 5, 40, 33, false], // too few rows: bands of columns
    [4, 3, 13, 9, true], // columns, fewer than one tile per thread
  ] as const) {
    it(`${threads} threads, M=${M} N=${N} K=${K} transposeA=${transA}: the single-threaded result exactly`, async () => {
      const [threaded, single] = await both(threads, M, N, K, transA);
      expect(Array.from(threaded)).toEqual(Array.from(single));
      expect(single.some((v) => v !== 0)).toBe(true);
    });
  }

  for (const [threads, M, N, K] of [
    [2, 130, 27, 70], // rows, B transposed, a 3-column edge
    [3, 5, 61, 33], // columns, B transposed: each band starts s·sbj into Bᵀ
  ] as const) {
    it(`${threads} threads, M=${M} N=${N} K=${K} transposeB: the single-threaded result exactly`, async () => {
      const [threaded, single] = await both(threads, M, N, K, false, undefined, true);
      expect(Array.from(threaded)).toEqual(Array.from(single));
      expect(single.some((v) => v !== 0)).toBe(true);
    });
  }

  it('keeps the single-threaded result exactly while it moves the split between threads', async () => {
    const p = await pool(2);
    for (let i = 0; i < 12; i++) {
      const [threaded, single] = await both(2, 130, 24, 300, false, p);
      expect(Array.from(threaded)).toEqual(Array.from(single));
    }
    const shares = [...(p as unknown as { shares: Map<string, number> }).shares.values()];
    expect(shares).toHaveLength(1);
    expect(shares[0]).toBeGreaterThanOrEqual(1 / 22);
    expect(shares[0]).toBeLessThanOrEqual(21 / 22);
  });

  it('grows its shared memory for operands larger than it holds', async () => {
    const [threaded, single] = await both(2, 256, 300, 400, false); // ~1.3 MB of operands
    expect(Array.from(threaded)).toEqual(Array.from(single));
  });

  it('leaves work whose copies would pass its shared-memory cap to the caller', async () => {
    const p = new GemmThreads(2, undefined, 4 << 20);
    pools.push(p);
    expect(await p.started()).toBe(true);
    const backend = tf.backend() as unknown as Wasm;
    const [M, N, K] = [300, 300, 4000]; // B alone is 4.8 MB
    const a = rnd([M, K], 41);
    const b = rnd([K, N], 42);
    const c = tf.zeros([M, N]);
    withScratch(backend, M, (scratch) => {
      const heap = (backend.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8;
      expect(p.gemm(heap, gemmModule(backend), offsetOf(backend, a), 4 * M * K, offsetOf(backend, b), offsetOf(backend, c), M, N, K, 4 * K, 4, 4 * N, 4, scratch)).toBe(false);
    });
    expect(c.dataSync().every((v) => v === 0)).toBe(true);
    tf.dispose([a, b, c]);
  });

  it('leaves the product to the caller until a helper has started', () => {
    const p = new GemmThreads(2);
    pools.push(p);
    const heap = ((tf.backend() as unknown as Wasm).wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8;
    // Straight after construction the helper is still booting (a Node worker takes milliseconds).
    expect(p.gemm(heap, gemmModule(tf.backend() as unknown as Wasm), 0, 64, 0, 0, 4, 4, 4, 16, 4, 16, 4, 0)).toBe(false);
  });

  it('computes the band of a helper that stopped answering itself, then keeps products on the caller', async () => {
    const p = await pool(2, 300);
    await (p as unknown as { workers: { terminate(): Promise<number> }[] }).workers[0]!.terminate();
    const [threaded, single] = await both(2, 64, 16, 40, false, p);
    expect(Array.from(threaded)).toEqual(Array.from(single));
    const heap = ((tf.backend() as unknown as Wasm).wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8;
    expect(p.gemm(heap, gemmModule(tf.backend() as unknown as Wasm), 0, 64, 0, 0, 4, 4, 4, 16, 4, 16, 4, 0)).toBe(false);
  });
});

describe('threadsFor', () => {
  it('shares work from THREADED_MIN_MACS on two threads, from that over the helpers\' count with more', () => {
    const saved = process.env.LAYERLAB_WASM_THREADS;
    try {
      process.env.LAYERLAB_WASM_THREADS = '2';
      expect(threadsFor(THREADED_MIN_MACS - 1)).toBeNull();
      process.env.LAYERLAB_WASM_THREADS = '8';
      // 7 helpers: a seventh of the bar. (gemmThreads() itself may still say null where the
      // pool could not start; here it starts.)
      expect(threadsFor(Math.ceil(THREADED_MIN_MACS / 7))).not.toBeNull();
      expect(threadsFor(Math.floor(THREADED_MIN_MACS / 7) - 1)).toBeNull();
    } finally {
      if (saved === undefined) delete process.env.LAYERLAB_WASM_THREADS;
      else process.env.LAYERLAB_WASM_THREADS = saved;
    }
  });
});

describe('threadCount', () => {
  it('takes LAYERLAB_WASM_THREADS, and refuses what is not a count', () => {
    expect(threadCount({ LAYERLAB_WASM_THREADS: '3' })).toBe(3);
    expect(threadCount({ LAYERLAB_WASM_THREADS: '1' })).toBe(1);
    expect(() => threadCount({ LAYERLAB_WASM_THREADS: 'two' })).toThrow(/LAYERLAB_WASM_THREADS.*'two'/);
    expect(() => threadCount({ LAYERLAB_WASM_THREADS: '0' })).toThrow(/1 or more/);
    expect(threadCount({})).toBeGreaterThanOrEqual(1);
  });
});

describe('GemmThreads.conv', () => {
  // 10 images of 12×12×5, a 3×3 filter to 7 channels; FILTER in groups of 3 images (the last
  // one short).
  const [B, H, W, CI, KH, KW, CO] = [10, 12, 12, 5, 3, 3, 7];
  const [OH, OW, R, group, chunk] = [H - 2, W - 2, KH * KW * CI, 3, 40];
  for (const [mode, name] of [[FORWARD, 'forward'], [FILTER, 'filter gradient']] as const) {
    for (const threads of [2, 3]) {
      it(`${name} on ${threads} threads: the single-threaded result exactly, as often as the split moves`, async () => {
        const p = await pool(threads);
        const backend = tf.backend() as unknown as Wasm;
        const x = rnd([B, H, W, CI], 31);
        const y = mode === FORWARD ? tf.zeros([B, OH, OW, CO]) : rnd([B, OH, OW, CO], 32);
        const groups = Math.ceil(B / group);
        const w = mode === FORWARD ? rnd([R, CO], 33) : tf.zeros([groups, CO, R]);
        const col = tf.zeros([chunk, R]);
        const scratch = tf.zeros([Math.ceil(gemmScratchBytes(Math.max(chunk, CO)) / 4)]);
        const out = mode === FORWARD ? y : w;
        const job: ConvJob = {
          mode, x: offsetOf(backend, x), w: offsetOf(backend, w), y: offsetOf(backend, y), col: offsetOf(backend, col),
          scratch: offsetOf(backend, scratch), images: B, H, W, CI, OH, OW, KH, KW, sh: 1, sw: 1, top: 0, left: 0, CO, chunk, group,
        };
        const kernels = { gemm: gemmModule(backend).gemm, im2col: convModule(backend).im2col };
        convBand(kernels.gemm, kernels.im2col, CONV_JOB.map((f) => job[f]));
        const single = Array.from(out.dataSync());
        expect(single.some((v) => v !== 0)).toBe(true);
        for (let i = 0; i < 6; i++) {
          (backend.typedArrayFromHeap(out) as Float32Array).fill(0);
          const heap = (backend.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8;
          expect(p.conv(heap, kernels, job)).toBe(true);
          expect(Array.from(out.dataSync())).toEqual(single);
        }
        tf.dispose([x, y, w, col, scratch]);
      });
    }
  }
});

describe('nextShare', () => {
  // 22 units (132 rows of 6), the caller's 11 of them in 2.2 ms: 0.2 ms a unit.
  it('gives the caller more when it waited for the helpers, less when they waited for it', () => {
    const more = nextShare(0.5, 0.8, 2.2, 11, 22, 2);
    // Half of the 0.8 ms gap, closing 0.4 ms a unit: one unit moves.
    expect(more).toBeCloseTo(0.5 + 1 / 22, 10);
    expect(nextShare(0.5, -0.8, 2.2, 11, 22, 2)).toBeCloseTo(0.5 - 1 / 22, 10);
    expect(nextShare(0.5, 0, 2.2, 11, 22, 2)).toBe(0.5);
  });

  it('leaves every thread at least one unit, however long the wait', () => {
    expect(nextShare(0.5, 1e6, 2.2, 11, 22, 2)).toBe(21 / 22);
    expect(nextShare(0.5, -1e6, 2.2, 11, 22, 2)).toBe(1 / 22);
    expect(nextShare(0.5, 1e6, 2.2, 11, 22, 4)).toBe(19 / 22);
  });
});

describe('large products through the kernel', () => {
  it('match cpu above the threading threshold, with and without transposes', async () => {
    const M = 256;
    const K = 300;
    const N = 240;
    expect(M * N * K).toBeGreaterThan(THREADED_MIN_MACS);
    for (const [tA, tB] of [[false, false], [true, false], [false, true]] as const) {
      const a = rnd(tA ? [K, M] : [M, K], 1);
      const b = rnd(tB ? [N, K] : [K, N], 2);
      expect((await cpuVsWasm(() => tf.matMul(a, b, tA, tB))).err).toBeLessThan(1e-5);
      tf.dispose([a, b]);
    }
  });
});
