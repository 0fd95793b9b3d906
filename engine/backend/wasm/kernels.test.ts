// Each added or replaced wasm kernel against the cpu backend on random inputs.
import * as tf from '@tensorflow/tfjs-core';
import { backend_util } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// Registers the gradients (tfjs-core's Node bundle has none).
import '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { assemble } from './assemble.js';
import { CONV_WASM_BASE64 } from './conv-binary.js';
import { convModule } from './conv-module.js';
import { convWat } from './conv-wat.js';
import { offsetOf } from './gemm.js';
import type { Wasm } from './heap.js';
import { registerWasmTrainingKernels } from './register.js';
import { cpuVsWasm } from './testkit.js';

beforeAll(async () => {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
});

const relErr = cpuVsWasm;

function rnd(shape: number[], seed: number): tf.Tensor {
  return tf.randomNormal(shape, 0, 1, 'float32', seed);
}

const run = (name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>) =>
  tf.engine().runKernel(name, inputs as never, attrs as never) as tf.Tensor;

describe('the committed conv binary', () => {
  it('is what ./conv-wat.ts assembles to (run `npm run build:wasm` after editing it)', async () => {
    const bytes = await assemble(convWat(), 'conv.wat');
    expect(Buffer.from(bytes).toString('base64')).toBe(CONV_WASM_BASE64);
  });
});

type ConvCase = { x: number[]; f: [number, number, number, number]; strides: number | [number, number]; pad: 'valid' | 'same' | number };

/** dy's shape as the kernels compute it. Not by running conv2d on wasm: with a numeric pad
 *  tfjs-core 4.22 sizes the output from the filter's height and the vertical stride alone, and
 *  the stock wasm Conv2D (XNNPACK) then writes past that output when the horizontal stride is
 *  smaller (strides [2, 1]), corrupting the heap. */
const outShape = (c: ConvCase) =>
  backend_util.computeConv2DInfo(c.x as [number, number, number, number], c.f, c.strides, 1, c.pad).outShape;

/** Shapes every convolution kernel is checked on: a 5×5 filter over one channel, stride 2
 *  with 'same', unequal strides with explicit padding, a 1×1 filter. */
const SHAPES: ConvCase[] = [
    { x: [3, 12, 12, 1], f: [5, 5, 1, 4], strides: 1, pad: 'valid' },
    { x: [2, 9, 7, 3], f: [3, 3, 3, 5], strides: 2, pad: 'same' },
    { x: [2, 8, 8, 2], f: [3, 2, 2, 3], strides: [1, 2], pad: 1 },
    { x: [1, 6, 6, 4], f: [1, 1, 4, 2], strides: 1, pad: 'valid' },
];

describe('Conv2D and FusedConv2D on wasm (im2col and the gemm)', () => {
  const cases: ConvCase[] = [
    ...SHAPES,
    { x: [1, 4, 3, 2], f: [2, 2, 2, 3], strides: 2, pad: 3 },
    // above the threading threshold (bands of images on the helper threads), 15 and 17
    // output channels (an 8-column strip and a padded one)
    { x: [9, 24, 24, 30], f: [3, 3, 30, 15], strides: 1, pad: 'valid' },
    { x: [20, 24, 24, 8], f: [5, 5, 8, 17], strides: 1, pad: 'same' },
  ];
  for (const c of cases) {
    it(`Conv2D matches cpu for x ${c.x} filter ${c.f} strides ${c.strides} pad ${c.pad}`, async () => {
      const x = rnd(c.x, 11);
      const f = rnd(c.f, 12);
      const { err, shape } = await relErr(() => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, c.strides as [number, number], c.pad as 'same'));
      expect(shape).toEqual(outShape(c));
      expect(err).toBeLessThan(1e-4);
    });
  }
  for (const activation of ['linear', 'relu', 'relu6', 'elu'] as const) {
    it(`FusedConv2D with a bias and ${activation} matches cpu`, async () => {
      const x = rnd([9, 14, 14, 6], 13);
      const f = rnd([3, 3, 6, 10], 14);
      const bias = rnd([10], 15);
      const { err } = await relErr(() => tf.fused.conv2d({ x: x as tf.Tensor4D, filter: f as tf.Tensor4D, strides: 1, pad: 'same', bias, activation }));
      expect(err).toBeLessThan(1e-4);
    });
  }
  it('leaves dilated convolutions to the stock kernel, which still matches cpu', async () => {
    const x = rnd([2, 11, 11, 3], 16);
    const f = rnd([3, 3, 3, 4], 17);
    const { err } = await relErr(() => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, 'valid', 'NHWC', 2));
    expect(err).toBeLessThan(1e-4);
  });
});

