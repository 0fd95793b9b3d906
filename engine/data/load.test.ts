import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { datasetRefFromArg, listDatasets, loadDataset, loadProjectDataset } from './index.js';
import { encodeIdx } from './io/idx.js';
import { testNode, testProject } from '../project/fixtures.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'load-'));
});

describe('loadDataset', () => {
  it('lists every dataset id with its task and options', () => {
    const ids = listDatasets().map((d) => d.id);
    expect(ids).toEqual(['xor', 'circles', 'moons', 'spirals', 'blobs', 'line', 'polynomial', 'sine', 'skewed', 'mnist', 'fashion-mnist', 'iris']);
    expect(listDatasets().find((d) => d.id === 'mnist')!.available).toBe(true);
  });

  it('rejects bad references and options with clear words', async () => {
    await expect(loadDataset({ id: 'mnistt' })).rejects.toThrow(/unknown dataset id "mnistt"; known ids are xor, circles/);
    // A bare word that is no file was meant as an id (the CLI's --dataset takes both): the ids are listed.
    await expect(loadDataset({ file: 'nope' })).rejects.toThrow(/^nope: is neither a dataset id nor a file or folder; known ids are xor, circles, .*, iris$/);
    await expect(loadDataset({ file: 'nope' }, { baseDir: dir })).rejects.toThrow(/^nope: is neither a dataset id nor a file or folder; known ids are xor/);
    // A path is a path: its error stays about the file.
    await expect(loadDataset({ file: join(dir, 'nope.csv') })).rejects.toThrow(/nope\.csv: file or folder not found$/);
    await expect(loadDataset({})).rejects.toThrow(/exactly one of id .* or file/);
    await expect(loadDataset({ id: 'xor', options: { sise: 10 } })).rejects.toThrow(/dataset "xor": unknown option "sise"; known options are seed/);
    await expect(loadDataset({ id: 'xor' }, { inputShape: [3] })).rejects.toThrow(/shape \[2\] \(2 values\) and cannot be reshaped to the Input shape \[3\]/);
    await expect(loadDataset({ id: 'xor', options: { testFraction: 1.5 } })).rejects.toThrow(/testFraction must be a number from 0/);
    await expect(loadDataset({ id: 'xor', options: [1] as unknown as Record<string, unknown> })).rejects.toThrow(/options must be an object/);
    await expect(loadDataset({ id: 'xor', options: { preprocess: 'magic' } })).rejects.toThrow(/preprocess must be one of none, pixels/);
  });

  it('standardizes with statistics from the training split and keeps them with the dataset', async () => {
    const d = await loadDataset({ id: 'blobs', options: { preprocess: 'standardize' } });
    const p = d.preprocessing!;
    expect(p.method).toBe('standardize');
    expect(p.offset).toHaveLength(2);
    const mean0 = d.train.x.filter((_, i) => i % 2 === 0).reduce((a, v) => a + v, 0) / d.train.count;
    expect(mean0).toBeCloseTo(0, 4);
  });

  it('makes targets equal to inputs for autoencoders', async () => {
    const d = await loadDataset({ id: 'circles', options: { target: 'input', size: 40 } });
    expect(d.task).toBe('regression');
    expect(d.targetShape).toEqual([2]);
    expect(d.classNames).toBeUndefined();
    expect(Array.from(d.train.y)).toEqual(Array.from(d.train.x));
    // The classes stay beside the targets, split for split as the labelled set has them.
    const labelled = await loadDataset({ id: 'circles', options: { size: 40 } });
    expect(d.labelNames).toEqual(labelled.classNames);
    expect(Array.from(d.test.labels!)).toEqual(Array.from(labelled.test.y));
    expect(Array.from(d.test.x)).toEqual(Array.from(labelled.test.x));
  });

  it('holds a validation split out when asked', async () => {
    const d = await loadDataset({ id: 'moons', options: { size: 100, validationFraction: 0.1 } });
    expect([d.train.count, d.validation!.count, d.test.count]).toEqual([70, 10, 20]);
  });

  it('imports a CSV file with the chosen label column', async () => {
    const f = join(dir, 'people.csv');
    writeFileSync(f, 'age,city,bought\n20,Paris,yes\n30,Rome,no\n40,Paris,yes\n50,Oslo,no\n60,Rome,yes\n');
    const d = await loadDataset({ file: f, options: { labelColumn: 'bought', testFraction: 0.2, preprocess: 'scale' } });
    expect(d.format).toBe('csv');
    expect(d.classNames).toEqual(['no', 'yes']);
    expect(d.featureNames).toEqual(['age', 'city=Oslo', 'city=Paris', 'city=Rome']);
    expect(d.train.count + d.test.count).toBe(5);
    await expect(loadDataset({ file: f, options: { size: [2, 2] } })).rejects.toThrow(/unknown option "size"/);
    // a project's relative path is read from the project's folder
    const rel = await loadDataset({ file: 'people.csv' }, { baseDir: dir });
    expect(rel.id).toBe(f);
  });

  it('imports an IDX pair, finding the labels file by its MNIST name', async () => {
    const pixels = Array.from({ length: 6 * 4 }, (_, i) => (i * 37) % 256);
    writeFileSync(join(dir, 'train-images-idx3-ubyte.gz'), gzipSync(encodeIdx('ubyte', [6, 2, 2], pixels)));
    writeFileSync(join(dir, 'train-labels-idx1-ubyte.gz'), gzipSync(encodeIdx('ubyte', [6], [0, 1, 2, 0, 1, 2])));
    const d = await loadDataset({ file: join(dir, 'train-images-idx3-ubyte.gz'), options: { testFraction: 0.5 } });
    expect(d.inputShape).toEqual([2, 2, 1]);
    expect(d.classNames).toEqual(['0', '1', '2']);
    expect(d.preprocessing?.method).toBe('pixels');
    expect(d.train.count).toBe(3);
    writeFileSync(join(dir, 'odd-labels.idx'), encodeIdx('ubyte', [5], [0, 1, 2, 0, 1]));
    await expect(
      loadDataset({ file: join(dir, 'train-images-idx3-ubyte.gz'), options: { labels: join(dir, 'odd-labels.idx') } }),
    ).rejects.toThrow(/6 images but 5 labels/);
    // a lone images file: an error without labels, its own target for an autoencoder
    writeFileSync(join(dir, 'lone.idx'), encodeIdx('ubyte', [4, 2, 2], pixels.slice(0, 16)));
    await expect(loadDataset({ file: join(dir, 'lone.idx') })).rejects.toThrow(/lone\.idx: no labels file found/);
    const ae = await loadDataset({ file: join(dir, 'lone.idx'), options: { target: 'input', testFraction: 0.25 } }, { inputShape: [4] });
    expect([ae.task, ae.train.count, ae.inputShape, ae.targetShape]).toEqual(['regression', 3, [4], [4]]);
    expect(Array.from(ae.train.y)).toEqual(Array.from(ae.train.x));
    expect(Math.max(...ae.train.x, ...ae.test.x)).toBeCloseTo(pixels.slice(0, 16).reduce((a, v) => Math.max(a, v), 0) / 255, 5);
  });

  it('loads a project dataset reshaped to its Input node and seeded by its training seed', async () => {
    const project = testProject({ nodes: [testNode('in', 'Input', { shape: [2, 1] })], training: { loss: 'binaryCrossentropy', seed: 5 } });
    const d = await loadProjectDataset(project);
    expect(d.inputShape).toEqual([2, 1]);
    const same = await loadDataset({ id: 'xor' }, { seed: 5 });
    expect(Array.from(d.train.x)).toEqual(Array.from(same.train.x));
    expect(datasetRefFromArg('fashion-mnist')).toEqual({ id: 'fashion-mnist' });
    expect(datasetRefFromArg('./my.csv')).toEqual({ file: './my.csv' });
  });
});
