// The benchmark's parts on real Fashion-MNIST files, with tiny runs (2 busy cores); its
// arithmetic (turns, batch plans, medians and ranges) as pure functions, without PyTorch.
import { execFileSync } from 'node:child_process';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/index.js';
import { threadCount } from '../backend/wasm/gemm-threads.js';
import { command } from '../cli/commands/bench.js';
import { parseBenchArgs } from './args.js';
import { sliceImages } from './command.js';
import { loadFashionSlice } from './fashion.js';
import { BENCH_MODELS, PARAM_COUNTS, buildModel } from './models.js';
import { PEER_SCRIPT, peerArgs, peerPython, runPeer, type PeerResult } from './peer.js';
import { summarize, table } from './report.js';
import { backendThreads, measure, type Measurement } from './run.js';
import { alternation, median, pairRatios, plannedBatches, range } from './stats.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
}

describe('bench options', () => {
  it('has the documented defaults', () => {
    const a = parseBenchArgs([]);
    expect(a).toMatchObject({ backend: 'all', peer: false, json: false, batches: 20, warmup: 3, batchSize: 128, pairs: 3, minSeconds: 5, maxSeconds: 60 });
    expect(a.models).toEqual([...BENCH_MODELS]);
  });

  it('reads flags in both spellings', () => {
    const a = parseBenchArgs(['--backend', 'wasm', '--peer', '--json', '--batches=5', '--models', 'simplified,convolutional', '--pairs', '4', '--min-seconds=2.5']);
    expect(a).toMatchObject({ backend: 'wasm', peer: true, json: true, batches: 5, models: ['simplified', 'convolutional'], pairs: 4, minSeconds: 2.5 });
  });

  it('names the bad option', () => {
    expect(() => parseBenchArgs(['--batches', '0'])).toThrow(/--batches needs a positive whole number, got '0'/);
    expect(() => parseBenchArgs(['--models', 'standard,resnet'])).toThrow(/unknown model 'resnet'/);
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown option '--fast'/);
    expect(() => parseBenchArgs(['--backend'])).toThrow(/--backend needs a value/);
    expect(() => parseBenchArgs(['--pairs', '0'])).toThrow(/--pairs needs a positive whole number, got '0'/);
    expect(() => parseBenchArgs(['--min-seconds', '-1'])).toThrow(/--min-seconds needs a number of seconds, 0 or more, got '-1'/);
    expect(() => parseBenchArgs(['--min-seconds', '90'])).toThrow(/--min-seconds \(90\) is more than --max-seconds \(60\)/);
  });
});

