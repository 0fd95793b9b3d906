import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate, templateIds } from '../project/templates.js';
import type { Project } from '../project/types.js';
import { branchyProject } from './fixtures.js';
import { toKerasScript } from './keras.js';

const STUB = fileURLToPath(new URL('./keras_stub.py', import.meta.url));
/** The stub runs each script's load_data() too, which needs numpy. */
const hasNumpy = spawnSync('python3', ['-c', 'import numpy']).status === 0;

interface StubResult {
  log: Record<string, unknown>[];
  callbacks: number;
  data: number[][] | null;
}

/** Parses (ast) and runs the scripts against a recording stand-in for keras. */
async function runScripts(scripts: Record<string, string>): Promise<Record<string, StubResult>> {
  const paths = await Promise.all(
    Object.entries(scripts).map(async ([name, src]) => {
      const p = join(dir, `${name}.py`);
      await writeFile(p, src);
      return p;
    }),
  );
  const r = spawnSync('python3', [STUB, ...paths], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const out = JSON.parse(r.stdout) as Record<string, StubResult>;
  return Object.fromEntries(Object.keys(scripts).map((name, i) => [name, out[paths[i]!]!]));
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-keras-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What the stub should see: every node as a layer call with its inputs in port order. */
function expectedLayers(p: Project) {
  return p.graph.nodes.map((n) => ({
    layer: n.kind,
    name: n.id,
    inputs: p.graph.edges
      .filter((e) => e.target === n.id)
      .sort((a, b) => (a.targetPort ?? 0) - (b.targetPort ?? 0))
      .map((e) => e.source),
  }));
}

describe.skipIf(!hasNumpy)('toKerasScript (python3 with numpy present)', () => {
  it('every template is valid Python that builds the same graph, compiles and loads its data', async () => {
    const ids = await templateIds();
    const projects = Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await loadTemplate(id)] as const)));
    const scripts = Object.fromEntries(ids.map((id) => [id, toKerasScript(projects[id]!)]));
    const results = await runScripts(Object.fromEntries(ids.map((id) => [id.replace(/-/g, '_'), scripts[id]!])));
    for (const id of ids) {
      const p = projects[id]!;
      const r = results[id.replace(/-/g, '_')]!;
      const layers = r.log.filter((e) => 'layer' in e).map(({ layer, name, inputs }) => ({ layer, name, inputs }));
      expect(layers, id).toEqual(expectedLayers(p));
      expect(r.log.find((e) => 'compile' in e), id).toMatchObject({ compile: p.training.loss.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) });
      const input = p.graph.nodes[0]!.params.shape as number[];
      // Generated datasets load in the stub (no download), with the Input's shape; the others
      // (keras.datasets, a data.npz beside the script) are not loaded.
      const generated = !scripts[id]!.includes('keras.datasets') && !scripts[id]!.includes('data.npz');
      expect(r.data?.[0]?.slice(1) ?? null, id).toEqual(generated ? input : null);
    }
    expect(results.xor!.data).toEqual([[4, 2], [4, 1], [4, 2], [4, 1]]);
    expect(results.lstm_sequence!.data).toEqual([[800, 20, 1], [800, 1], [200, 20, 1], [200, 1]]);
  });

  it('writes a block as a Python function called where it was, building the same layers', async () => {
    const p = await loadTemplate('mnist-standard');
    const grouped: Project = { ...p, groups: [{ id: 'b1', name: 'Dense stack', nodes: ['dense1', 'drop1', 'dense2'], collapsed: true }] };
    const src = toKerasScript(grouped);
    expect(src).toMatch(/^def block_dense_stack\(in_\w*\):$/m);
    expect(src).toMatch(/^    return dense2$/m);
    expect(src).toMatch(/^    dense2 = block_dense_stack\(in_\w*\)$/m);
    const r = (await runScripts({ grouped: src, flat: toKerasScript(p) }));
    const layers = (x: StubResult) => x.log.filter((e) => 'layer' in e).map(({ layer, name, inputs }) => ({ layer, name, inputs }));
    expect(layers(r.grouped!)).toEqual(expectedLayers(p));
    expect(layers(r.grouped!)).toEqual(layers(r.flat!));
  });

  it('writes merges as lists in port order, keywords as safe names, and the training configuration', async () => {
    const src = toKerasScript(branchyProject());
    expect(src).toContain('class_ = layers.Concatenate(name="class")([n_2right, left_1])');
    expect(src).toContain('kernel_regularizer=regularizers.L1L2(l1=0, l2=0.01)');
    expect(src).toContain('keras.optimizers.SGD(learning_rate=LEARNING_RATE, momentum=0.9, nesterov=True)');
    expect(src).toContain('monitor="val_loss", patience=2, min_delta=0,');
    expect(src).toContain('restore_best_weights=True');
    expect(src).toContain('lambda epoch, lr: LEARNING_RATE * 0.5 ** (epoch // 1)');
    expect(src).toContain('keras.metrics.Precision(name="precision")');
    const r = (await runScripts({ branchy: src })).branchy!;
    // Written in topological order ('skip' before the merges), not file order.
    const byName = (a: { name: unknown }, b: { name: unknown }) => String(a.name).localeCompare(String(b.name));
    const layers = r.log.filter((e) => 'layer' in e).map(({ layer, name, inputs }) => ({ layer, name, inputs }));
    expect(layers.map((l) => l.name)).toEqual(['in', 'left-1', '2right', 'skip', 'class', 'sum', 'out']);
    expect(layers.sort(byName)).toEqual(expectedLayers(branchyProject()).sort(byName));
    expect(r.log.find((e) => 'model' in e)).toEqual({ model: 'branches_merges', inputs: ['in'], outputs: ['out'] });
    expect(r.callbacks).toBe(2);
    expect(r.data).toEqual([[480, 4], [480], [120, 4], [120]]); // blobs: 600 points, 4 features, sparse labels
  });

  it('per-batch exponential decay becomes a Keras schedule', async () => {
    const p = branchyProject();
    p.training.lrSchedule = { kind: 'exponential', decayRate: 0.96, decaySteps: 100 };
    p.training.earlyStopping = null;
    const src = toKerasScript(p);
    expect(src).toContain('keras.optimizers.schedules.ExponentialDecay(LEARNING_RATE, decay_steps=100, decay_rate=0.96)');
    expect(src).toContain('momentum=0.9, nesterov=True');
    expect((await runScripts({ expo: src })).expo!.callbacks).toBe(0);
  });
});

describe('toKerasScript', () => {
  it('refuses a graph it cannot write, naming the node', () => {
    const p = branchyProject();
    p.graph.edges.push({ id: 'loop', source: 'out', target: 'left-1', targetPort: 0 });
    expect(() => toKerasScript(p)).toThrow(/cycle through 'left-1'/);
  });
});
