import { describe, expect, it } from 'vitest';
import { loadDataset } from './index.js';
import { previewDataset } from './preview.js';

describe('dataset preview for the data panel', () => {
  it('gives points, class balance and labelled samples for a 2-D set, as plain JSON', async () => {
    const ds = await loadDataset({ id: 'spirals', options: { size: 100, classes: 3 } });
    const p = previewDataset(ds, { samples: 4, maxPoints: 50 });
    expect(p.view).toBe('points');
    expect(p.points).toHaveLength(50);
    expect(p.samples).toHaveLength(4);
    expect(p.samples[0]!.label).toBe(ds.classNames![ds.train.y[0]!]);
    expect(p.classCounts!.reduce((a, c) => a + c, 0)).toBe(ds.train.count);
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  it('draws images, tables and sequences as such', async () => {
    const iris = previewDataset(await loadDataset({ id: 'iris' }));
    expect(iris.view).toBe('table');
    expect(iris.samples[0]!.x).toHaveLength(4);
    const sine = previewDataset(await loadDataset({ id: 'sine', options: { size: 20 } }), { samples: 2 });
    expect(sine.view).toBe('sequence');
    expect(sine.samples[0]!.x).toHaveLength(20);
    const ae = previewDataset(await loadDataset({ id: 'blobs', options: { features: 784, size: 20 } }));
    expect(ae.view).toBe('images');
  });
});
