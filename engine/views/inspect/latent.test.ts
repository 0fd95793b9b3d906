import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/index.js';
import { compile } from '../../compile/compile.js';
import { makeRng } from '../../data/random.js';
import type { Dataset } from '../../data/types.js';
import { blobs, chain } from '../../train/testkit.js';
import { startTraining } from '../../train/train.js';
import { inspectContext, runInspect } from './index.js';
import { latentReply } from './latent.schema.js';
import type { InspectReply } from './schemas.js';

beforeAll(async () => {
  await useBackend('cpu');
});

/** An autoencoder's dataset as the loader makes it: targets = the (scaled) inputs, the
 *  classes kept in `labels`. `rows` are raw; scaled by /255 like pixels. */
function aeData(rows: number[][], classes: number[], names: string[]): Dataset {
  const scaled = Float32Array.from(rows.flat(), (v) => v / 255);
  const s = { x: scaled, y: scaled.slice(), count: rows.length, labels: Float32Array.from(classes) };
  const w = rows[0]!.length;
  return {
    id: 'ae', name: 'tiny', description: '', source: 'test', task: 'regression', inputShape: [w], targetShape: [w],
    labelNames: names, train: s, test: s, preprocessing: { method: 'pixels', offset: [0], divisor: [255], from: 'test' },
  };
}

async function latentOf(model: tfl.LayersModel, project: Parameters<typeof inspectContext>[1], ds: Dataset, params: Record<string, unknown> = {}) {
  const ans = await runInspect(inspectContext(model, project, ds), { view: 'latent', params });
  return latentReply.parse(ans.value) as InspectReply<'latent'>;
}

