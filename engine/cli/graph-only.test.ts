// A project file with a graph and training settings but no dataset (hand-written, or a graph
// exported from elsewhere): it loads and checks on its graph alone, with a real
// `node bin/layerlab.mjs` process; only training asks for a dataset, and says how to give one.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProjectDataset } from '../data/index.js';
import { NO_DATASET, NoDatasetError } from '../project/dataset.js';
import { parseProject } from '../project/io.js';
import { layerlabProcess as layerlab, REPO_ROOT as ROOT } from './testkit.js';

let dir: string;
let file: string;
let broken: string;

/** The XOR template without its "dataset" key. */
async function graphOnly(): Promise<Record<string, unknown>> {
  const doc = JSON.parse(await readFile(join(ROOT, 'templates', 'xor.layerlab.json'), 'utf8')) as Record<string, unknown>;
  delete doc.dataset;
  return doc;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-graph-only-'));
  file = join(dir, 'graph.layerlab.json');
  await writeFile(file, JSON.stringify(await graphOnly()));
  // The same graph with a Conv2D on a flat input of 4 values: an error found without any data.
  const doc = await graphOnly();
  const graph = doc.graph as { nodes: { id: string; kind: string; params: Record<string, unknown> }[] };
  graph.nodes[0] = { ...graph.nodes[0]!, params: { shape: [4] } };
  graph.nodes[1] = { ...graph.nodes[1]!, kind: 'Conv2D', params: { filters: 2 } };
  broken = join(dir, 'broken.layerlab.json');
  await writeFile(broken, JSON.stringify(doc));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a project without a dataset', () => {
  it('loads, with no warning about the missing key', async () => {
    const r = parseProject(JSON.stringify(await graphOnly()));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.project.dataset).toBeUndefined();
      expect(r.warnings).toEqual([]);
    }
  });

  it('layerlab check checks the graph alone: shapes and counts, exit 0, nothing about data', async () => {
    const r = await layerlab('check', file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\[batch, 2\]/);
    expect(r.stdout).not.toMatch(/dataset/i);
  }, 60_000);

  it('layerlab check finds the graph’s errors without data', async () => {
    const r = await layerlab('check', broken, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { ok: boolean; errors: { code: string; nodeId: string; fix?: unknown }[] };
    expect(report.ok).toBe(false);
    // With the edit that fixes it, for tools.
    expect(report.errors[0]).toMatchObject({ code: 'shape', nodeId: 'hidden', fix: { kind: 'insert', node: 'hidden', layer: 'Reshape', params: { targetShape: [2, 2, 1] } } });
  }, 60_000);

  it('layerlab check --dataset checks it against the dataset named on the command line', async () => {
    // 'blobs' has 3 classes; the XOR graph ends in one sigmoid unit.
    const r = await layerlab('check', file, '--dataset', 'blobs', '--json');
    const report = JSON.parse(r.stdout) as { warnings: { code: string }[] };
    expect(report.warnings.map((w) => w.code)).toEqual(['output-classes']);
  }, 60_000);

  it('training asks for a dataset, saying how to give one', async () => {
    const r = parseProject(JSON.stringify(await graphOnly()));
    if (!r.ok) throw new Error(r.error);
    await expect(loadProjectDataset(r.project)).rejects.toThrow(NoDatasetError);
    const train = await layerlab('train', file, '--epochs', '1');
    expect(train.code).toBe(1);
    expect(train.stderr).toContain(NO_DATASET);
    expect(NO_DATASET).toMatch(/names no dataset: choose one in the Data panel, or give --dataset ID/);
  }, 60_000);

  it('layerlab search refuses it before any trial trains', async () => {
    const r = await layerlab('search', file, '--grid', 'hidden.units=2,3', '--epochs', '1');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(NO_DATASET);
    // No trial ran: nothing was recorded beside the project.
    await expect(readdir(join(dir, 'graph.runs'))).rejects.toThrow(/ENOENT/);
    expect(r.stdout).not.toMatch(/failed:/);
  }, 60_000);
});