describe('bench arithmetic', () => {
  it('alternates ours and the peer, pair by pair, and runs ours alone without a peer', () => {
    expect(alternation(3, true)).toEqual(['ours', 'peer', 'ours', 'peer', 'ours', 'peer']);
    expect(alternation(1, true)).toEqual(['ours', 'peer']);
    expect(alternation(2, false)).toEqual(['ours', 'ours']);
    expect(() => alternation(0, true)).toThrow(/pairs must be a whole number, 1 or more; got 0/);
  });

  it('plans enough batches for the minimum time, at least the minimum count, within the maximum', () => {
    const plan = { batches: 20, minSeconds: 5, maxSeconds: 60 };
    expect(plannedBatches(0.001, plan)).toBe(5000); // 5 s of 1 ms batches
    expect(plannedBatches(0.5, plan)).toBe(20); // 20 batches already take 10 s
    expect(plannedBatches(10, plan)).toBe(6); // 20 would take 200 s: what fits in 60
    expect(plannedBatches(100, plan)).toBe(1); // always one
    expect(plannedBatches(0, { batches: 3, minSeconds: 0, maxSeconds: 60 })).toBe(3);
  });

  it('takes the median and the range', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(range([0.7, 0.5, 0.9])).toEqual({ min: 0.5, max: 0.9 });
    expect(() => median([])).toThrow(/no values/);
  });

  it('divides pair by pair, not median by median', () => {
    const q = pairRatios([100, 200, 300], [200, 200, 200]);
    expect(q.ratios).toEqual([0.5, 1, 1.5]);
    expect(q).toMatchObject({ median: 1, min: 0.5, max: 1.5 });
    // The medians of each side would give 200/300; the pairs say 1, 0.5 and 1.
    expect(pairRatios([100, 200, 300], [100, 400, 300]).median).toBe(1);
    expect(() => pairRatios([1, 2], [1])).toThrow(/as many peer figures as ours \(got 2 and 1\)/);
  });

  it('sums up a network: both thread counts, medians, the ratio and its range', () => {
    const ours = [900, 1000, 1100].map((imagesPerSec) => ({ model: 'simplified', backend: 'wasm', device: 'CPU', threads: 2, imagesPerSec }) as Measurement);
    const peers = [1000, 2000, 1000].map((imagesPerSec) => ({ model: 'simplified', backend: 'torch-cpu', device: 'CPU (2 threads)', threads: 2, imagesPerSec }) as PeerResult);
    const r = summarize(ours, peers);
    expect(r).toEqual({
      model: 'simplified', backend: 'wasm', device: 'CPU', threads: 2, peerThreads: 2, pairs: 3,
      imagesPerSec: 1000, peerImagesPerSec: 1000, ratio: 0.9, ratioMin: 0.5, ratioMax: 1.1,
    });
    const printed = table([r]);
    expect(printed).toMatch(/^model\s+backend\s+device\s+threads\s+peer threads/);
    expect(printed).toMatch(/simplified\s+wasm\s+CPU\s+2\s+2\s+3\s+1000\s+1000\s+0\.900× \(0\.500–1\.100\)/);
    expect(summarize(ours, [])).toMatchObject({ threads: 2, peerThreads: null, ratio: null, ratioMin: null, ratioMax: null });
  });

  it('gives the peer our thread count and the slice ours reads', () => {
    const args = peerArgs({ model: 'standard', batches: 20, warmup: 3, batchSize: 128, minSeconds: 5, maxSeconds: 60, slice: 12_928, data: '/d', device: 'cpu', threads: 2 });
    expect(args[0]).toBe(PEER_SCRIPT);
    const flag = (f: string) => args[args.indexOf(f) + 1];
    expect([flag('--threads'), flag('--slice'), flag('--min-seconds'), flag('--models')]).toEqual(['2', '12928', '5', 'standard']);
    expect(sliceImages({ warmup: 3, batches: 20, batchSize: 128 })).toBe(103 * 128);
    expect(sliceImages({ warmup: 3, batches: 1000, batchSize: 128 })).toBe(468 * 128); // all 60,000 images, whole batches
  });

  it("counts wasm's threads as its device line does, one for cpu", () => {
    expect(backendThreads('wasm')).toBe(threadCount());
    expect(backendThreads('cpu')).toBe(1);
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

  it('takes what a cut of the set holds when asked to, and says when it holds too few', () => {
    expect(() => loadFashionSlice(70_000)).toThrow(/60000 training images, the benchmark needs 70000/);
    expect(loadFashionSlice(70_000, undefined, { upTo: true }).n).toBe(60_000);
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
    const r = await measure('simplified', 'wasm', data, { batches: 2, warmup: 1, batchSize: 32, minSeconds: 0, maxSeconds: 60 });
    expect(r).toMatchObject({ model: 'simplified', backend: 'wasm', batches: 2, batchSize: 32, threads: threadCount() });
    expect(r.imagesPerSec).toBeGreaterThan(0);
    expect(Number.isFinite(r.finalLoss)).toBe(true);
  });

  it('keeps timing past the planned batches until the minimum time has passed', async () => {
    const data = loadFashionSlice(2 * 32);
    // One batch planned (the warm-up says so), but 0.5 s asked for: the slice is read round.
    const r = await measure('simplified', 'wasm', data, { batches: 1, warmup: 1, batchSize: 32, minSeconds: 0.5, maxSeconds: 60 });
    expect(r.seconds).toBeGreaterThanOrEqual(0.5);
    expect(r.batches).toBeGreaterThan(2);
  });

  it('prints JSON lines ending with the results object', async () => {
    const c = capture();
    const rc = await command.run(['--backend', 'wasm', '--models', 'simplified', '--batches', '1', '--warmup', '1', '--batch-size', '16', '--pairs', '2', '--min-seconds', '0', '--json'], c.io);
    expect(rc).toBe(0);
    const lines = c.out.map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.side).map((l) => [l.side, l.pair])).toEqual([['ours', 1], ['ours', 2]]);
    const last = lines.at(-1);
    expect(last.results).toHaveLength(1);
    expect(Object.keys(last.results[0]).sort()).toEqual(['backend', 'device', 'imagesPerSec', 'model', 'pairs', 'peerImagesPerSec', 'peerThreads', 'ratio', 'ratioMax', 'ratioMin', 'threads']);
    expect(last.results[0]).toMatchObject({ model: 'simplified', backend: 'wasm', threads: threadCount(), peerThreads: null, pairs: 2, peerImagesPerSec: null, ratio: null });
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
  it.skipIf(!torchImports())('trains the simplified network on the threads it is given and reports images per second', async () => {
    const r = await runPeer({ model: 'simplified', batches: 1, warmup: 1, batchSize: 16, minSeconds: 0, maxSeconds: 60, slice: 64, data: '/usr/share/datasets/fashion-mnist', device: 'cpu', threads: 1 });
    expect(r).toMatchObject({ model: 'simplified', backend: 'torch-cpu', batches: 1, threads: 1 });
    expect(r.imagesPerSec).toBeGreaterThan(0);
  });
});
