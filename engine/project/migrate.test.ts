import { describe, expect, it } from 'vitest';
import { parseProject } from './io.js';
import { MIGRATIONS, migrate } from './migrate.js';
import { PROJECT_VERSION } from './types.js';

/** A pre-release (version 0) file: inline inputs, snake_case params, Keras loss names. */
const v0 = {
  format: 'layerlab-project',
  version: 0,
  title: 'Two branches',
  layers: [
    { id: 'in', type: 'Input', config: { shape: [8] }, x: 10, y: 20 },
    { id: 'a', type: 'Dense', config: { units: 4, kernel_initializer: 'heNormal' }, inputs: ['in'] },
    { id: 'b', type: 'Dense', config: { units: 4 }, inputs: ['in'] },
    { id: 'cat', type: 'Concatenate', inputs: ['b', 'a'] },
  ],
  data: 'blobs',
  train: { optimizer: 'Adam', lr: 0.01, loss: 'sparse_categorical_crossentropy', epochs: 3, batch_size: 16, seed: 7 },
};

describe('migrations', () => {
  it('form an unbroken chain from the oldest version to the current one', () => {
    const froms = MIGRATIONS.map((m) => m.from);
    expect(froms).toEqual(Array.from({ length: PROJECT_VERSION - froms[0]! }, (_, i) => froms[0]! + i));
  });

  it('bring a version 0 file to the current version step by step', () => {
    const r = parseProject(JSON.stringify(v0), 'old.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([
      expect.stringMatching(/^old\.json: migrated from version 0: version 0 \(pre-release\)/),
      expect.stringMatching(/^old\.json: migrated from version 0: version 1 became version 2/),
    ]);
    expect(r.project).toEqual({
      format: 'layerlab-project',
      version: 2,
      name: 'Two branches',
      graph: {
        nodes: [
          { id: 'in', kind: 'Input', params: { shape: [8] }, position: { x: 10, y: 20 } },
          { id: 'a', kind: 'Dense', params: { units: 4, kernelInitializer: 'heNormal' }, position: { x: 0, y: 0 } },
          { id: 'b', kind: 'Dense', params: { units: 4 }, position: { x: 0, y: 0 } },
          { id: 'cat', kind: 'Concatenate', params: {}, position: { x: 0, y: 0 } },
        ],
        edges: [
          { id: 'e1', source: 'in', target: 'a', targetPort: 0 },
          { id: 'e2', source: 'in', target: 'b', targetPort: 0 },
          // Inline input order becomes the merge's port order.
          { id: 'e3', source: 'b', target: 'cat', targetPort: 0 },
          { id: 'e4', source: 'a', target: 'cat', targetPort: 1 },
        ],
      },
      dataset: { id: 'blobs' },
      training: {
        optimizer: { kind: 'adam', learningRate: 0.01 },
        loss: 'sparseCategoricalCrossentropy',
        metrics: ['accuracy'],
        epochs: 3,
        batchSize: 16,
        validationSplit: 0,
        seed: 7,
      },
    });
  });

  it('are pure: the input document is not modified', () => {
    const copy = structuredClone(v0);
    migrate(copy);
    expect(copy).toEqual(v0);
  });

  it('name the JSON path of a mistake in an old file', () => {
    const bad = structuredClone(v0) as any;
    bad.layers[2].type = 5;
    const r = parseProject(JSON.stringify(bad), 'old.json');
    expect(r).toEqual({ ok: false, error: expect.stringContaining('layers[2].type: expected string, got 5') });
    expect(!r.ok && r.error).toMatch(/^old\.json: not a valid version 0 project/);
  });

  it('a migrated file that is still wrong at version 1 names the version 1 path', () => {
    const bad = structuredClone(v0) as any;
    bad.train.loss = 'kullback_leibler';
    const r = parseProject(JSON.stringify(bad), 'old.json');
    expect(!r.ok && r.error).toMatch(/training\.loss: must be .*got "kullback_leibler"/);
  });

  it('bring a version 1 file to version 2 unchanged but for the version, keeping every field', () => {
    const v1 = {
      format: 'layerlab-project',
      version: 1,
      name: 'Flat',
      description: 'a version 1 file',
      graph: {
        nodes: [
          { id: 'in', kind: 'Input', params: { shape: [4] }, position: { x: 1, y: 2 } },
          { id: 'd', kind: 'Dense', params: { units: 3 }, position: { x: 1, y: 90 } },
        ],
        edges: [{ id: 'e1', source: 'in', target: 'd' }],
      },
      dataset: { id: 'blobs' },
      training: { optimizer: { kind: 'adam', learningRate: 0.01 }, loss: 'meanSquaredError', metrics: ['accuracy'], epochs: 2, batchSize: 8, validationSplit: 0 },
      // A field some later LayerLab adds: the step passes it on for the schema to judge.
      somethingNew: { keep: true },
    };
    const copy = structuredClone(v1);
    const m = migrate(copy);
    expect(copy).toEqual(v1);
    expect(m).toEqual({ ok: true, from: 1, applied: [expect.stringMatching(/^version 1 became version 2/)], doc: { ...v1, version: 2 } });
    const r = parseProject(JSON.stringify(v1), 'flat.json');
    expect(r.ok && r.project).toEqual({ ...v1, somethingNew: undefined, version: 2 } as unknown);
    expect(r.ok && r.warnings).toEqual([
      'flat.json: migrated from version 1: version 1 became version 2 (which can hold blocks); the graph is unchanged',
      'flat.json: somethingNew: unknown field ignored',
    ]);
  });

  it('refuse a version 2 file that a version 1 reader would have half-read', () => {
    // The version gate, not a dropped key: a newer file names the LayerLab it needs.
    expect(migrate({ version: PROJECT_VERSION + 1 })).toMatchObject({ ok: false, error: expect.stringMatching(/written by a newer LayerLab/) });
  });

  it('refuse unknown and negative versions', () => {
    expect(migrate({ version: -1 })).toMatchObject({ ok: false, error: expect.stringMatching(/not a LayerLab project version/) });
    expect(migrate({ version: 1.5 })).toMatchObject({ ok: false, error: expect.stringMatching(/whole number/) });
  });
});