describe('Conv2DBackpropFilter on wasm (im2col and the gemm)', () => {
  const cases: ConvCase[] = [
    ...SHAPES,
    // odd sizes, batch 1, one input and one output channel
    { x: [1, 7, 5, 1], f: [3, 3, 1, 1], strides: 1, pad: 'same' },
    { x: [1, 11, 13, 3], f: [4, 3, 3, 7], strides: 2, pad: 'valid' },
    { x: [2, 5, 9, 2], f: [2, 5, 2, 9], strides: [2, 1], pad: 2 },
    // padding wider than the kernel: some windows lie wholly outside the image
    { x: [1, 4, 3, 2], f: [2, 2, 2, 3], strides: 2, pad: 3 },
    // more output positions than one chunk of im2col rows: the chunks add up
    { x: [4, 20, 20, 3], f: [3, 3, 3, 8], strides: 1, pad: 'valid' },
    { x: [3, 23, 21, 2], f: [5, 5, 2, 6], strides: 1, pad: 'same' },
    // above the threading threshold, 33 images in groups of 3 (the last one short)
    { x: [33, 24, 24, 10], f: [3, 3, 10, 15], strides: 1, pad: 'valid' },
  ];
  for (const c of cases) {
    it(`matches cpu for x ${c.x} filter ${c.f} strides ${c.strides} pad ${c.pad}`, async () => {
      const x = rnd(c.x, 1);
      const dy = rnd(outShape(c), 2);
      const { err, shape } = await relErr(() =>
        run('Conv2DBackpropFilter', { x, dy }, { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.f }));
      expect(shape).toEqual(c.f);
      expect(err).toBeLessThan(1e-4);
    });
  }

  it('builds im2col rows without writing outside them, for any padding and stride', () => {
    // Guard bands around a row catch overruns (a window wholly left of the image once wrote
    // past its row); the contents are checked against cpu above.
    const backend = tf.backend() as unknown as Wasm;
    const conv = convModule(backend);
    let seed = 7;
    const next = (n: number) => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return (seed >>> 0) % n; }; // xorshift32
    for (let t = 0; t < 200; t++) {
      const [B, H, W, CI, KH, KW] = [1 + next(2), 1 + next(8), 1 + next(8), 1 + next(4), 1 + next(5), 1 + next(5)];
      const pad = [0, 'same', 1 + next(4)][next(3)] as number | 'same';
      const strides: [number, number] = [1 + next(3), 1 + next(3)];
      const info = backend_util.computeConv2DInfo([B, H, W, CI], [KH, KW, CI, 1], strides, 1, pad);
      const P = B * info.outHeight * info.outWidth;
      if (P <= 0) continue;
      const R = KH * KW * CI;
      const G = 16;
      const x = rnd([B, H, W, CI], t);
      const buf = tf.fill([G + R + G], 7);
      const base = offsetOf(backend, buf);
      // One position at a time: an overrun of a middle row would be overwritten by the next.
      for (let p = 0; p < P; p++) {
        conv.im2col(offsetOf(backend, x), base + 4 * G, 4 * R, H, W, CI, info.outHeight, info.outWidth, KH, KW,
          strides[0], strides[1], info.padInfo.top, info.padInfo.left, p, 1);
        const v = backend.typedArrayFromHeap(buf) as Float32Array;
        const guards = [...v.subarray(0, G), ...v.subarray(G + R)];
        expect(guards.every((g) => g === 7), `x ${[B, H, W, CI]} kernel ${KH}x${KW} strides ${strides} pad ${pad} position ${p}`).toBe(true);
      }
      tf.dispose([x, buf]);
    }
  });

  it('matches cpu when the stride leaves trailing rows unused', async () => {
    // 10 rows, 3-row kernel, stride 4, valid: rows 9 and 10 never reach the output.
    const x = rnd([2, 10, 11, 3], 3);
    const dy = rnd([2, 2, 3, 4], 4);
    const { err } = await relErr(() =>
      run('Conv2DBackpropFilter', { x, dy }, { strides: 4, pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 3, 4] }));
    expect(err).toBeLessThan(1e-4);
  });

  it('gives the same conv2d weight gradient as cpu through tf.grads', async () => {
    const x = rnd([2, 10, 10, 3], 5);
    const w = rnd([3, 3, 3, 4], 6);
    const { err } = await relErr(() => {
      const [, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same'))))([x, w]);
      return dw!;
    });
    expect(err).toBeLessThan(1e-4);
  });
});