describe('the latent space view', () => {
  it('a hand-set 6 → 4 → 2 → 6 autoencoder: the codes are the first two features, rebuilt in pixel units', async () => {
    const p = chain([6], [['Dense', { units: 4 }], ['Dense', { units: 2 }], ['Dense', { units: 6 }]]);
    const { model } = compile(p, { tfl });
    const eye = (r: number, c: number) => tf.tensor2d(Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => (i === j ? 1 : 0))));
    // code = (x1, x2); rebuilt = (x1, x2, 0.5, 0.5, 0.5, 0.5)
    model.setWeights([eye(6, 4), tf.zeros([4]), eye(4, 2), tf.zeros([2]), eye(2, 6), tf.tensor1d([0, 0, 0.5, 0.5, 0.5, 0.5])]);
    const rows = [
      [51, 102, 7, 8, 9, 10],
      [204, 0, 1, 2, 3, 4],
      [255, 153, 5, 5, 5, 5],
      [0, 51, 250, 0, 0, 0],
    ];
    const ds = aeData(rows, [1, 0, 1, 2], ['a', 'b', 'c']);
    const r = await latentOf(model, p, ds);
    expect(r.node).toBe('l2');
    expect(r.chosen).toBe('narrowest');
    expect(r.width).toBe(2);
    expect(r.choices.map((c) => [c.id, c.width])).toEqual([['l1', 4], ['l2', 2]]);
    expect(r.projection).toBe('code');
    expect(r.axes.map((a) => a.name)).toEqual(['code 1', 'code 2']);
    // Codes come from the scaled inputs (raw / 255).
    r.points.forEach(([x, y], i) => {
      expect(x).toBeCloseTo(rows[i]![0]! / 255, 4);
      expect(y).toBeCloseTo(rows[i]![1]! / 255, 4);
    });
    expect(r.labels).toEqual([1, 0, 1, 2]);
    expect(r.classNames).toEqual(['a', 'b', 'c']);
    // The first test sample of each class, class by class: b (row 1), a (row 0), c (row 3).
    expect(r.reconstructions.map((x) => [x.index, x.label])).toEqual([[1, 0], [0, 1], [3, 2]]);
    const rec = r.reconstructions[1]!;
    expect(rec.original).toEqual(rows[0]);
    [51, 102, 127.5, 127.5, 127.5, 127.5].forEach((v, j) => expect(rec.reconstruction[j]).toBeCloseTo(v, 1));

    // A node named in params is used instead; one that is no code is refused with the choices.
    const named = await latentOf(model, p, ds, { node: 'l1', reconstruct: [2] });
    expect([named.node, named.chosen, named.width, named.projection]).toEqual(['l1', 'named', 4, 'pca']);
    expect(named.reconstructions.map((x) => x.index)).toEqual([2]);
    await expect(latentOf(model, p, ds, { node: 'l3' })).rejects.toThrow(/no node 'l3'.*there are l1, l2/);
    await expect(latentOf(model, p, ds, { reconstruct: [9] })).rejects.toThrow(/sample 9 is past/);
    model.dispose();
  });

  it('a 3-wide code is drawn by its principal components, with the variance each explains', async () => {
    const p = chain([4], [['Dense', { units: 3 }], ['Dense', { units: 4 }]]);
    const { model } = compile(p, { tfl });
    // code = 255 × (first three scaled features) = the raw features themselves
    model.setWeights([tf.tensor2d([[255, 0, 0], [0, 255, 0], [0, 0, 255], [0, 0, 0]]), tf.zeros([3]), tf.zeros([3, 4]), tf.zeros([4])]);
    // Raw codes (3a, b, 0) with a, b = ±1 in all four pairs (shifted by 10 so the mean matters):
    // variances 9 and 1, so PC1 is feature 1 (90 %), PC2 feature 2 (10 %), points (3a, b).
    const pairs = [[1, 1], [1, -1], [-1, 1], [-1, -1]];
    const rows = pairs.map(([a, b]) => [10 + 3 * a!, 10 + b!, 10, 0]);
    const ds = aeData(rows, [0, 0, 1, 1], ['left', 'right']);
    const r = await latentOf(model, p, ds);
    expect([r.node, r.width, r.projection]).toEqual(['l1', 3, 'pca']);
    expect(r.axes[0].name).toBe('PC1');
    expect(r.axes[0].explained).toBeCloseTo(0.9, 4);
    expect(r.axes[1].explained).toBeCloseTo(0.1, 4);
    r.points.forEach(([x, y], i) => {
      expect(x).toBeCloseTo(3 * pairs[i]![0]!, 3);
      expect(y).toBeCloseTo(pairs[i]![1]!, 3);
    });
    model.dispose();
  });

  it('says why it does not apply to a classifier or to a network that does not rebuild its input', async () => {
    const clf = chain([2], [['Dense', { units: 2 }], ['Dense', { units: 2, activation: 'softmax' }]]);
    const c1 = compile(clf, { tfl });
    const about = await runInspect(inspectContext(c1.model, clf, blobs(8, 1)), { view: 'about', params: {} });
    const views = (about.value as InspectReply<'about'>).views;
    expect(views.latent).toMatch(/not an autoencoder: its targets are class labels, not its inputs.*target to "input"/);
    await expect(runInspect(inspectContext(c1.model, clf, blobs(8, 1)), { view: 'latent', params: {} })).rejects.toThrow(/latent: this is not an autoencoder/);

    const narrow = chain([4], [['Dense', { units: 2 }], ['Dense', { units: 3 }]]);
    const c2 = compile(narrow, { tfl });
    const ds = aeData([[1, 2, 3, 4]], [0], ['x']);
    const v = await runInspect(inspectContext(c2.model, narrow, ds), { view: 'about', params: {} });
    expect((v.value as InspectReply<'about'>).views.latent).toMatch(/output has 3 values per example and its input 4/);
    c1.model.dispose();
    c2.model.dispose();
  });

  it('a tiny autoencoder trained on three clusters in 8-D places each cluster apart in its 2-D code', async () => {
    const rng = makeRng(5);
    const centres = [0, 1, 2].map(() => Array.from({ length: 8 }, () => 40 + rng() * 175));
    const rows: number[][] = [];
    const cls: number[] = [];
    for (let i = 0; i < 150; i++) {
      const c = i % 3;
      rows.push(centres[c]!.map((v) => v + (rng() - 0.5) * 20));
      cls.push(c);
    }
    const ds = aeData(rows, cls, ['p', 'q', 'r']);
    const p = chain([8], [['Dense', { units: 8, activation: 'tanh' }], ['Dense', { units: 2 }], ['Dense', { units: 8, activation: 'tanh' }], ['Dense', { units: 8 }]], {
      loss: 'meanSquaredError', metrics: [], epochs: 120, batchSize: 32, seed: 2, optimizer: { kind: 'adam', learningRate: 0.02 },
    });
    const job = startTraining({ project: p, dataset: ds, backend: 'cpu', batchEvery: 1000 });
    const { model, status } = await job.done;
    expect(status).toBe('finished');
    const r = await latentOf(model!, p, ds);
    expect([r.node, r.projection]).toEqual(['l2', 'code']);
    // Each class's points sit together: every class mean is further from the others than
    // three times the class's own spread.
    const stats = [0, 1, 2].map((c) => {
      const pts = r.points.filter((_, i) => r.labels![i] === c);
      const m = [0, 1].map((k) => pts.reduce((a, q) => a + q[k]!, 0) / pts.length);
      const spread = Math.sqrt(pts.reduce((a, q) => a + (q[0]! - m[0]!) ** 2 + (q[1]! - m[1]!) ** 2, 0) / pts.length);
      return { m, spread };
    });
    for (const a of stats) for (const b of stats) if (a !== b) expect(Math.hypot(a.m[0]! - b.m[0]!, a.m[1]! - b.m[1]!)).toBeGreaterThan(3 * Math.max(a.spread, b.spread));
    // The rebuilds are close to the originals in pixel units (the clusters are 100s apart).
    for (const rec of r.reconstructions) {
      const err = Math.sqrt(rec.original.reduce((a, v, j) => a + (v - rec.reconstruction[j]!) ** 2, 0) / 8);
      expect(err).toBeLessThan(25);
    }
    model!.dispose();
  });
});
