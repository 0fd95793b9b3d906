// The backend ladder: what it reports, what `auto` picks, and that wasm trains like cpu.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { autoChoice, SOFTWARE_DEVICE } from './auto.js';
import { BACKEND_NAMES, listBackends, useBackend } from './index.js';

const ladder = await listBackends();
const tfNodeMissing = !ladder.find((b) => b.name === 'tensorflow')!.available;
const unavailable = ladder.find((b) => !b.available);

describe('listBackends', () => {
  it('lists the ladder fastest first, each with a device or a reason', async () => {
    const list = await listBackends();
    expect(list.map((b) => b.name)).toEqual(['tensorflow', 'webgpu', 'wasm', 'cpu']);
    for (const b of list) {
      if (b.available) expect(b.device).toMatch(/\w/);
      else expect(b.reason).toMatch(/\w{3}/);
    }
    expect(list.find((b) => b.name === 'wasm')?.available).toBe(true);
    expect(list.find((b) => b.name === 'cpu')?.available).toBe(true);
  });

  it.skipIf(!tfNodeMissing)('says why tfjs-node is missing and how to get it', async () => {
    const tfNode = (await listBackends()).find((b) => b.name === 'tensorflow')!;
    expect(tfNode.available).toBe(false);
    expect(tfNode.reason).toMatch(/tfjs-node.*TFJS_NODE_CDN_STORAGE/s);
  });
});

describe('autoChoice', () => {
  it('takes the first available backend of the list, passing a software GPU adapter by (as useBackend("auto") does)', () => {
    const software = { name: 'webgpu', available: true, device: `${SOFTWARE_DEVICE} (llvmpipe, Dawn)` };
    const wasm = { name: 'wasm', available: true, device: 'CPU (WebAssembly SIMD)' };
    expect(autoChoice([{ name: 'tensorflow', available: false, reason: 'not installed' }, software, wasm])).toBe(wasm);
    const gpu = { name: 'webgpu', available: true, device: 'GPU (nvidia, Dawn)' };
    expect(autoChoice([gpu, wasm])).toBe(gpu);
    expect(autoChoice([{ name: 'cpu', available: false, reason: 'x' }])).toBeUndefined();
  });
});

describe('useBackend', () => {
  it('auto picks the first available rung of the ladder', async () => {
    const first = (await listBackends()).find((b) => b.available)!;
    const info = await useBackend('auto');
    expect(info.name).toBe(first.name);
    expect(tf.getBackend()).toBe(first.name);
  });

  it('refuses an unknown name and lists the known ones', async () => {
    await expect(useBackend('tpu')).rejects.toThrow(/unknown backend 'tpu'.*wasm.*cpu/);
  });

  it.skipIf(!unavailable)(`refuses an unavailable backend with its reason (${unavailable?.name ?? 'every rung runs here'})`, async () => {
    await expect(useBackend(unavailable!.name)).rejects.toThrow(new RegExp(`'${unavailable!.name}' is not available: .*\\w{3}`));
  });

  it('gives tensors the chained methods tfjs-layers calls (t.flatten(), t.sign())', async () => {
    await useBackend('cpu');
    expect(Array.from((tf.tensor2d([[1, -2], [0, 3]]) as unknown as { flatten(): tf.Tensor }).flatten().dataSync())).toEqual([1, -2, 0, 3]);
    expect(BACKEND_NAMES).toContain('wasm');
  });
});

/** Trains a tiny conv net for two steps from fixed weights; returns the losses. */
async function twoSteps(backend: string): Promise<number[]> {
  await useBackend(backend);
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [8, 8, 2], filters: 3, kernelSize: 3, activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }) }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 4, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.rmsprop(0.01), loss: 'categoricalCrossentropy' });
  const x = tf.randomUniform([16, 8, 8, 2], 0, 1, 'float32', 3);
  const y = tf.oneHot(tf.tensor1d(Array.from({ length: 16 }, (_, i) => i % 4), 'int32'), 4);
  const losses: number[] = [];
  for (let i = 0; i < 2; i++) losses.push(Number(await model.trainOnBatch(x, y)));
  model.dispose();
  return losses;
}

describe('training on wasm', () => {
  it('matches cpu within float tolerance and repeats itself exactly', async () => {
    const cpu = await twoSteps('cpu');
    const wasm = await twoSteps('wasm');
    const again = await twoSteps('wasm');
    expect(wasm).toEqual(again);
    for (let i = 0; i < cpu.length; i++) expect(Math.abs(wasm[i]! - cpu[i]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(cpu[i]!)));
    expect(wasm[1]).not.toBe(wasm[0]); // it did learn something
  });
});