describe('Conv2DBackpropInput on wasm (a full forward convolution)', () => {
  const cases: ConvCase[] = [
    { x: [3, 12, 12, 1], f: [5, 5, 1, 4], strides: 1, pad: 'valid' },
    { x: [2, 9, 7, 3], f: [3, 3, 3, 5], strides: 2, pad: 'same' },
    { x: [2, 9, 9, 2], f: [3, 3, 2, 3], strides: 2, pad: 'valid' },
    { x: [2, 8, 8, 2], f: [3, 2, 2, 3], strides: [1, 2], pad: 1 },
    { x: [1, 6, 6, 4], f: [1, 1, 4, 2], strides: 1, pad: 3 },
  ];
  for (const c of cases) {
    it(`matches cpu for x ${c.x} filter ${c.f} strides ${c.strides} pad ${c.pad}`, async () => {
      const f = rnd(c.f, 21);
      const dy = rnd(outShape(c), 22);
      const { err, shape } = await relErr(() =>
        run('Conv2DBackpropInput', { dy, filter: f }, { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x }));
      expect(shape).toEqual(c.x);
      expect(err).toBeLessThan(1e-4);
    });
  }
});

describe('depthwise convolution gradients on wasm', () => {
  const cases = [
    { x: [2, 8, 8, 3], f: [3, 3, 3, 2], strides: 1, pad: 'same' as const, dilations: 1 },
    { x: [1, 9, 9, 2], f: [2, 2, 2, 1], strides: 2, pad: 'valid' as const, dilations: 1 },
    { x: [2, 7, 7, 4], f: [3, 3, 4, 3], strides: 1, pad: 'valid' as const, dilations: 1 },
  ];
  for (const c of cases) {
    it(`filter and input gradients match cpu for x ${c.x} filter ${c.f} strides ${c.strides} dilation ${c.dilations}`, async () => {
      const x = rnd(c.x, 7);
      const f = rnd(c.f, 8);
      const dy = rnd(tf.depthwiseConv2d(x as tf.Tensor4D, f as tf.Tensor4D, c.strides, c.pad, 'NHWC', c.dilations).shape, 9);
      const attrs = { strides: c.strides, pad: c.pad, dilations: c.dilations };
      const byFilter = await relErr(() => run('DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...attrs, filterShape: c.f }));
      expect(byFilter.shape).toEqual(c.f);
      expect(byFilter.err).toBeLessThan(1e-4);
      const byInput = await relErr(() => run('DepthwiseConv2dNativeBackpropInput', { dy, filter: f }, { ...attrs, inputShape: c.x }));
      expect(byInput.shape).toEqual(c.x);
      expect(byInput.err).toBeLessThan(1e-4);
    });
  }
});

describe('UnsortedSegmentSum on wasm', () => {
  it('matches cpu for float rows', async () => {
    const x = rnd([50, 7], 10);
    const ids = tf.tensor1d(Array.from({ length: 50 }, (_, i) => (i * 7) % 11), 'int32');
    const { err, shape } = await relErr(() => tf.unsortedSegmentSum(x, ids, 11));
    expect(shape).toEqual([11, 7]);
    expect(err).toBeLessThan(1e-4);
  });

  it('matches cpu for int32 values', async () => {
    const x = tf.tensor2d(Array.from({ length: 24 }, (_, i) => i - 10), [6, 4], 'int32');
    const ids = tf.tensor1d([0, 2, 2, 1, 0, 4], 'int32');
    const { err, shape } = await relErr(() => tf.unsortedSegmentSum(x, ids, 5));
    expect(shape).toEqual([5, 4]);
    expect(err).toBe(0);
  });

  it('is the gradient of gather (an Embedding lookup)', async () => {
    const table = rnd([10, 4], 11);
    const idx = tf.tensor1d([1, 3, 3, 9, 0, 1], 'int32');
    const { err } = await relErr(() => tf.grad((t: tf.Tensor) => tf.sum(tf.square(tf.gather(t, idx))))(table));
    expect(err).toBeLessThan(1e-4);
  });
});

/** Pooling windows for both pooling gradients: the lecture's pool, same/valid/numeric pads,
 *  non-square windows and strides, one channel, and 4 and 8 channels for the vector paths. */
const POOL_CASES: { x: number[]; size: number | [number, number]; strides: number | [number, number]; pad: 'valid' | 'same' | number }[] = [
  { x: [3, 22, 22, 15], size: 2, strides: 2, pad: 'valid' },
  { x: [2, 9, 7, 3], size: 3, strides: 2, pad: 'same' },
  { x: [2, 8, 9, 2], size: [3, 2], strides: 1, pad: 1 },
  { x: [1, 7, 5, 1], size: 2, strides: [1, 2], pad: 'valid' },
  { x: [1, 5, 5, 4], size: 3, strides: 1, pad: 'same' },
  { x: [1, 5, 5, 8], size: 3, strides: 1, pad: 'same' },
];

describe('MaxPoolGrad on wasm', () => {
  for (const c of POOL_CASES) {
    it(`matches cpu for x ${c.x} window ${c.size} strides ${c.strides} pad ${c.pad}`, async () => {
      const x = rnd(c.x, 31);
      // Shapes from backend_util, not the stock wasm MaxPool: with a numeric pad and a
      // non-square window it writes past the output tfjs-core sized (see outShape above).
      const info = backend_util.computePool2DInfo(c.x as [number, number, number, number], c.size, c.strides, 1, c.pad);
      const y = rnd(info.outShape, 30); // only its shape is read
      const dy = rnd(info.outShape, 32);
      const { err, shape } = await relErr(() =>
        run('MaxPoolGrad', { dy, input: x, output: y }, { filterSize: c.size, strides: c.strides, pad: c.pad }));
      expect(shape).toEqual(c.x);
      expect(err).toBeLessThan(1e-4);
    });
  }

  it('sends a tied window its gradient at the first largest value, as cpu does', async () => {
    // Values in {0, 1, 2}: most windows hold ties; overlapping windows add up. Six channels:
    // four go through the vector path, two through the scalar one.
    const x = tf.round(tf.mul(tf.randomUniform([2, 7, 7, 6], 0, 1, 'float32', 33), 2));
    const y = tf.maxPool(x as tf.Tensor4D, 3, 2, 'same');
    const dy = rnd(y.shape, 34);
    const { err } = await relErr(() => run('MaxPoolGrad', { dy, input: x, output: y }, { filterSize: 3, strides: 2, pad: 'same' }));
    expect(err).toBeLessThan(1e-6);
  });

  it('passes nothing from a window of −∞ and skips NaN, as cpu does', async () => {
    const vals = Array.from({ length: 2 * 4 * 4 * 5 }, (_, i) => (i % 7 === 0 ? NaN : i % 5 === 1 ? -Infinity : Math.sin(i)));
    for (let i = 0; i < 5; i++) vals[i] = vals[i + 5] = vals[i + 20] = vals[i + 25] = -Infinity; // first window all −∞
    const x = tf.tensor4d(vals, [2, 4, 4, 5]);
    const dy = rnd([2, 2, 2, 5], 36);
    const y = tf.maxPool(x, 2, 2, 'valid');
    const { err } = await relErr(() => run('MaxPoolGrad', { dy, input: x, output: y }, { filterSize: 2, strides: 2, pad: 'valid' }));
    expect(err).toBe(0);
  });

  it('is the gradient of maxPool through tf.grad', async () => {
    const x = rnd([2, 10, 10, 3], 35);
    const { err } = await relErr(() => tf.grad((a: tf.Tensor) => tf.sum(tf.square(tf.maxPool(a as tf.Tensor4D, 2, 2, 'valid'))))(x));
    expect(err).toBeLessThan(1e-4);
  });
});

describe('AvgPoolGrad on wasm', () => {
  for (const c of POOL_CASES) {
    it(`matches cpu for x ${c.x} window ${c.size} strides ${c.strides} pad ${c.pad}`, async () => {
      const info = backend_util.computePool2DInfo(c.x as [number, number, number, number], c.size, c.strides, 1, c.pad);
      const x = rnd(c.x, 51);
      const dy = rnd(info.outShape, 52);
      const { err, shape } = await relErr(() => run('AvgPoolGrad', { dy, input: x }, { filterSize: c.size, strides: c.strides, pad: c.pad }));
      expect(shape).toEqual(c.x);
      expect(err).toBeLessThan(1e-4);
    });
  }

  it('is the gradient of avgPool through tf.grad', async () => {
    const x = rnd([2, 10, 10, 3], 53);
    const { err } = await relErr(() => tf.grad((a: tf.Tensor) => tf.sum(tf.square(tf.avgPool(a as tf.Tensor4D, 2, 2, 'valid'))))(x));
    expect(err).toBeLessThan(1e-4);
  });
});

describe('Sum on wasm', () => {
  const cases: { shape: number[]; axis: number | number[]; keepDims: boolean }[] = [
    // every axis but the last: column sums
    { shape: [128, 24, 24, 30], axis: [0, 1, 2], keepDims: false },
    { shape: [3, 5, 7, 4], axis: [2, 0, 1], keepDims: true },
    { shape: [9, 1], axis: 0, keepDims: false },
    { shape: [4, 6, 7], axis: [-3, -2], keepDims: false },
    // everything else: the stock kernel
    { shape: [4, 6, 7], axis: -1, keepDims: false },
    { shape: [4, 6, 7], axis: [0, 1, 2], keepDims: true },
    { shape: [4, 6, 7], axis: [1, 2], keepDims: false },
    { shape: [5], axis: 0, keepDims: false },
  ];
  for (const c of cases) {
    it(`matches cpu for ${c.shape} over ${c.axis}${c.keepDims ? ' keeping dims' : ''}`, async () => {
      const x = rnd(c.shape, 41);
      const { err } = await relErr(() => tf.sum(x, c.axis, c.keepDims));
      expect(err).toBeLessThan(1e-4);
    });
  }

  it('leaves int32 sums to the stock kernel, exact', async () => {
    const x = tf.tensor3d(Array.from({ length: 24 }, (_, i) => i * 3 - 20), [2, 3, 4], 'int32');
    const got = tf.sum(x, [0, 1]);
    expect(got.dtype).toBe('int32');
    const want = [0, 1, 2, 3].map((j) => [0, 1, 2, 3, 4, 5].reduce((s, row) => s + (row * 4 + j) * 3 - 20, 0));
    expect(Array.from(got.dataSync())).toEqual(want);
  });

  it('gives a Conv2D bias its gradient through tf.grads', async () => {
    const x = rnd([2, 9, 9, 3], 42);
    const w = rnd([3, 3, 3, 5], 43);
    const b = rnd([5], 44);
    const { err } = await relErr(() =>
      tf.grads((bb: tf.Tensor) => tf.sum(tf.square(tf.add(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same'), bb))))([b])[0]!);
    expect(err).toBeLessThan(1e-4);
  });
});
