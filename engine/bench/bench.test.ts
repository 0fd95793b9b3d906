// The benchmark's parts on real Fashion-MNIST files, with tiny runs (2 busy cores).
import { execFileSync } from 'node:child_process';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/index.js';
import { command } from '../cli/commands/bench.js';
import { parseBenchArgs } from './args.js';
import { loadFashionSlice } from './fashion.js';
import { BENCH_MODELS, PARAM_COUNTS, buildModel } from './models.js';
import { peerPython, runPeer } from './peer.js';
import { measure } from './run.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
}

describe('bench options', () => {
  it('has the documented defaults', () => {
    const a = parseBenchArgs([]);
    expect(a).toMatchObject({ backend: 'all', peer: false, json: false, batches: 20, warmup: 3, batchSize: 128 });
    expect(a.models).toEqual([...BENCH_MODELS]);
  });

  it('reads flags in both spellings', () => {
    const a = parseBenchArgs(['--backend', 'wasm', '--peer', '--json', '--batches=5', '--models', 'simplified,convolutional']);
    expect(a).toMatchObject({ backend: 'wasm', peer: true, json: true, batches: 5, models: ['simplified', 'convolutional'] });
  });

  it('names the bad option', () => {
    expect(() => parseBenchArgs(['--batches', '0'])).toThrow(/--batches needs a positive whole number, got '0'/);
    expect(() => parseBenchArgs(['--models', 'standard,resnet'])).toThrow(/unknown model 'resnet'/);
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown option '--fast'/);
    expect(() => parseBenchArgs(['--backend'])).toThrow(/--backend needs a value/);
  });
});

describe('Fashion-MNIST slice', () => {
  it('reads images scaled to [0, 1] and one-hot labels', () => {
    const s = loadFashionSlice(64);
    expect(s.n).toBe(64);
    expect(s.images.length).toBe(64 * 784);
    expect(Math.max(...s.images)).toBeLessThanOrEqual(1);
    expect(Math.max(...s.images)).toBeGreaterThan(0.9);
    for (let i = 0; i < 64; i++) expect(s.oneHot.subarray(i * 10, i * 10 + 10).reduce((a, b) => a + b, 0)).toBe(1);
    // The first training label of Fashion-MNIST is 9 (ankle boot).
    expect(s.oneHot[9]).toBe(1);
  });

  it('names the missing file', () => {
    expect(() => loadFashionSlice(8, '/nonexistent')).toThrow(/\/nonexistent\/train-images-idx3-ubyte\.gz: cannot read/);
  });
});

describe('bench models', () => {
  beforeAll(() => useBackend('cpu'));
  for (const m of BENCH_MODELS) {
    it(`${m} has the lecture's parameter count`, () => {
      const model = buildModel(tfl, m);
      expect(model.countParams()).toBe(PARAM_COUNTS[m]);
      model.dispose();
    });
  }
});

describe('measure and the bench command', () => {
  it('times a few batches of the simplified network on wasm', async () => {
    const data = loadFashionSlice(3 * 32);
    const r = await measure('simplified', 'wasm', data, { batches: 2, warmup: 1, batchSize: 32, maxSeconds: 60 });
    expect(r).toMatchObject({ model: 'simplified', backend: 'wasm', batches: 2, batchSize: 32 });
    expect(r.imagesPerSec).toBeGreaterThan(0);
    expect(Number.isFinite(r.finalLoss)).toBe(true);
  });

  it('prints JSON lines ending with the results object', async () => {
    const c = capture();
    const rc = await command.run(['--backend', 'wasm', '--models', 'simplified', '--batches', '1', '--warmup', '1', '--batch-size', '16', '--json'], c.io);
    expect(rc).toBe(0);
    const last = JSON.parse(c.out.at(-1)!);
    expect(last.results).toHaveLength(1);
    expect(Object.keys(last.results[0]).sort()).toEqual(['backend', 'imagesPerSec', 'model', 'peerImagesPerSec', 'ratio']);
    expect(last.results[0]).toMatchObject({ model: 'simplified', backend: 'wasm', peerImagesPerSec: null, ratio: null });
    for (const line of c.out) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('refuses an unknown backend', async () => {
    const c = capture();
    expect(await command.run(['--backend', 'abacus'], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/unknown backend 'abacus'/);
  });
});

function torchImports(): boolean {
  try {
    execFileSync(peerPython(), ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

describe('PyTorch peer', () => {
  it.skipIf(!torchImports())('trains the simplified network and reports images per second', async () => {
    const [r] = await runPeer({ models: ['simplified'], batches: 1, warmup: 1, batchSize: 16, data: '/usr/share/datasets/fashion-mnist', device: 'cpu' });
    expect(r).toMatchObject({ model: 'simplified', backend: 'torch-cpu', batches: 1 });
    expect(r!.imagesPerSec).toBeGreaterThan(0);
  });
});
