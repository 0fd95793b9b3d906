import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/index.js';
import { compile } from '../../compile/compile.js';
import type { Dataset } from '../../data/types.js';
import { chain, split } from '../../train/testkit.js';
import { base64ToBytes } from '../wire.js';
import type { ActivationNode } from './activations.schema.js';
import { inspectContext, runInspect } from './index.js';
import { INSPECT_SCHEMAS, type InspectReply } from './schemas.js';

beforeAll(async () => {
  await useBackend('cpu');
});

function dataset(inputShape: number[], classNames: string[], rows: number[][], y: number[]): Dataset {
  const s = split(rows, y);
  return { id: 't', name: 't', description: '', source: 'test', task: 'classification', inputShape, targetShape: [], classNames, train: s, test: s };
}

async function ask(ctx: ReturnType<typeof inspectContext>, params: Record<string, unknown>): Promise<InspectReply<'activations'>> {
  const a = await runInspect(ctx, { view: 'activations', params });
  // What the host would send: the reply checked against its schema.
  return INSPECT_SCHEMAS.activations.reply.parse(a.value);
}

const byId = (r: InspectReply<'activations'>, id: string) => r.nodes.find((n) => n.id === id)!;

describe('activations of a small conv net', () => {
  // Input 8×8×1 → Conv2D(4 filters, 3×3, valid) → MaxPooling2D(2) → Flatten → Dense(3, softmax)
  const p = chain([8, 8, 1], [['Conv2D', { filters: 4, kernelSize: 3, activation: 'relu' }], ['MaxPooling2D', { poolSize: 2 }], ['Flatten', {}], ['Dense', { units: 3, activation: 'softmax' }]], { loss: 'categoricalCrossentropy' });
  const rows = [Array.from({ length: 64 }, (_, i) => (i % 8) / 7), Array.from({ length: 64 }, (_, i) => Math.floor(i / 8) / 7)];
  const ds = dataset([8, 8, 1], ['a', 'b', 'c'], rows, [0, 2]);

  it('gives every node its shape: tiles per channel for maps, values for vectors, probabilities for the softmax', async () => {
    const { model } = compile(p, { tfl });
    const r = await ask(inspectContext(model, p, ds), { sample: 1 });
    expect(r.sample).toBe(1);
    expect(r.label).toBe(2);
    expect(r.nodes.map((n) => [n.id, n.show, n.shape])).toEqual([
      ['in', 'image', [8, 8, 1]],
      ['l1', 'image', [6, 6, 4]],
      ['l2', 'image', [3, 3, 4]],
      ['l3', 'vector', [36]],
      ['l4', 'probabilities', [3]],
    ]);
    const conv = byId(r, 'l1') as Extract<ActivationNode, { show: 'image' }>;
    expect(conv.channels).toBe(4);
    expect(conv.image.tiles).toHaveLength(4);
    for (const t of conv.image.tiles) expect(base64ToBytes(t)).toHaveLength(36);
    const flat = byId(r, 'l3') as Extract<ActivationNode, { show: 'vector' }>;
    expect(flat.values).toHaveLength(36);
    const soft = byId(r, 'l4') as Extract<ActivationNode, { show: 'probabilities' }>;
    expect(soft.classes).toEqual(['a', 'b', 'c']);
    expect(soft.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    // The input tile is the sample itself: row y holds y/7, so its bytes rise row by row.
    const input = byId(r, 'in') as Extract<ActivationNode, { show: 'image' }>;
    const bytes = base64ToBytes(input.image.tiles[0]!);
    expect([input.image.lo, input.image.hi]).toEqual([0, 1]);
    expect(Array.from({ length: 8 }, (_, y) => bytes[y * 8 + 3])).toEqual([0, 36, 73, 109, 146, 182, 219, 255]);
    model.dispose();
  });

  it('caps the channels sent and counts those left out', async () => {
    const { model } = compile(p, { tfl });
    const r = await ask(inspectContext(model, p, ds), { sample: 0, maxChannels: 3, maxUnits: 10 });
    const conv = byId(r, 'l1') as Extract<ActivationNode, { show: 'image' }>;
    expect([conv.image.tiles.length, conv.leftOut, conv.channels]).toEqual([3, 1, 4]);
    const flat = byId(r, 'l3') as Extract<ActivationNode, { show: 'vector' }>;
    expect([flat.values.length, flat.leftOut]).toEqual([10, 26]);
    expect(r.kernels!.image.tiles).toHaveLength(3);
    expect(r.kernels!.leftOut).toBe(1);
    model.dispose();
  });

  it('shows the first Conv2D kernels as the layer weights', async () => {
    const { model } = compile(p, { tfl });
    const conv = model.layers.find((l) => l.name === 'l1')!;
    // Kernel [3, 3, 1, 4]: filter f at (y, x) = (y·3 + x − 4)·(f + 1) / 16, bias 0.
    const k = Array.from({ length: 36 }, (_, i) => {
      const f = i % 4, pos = Math.floor(i / 4);
      return ((pos - 4) * (f + 1)) / 16;
    });
    conv.setWeights([tf.tensor4d(k, [3, 3, 1, 4]), tf.zeros([4])]);
    const r = await ask(inspectContext(model, p, ds), { sample: 0 });
    const kern = r.kernels!;
    expect([kern.nodeId, kern.filters, kern.inChannels, kern.mode, kern.image.h, kern.image.w]).toEqual(['l1', 4, 1, 'gray', 3, 3]);
    expect([kern.image.lo, kern.image.hi]).toEqual([-1, 1]);
    for (let f = 0; f < 4; f++) {
      const bytes = base64ToBytes(kern.image.tiles[f]!);
      for (let pos = 0; pos < 9; pos++) {
        const back = -1 + (bytes[pos]! / 255) * 2;
        expect(back).toBeCloseTo(((pos - 4) * (f + 1)) / 16, 2);
      }
    }
    model.dispose();
  });
});

describe('activations of Dense layers with weights set by hand', () => {
  // Input(3) → Dense(2, relu) → Dense(2, softmax)
  const p = chain([3], [['Dense', { units: 2, activation: 'relu' }], ['Dense', { units: 2, activation: 'softmax' }]], { loss: 'categoricalCrossentropy' });
  const ds: Dataset = {
    ...dataset([3], ['no', 'yes'], [[1 / 255, 2 / 255, 3 / 255]], [1]),
    preprocessing: { method: 'pixels', offset: [0], divisor: [255], from: 'fixed (pixels / 255)' },
  };
  function handModel() {
    const { model } = compile(p, { tfl });
    model.setWeights([tf.tensor2d([[1, -2], [0.5, 1], [2, -1]]), tf.tensor1d([0.1, 0.2]), tf.tensor2d([[0.1, -0.1], [0, 0]]), tf.tensor1d([0, 0])]);
    return model;
  }

  it('gives the hand-computed activations for a raw input, scaled as the run trained', async () => {
    const model = handModel();
    // Raw [255, 510, 765] scales to x = [1, 2, 3]: hidden = relu([1+1+6+0.1, −2+2−3+0.2]) = [8.1, 0];
    // logits = [0.81, −0.81], p(no) = 1 / (1 + e^−1.62).
    const r = await ask(inspectContext(model, p, ds), { input: [255, 510, 765] });
    expect(r.sample).toBeNull();
    expect(r.label).toBeUndefined();
    const input = byId(r, 'in') as Extract<ActivationNode, { show: 'vector' }>;
    expect(input.values).toEqual([1, 2, 3]);
    const hidden = byId(r, 'l1') as Extract<ActivationNode, { show: 'vector' }>;
    expect(hidden.values[0]).toBeCloseTo(8.1, 4);
    expect(hidden.values[1]).toBe(0);
    const out = byId(r, 'l2') as Extract<ActivationNode, { show: 'probabilities' }>;
    const p0 = 1 / (1 + Math.exp(-1.62));
    expect(out.values[0]).toBeCloseTo(p0, 4);
    expect(out.values[1]).toBeCloseTo(1 - p0, 4);
    expect(out.classes).toEqual(['no', 'yes']);
    expect(r.kernels).toBeNull();
    model.dispose();
  });

  it('reads a test sample as loaded (already scaled), and refuses a wrong-sized input or both', async () => {
    const model = handModel();
    const ctx = inspectContext(model, p, ds);
    const r = await ask(ctx, { sample: 0 });
    const input = byId(r, 'in') as Extract<ActivationNode, { show: 'vector' }>;
    input.values.forEach((v, i) => expect(v).toBeCloseTo((i + 1) / 255, 6));
    expect((byId(r, 'l1') as Extract<ActivationNode, { show: 'vector' }>).values[0]).toBeCloseTo(8 / 255 + 0.1, 4);
    await expect(ask(ctx, { input: [1, 2] })).rejects.toThrow('input: 2 values; an example of shape [3] has 3');
    await expect(ask(ctx, { sample: 0, input: [1, 2, 3] })).rejects.toThrow(/give one of sample/);
    await expect(ask(ctx, { sample: 5 })).rejects.toThrow("sample 5 is past the test split's 1 examples");
    model.dispose();
  });
});

describe('activations of a drawing', () => {
  // Input 28×28×1 → Flatten → Dense(2, softmax), pixels / 255 as MNIST.
  const p = chain([28, 28, 1], [['Flatten', {}], ['Dense', { units: 2, activation: 'softmax' }]], { loss: 'categoricalCrossentropy' });
  const blank = Array.from({ length: 784 }, () => 0);
  const ds: Dataset = {
    ...dataset([28, 28, 1], ['a', 'b'], [blank], [0]),
    preprocessing: { method: 'pixels', offset: [0], divisor: [255], from: 'fixed (pixels / 255)' },
  };

  it('frames a drawing as MNIST digits were (a small off-centre square ends up in the middle, 20 px tall)', async () => {
    const { model } = compile(p, { tfl });
    // A 56×56 drawing with a filled 8×8 square in its top-left corner.
    const pixels = Array.from({ length: 56 * 56 }, (_, i) => (i % 56 < 8 && Math.floor(i / 56) < 8 ? 255 : 0));
    const r = await ask(inspectContext(model, p, ds), { drawing: { width: 56, height: 56, pixels } });
    expect(r.sample).toBeNull();
    const seen = r.input!;
    expect(seen).toHaveLength(784);
    const inkRows = Array.from({ length: 28 }, (_, y) => y).filter((y) => seen.slice(y * 28, y * 28 + 28).some((v) => v > 128));
    const inkCols = Array.from({ length: 28 }, (_, x) => x).filter((x) => Array.from({ length: 28 }, (_, y) => seen[y * 28 + x]!).some((v) => v > 128));
    // Scaled to the 20×20 box and centred: rows and columns 4 to 23.
    expect([inkRows[0], inkRows.at(-1), inkCols[0], inkCols.at(-1)]).toEqual([4, 23, 4, 23]);
    // What the Input node shows is that, scaled as the run trained (÷255).
    const input = byId(r, 'in') as Extract<ActivationNode, { show: 'image' }>;
    expect([input.image.lo, input.image.hi]).toEqual([0, 1]);
    expect(base64ToBytes(input.image.tiles[0]!)[14 * 28 + 14]).toBe(255);
    expect(base64ToBytes(input.image.tiles[0]!)[1 * 28 + 1]).toBe(0);
    await expect(ask(inspectContext(model, p, ds), { drawing: { width: 2, height: 2, pixels: [0, 0, 0] } })).rejects.toThrow(/width × height/);
    model.dispose();
  });

  it('refuses a drawing for an input that is not 28×28', async () => {
    const q = chain([3], [['Dense', { units: 2, activation: 'softmax' }]], { loss: 'categoricalCrossentropy' });
    const { model } = compile(q, { tfl });
    await expect(ask(inspectContext(model, q, dataset([3], ['a', 'b'], [[0, 0, 0]], [0])), { drawing: { width: 1, height: 1, pixels: [255] } })).rejects.toThrow("drawing: a drawing needs a 28×28 input; this run's is [3]");
    model.dispose();
  });
});

describe('activations of a flat input that holds images', () => {
  // A 4×4 "image" whose row y holds y/3, sent flat as 16 values.
  const row = Array.from({ length: 16 }, (_, i) => Math.floor(i / 4) / 3);
  const dense = chain([16], [['Dense', { units: 3, activation: 'relu' }], ['Dense', { units: 2, activation: 'softmax' }]], { loss: 'categoricalCrossentropy' });

  it('draws a flat input of byte pixels as the square image it is, keeping its flat shape', async () => {
    const ds: Dataset = { ...dataset([16], ['a', 'b'], [row], [0]), sourceDtype: 'ubyte' };
    const { model } = compile(dense, { tfl });
    const r = await ask(inspectContext(model, dense, ds), { sample: 0 });
    const input = byId(r, 'in') as Extract<ActivationNode, { show: 'image' }>;
    expect(input.show).toBe('image');
    expect(input.shape).toEqual([16]);
    expect([input.image.h, input.image.w, input.channels]).toEqual([4, 4, 1]);
    const bytes = Array.from(base64ToBytes(input.image.tiles[0]!));
    expect(bytes.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(bytes.slice(12)).toEqual([255, 255, 255, 255]);
    // The hidden layer of 3 stays a vector.
    expect(byId(r, 'l1').show).toBe('vector');
    model.dispose();
  });

  it('draws a Flatten output as the dataset image when the sizes match', async () => {
    const p = chain([4, 4, 1], [['Flatten', {}], ['Dense', { units: 2, activation: 'softmax' }]], { loss: 'categoricalCrossentropy' });
    const { model } = compile(p, { tfl });
    const r = await ask(inspectContext(model, p, dataset([4, 4, 1], ['a', 'b'], [row], [0])), { sample: 0 });
    const flat = byId(r, 'l1') as Extract<ActivationNode, { show: 'image' }>;
    expect([flat.show, flat.shape, flat.image.h, flat.image.w]).toEqual(['image', [16], 4, 4]);
    model.dispose();
  });

  it('keeps a flat input of 16 real-valued features a vector (not pixels)', async () => {
    const { model } = compile(dense, { tfl });
    const r = await ask(inspectContext(model, dense, dataset([16], ['a', 'b'], [row], [0])), { sample: 0 });
    expect(byId(r, 'in').show).toBe('vector');
    model.dispose();
  });
});
