import { spawnSync } from 'node:child_process';
import * as fsp from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AtomicFs } from './atomic.js';
import { loadProjectFile, parseProject, parseProjectBytes, saveProjectFile, serializeProject } from './io.js';
import type { Project } from './types.js';

/** The design's example document. */
function example(): Record<string, any> {
  return {
    format: 'layerlab-project',
    version: 2,
    name: 'MNIST — convolutional',
    graph: {
      nodes: [
        { id: 'in', kind: 'Input', params: { shape: [28, 28, 1] }, position: { x: 0, y: 0 } },
        { id: 'c1', kind: 'Conv2D', params: { filters: 30, kernelSize: 5, activation: 'relu' }, position: { x: 0, y: 120 } },
        { id: 'out', kind: 'Dense', params: { units: 10, activation: 'softmax' }, position: { x: 0, y: 480 } },
      ],
      edges: [{ id: 'e1', source: 'in', target: 'c1', targetPort: 0 }],
    },
    dataset: { id: 'mnist' },
    training: {
      optimizer: { kind: 'rmsprop', learningRate: 0.001 },
      loss: 'categoricalCrossentropy',
      metrics: ['accuracy'],
      epochs: 10,
      batchSize: 128,
      validationSplit: 0.1,
      seed: 42,
    },
  };
}

function errorOf(text: string, source = 'p.layerlab.json'): string {
  const r = parseProject(text, source);
  if (r.ok) throw new Error('expected a parse error');
  return r.error;
}

describe('parseProject', () => {
  it("accepts the design's example unchanged", () => {
    const r = parseProject(JSON.stringify(example()));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.project).toEqual(example());
    expect(r.warnings).toEqual([]);
  });

  it('reports bad JSON with file, line and column', () => {
    const text = '{\n  "format": "layerlab-project",\n  "version": 1,,\n}';
    expect(errorOf(text)).toMatch(/^p\.layerlab\.json:3:16: not valid JSON: Expected double-quoted property name/);
    expect(errorOf('{"a": ')).toMatch(/^p\.layerlab\.json:1:7: not valid JSON/);
  });

  it('refuses binary and non-UTF-8 bytes with a clear message', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const bin = parseProjectBytes(png, 'img.png');
    expect(bin).toEqual({ ok: false, error: expect.stringMatching(/^img\.png: is a binary file/) });
    const latin1 = new Uint8Array([...Buffer.from('{"name": "caf'), 0xe9, ...Buffer.from('"}')]);
    expect(parseProjectBytes(latin1, 'x.json')).toEqual({ ok: false, error: 'x.json: is not UTF-8 text (byte 14); save it as UTF-8' });
    expect(errorOf('\u0000\u0001garbage')).toMatch(/binary file/);
    expect(errorOf('   ')).toMatch(/is empty/);
  });

  it('never throws, whatever the bytes', () => {
    for (let seed = 1; seed < 300; seed++) {
      const bytes = new Uint8Array(64).map((_, i) => (seed * 7919 + i * 104729) % 256);
      expect(() => parseProjectBytes(bytes)).not.toThrow();
    }
    for (const text of ['null', '[]', '42', '"x"', '{"format":"layerlab-project"}', '{"format":"layerlab-project","version":"1"}'])
      expect(parseProject(text).ok).toBe(false);
  });

  it('refuses a wrong format field and says it is not a project', () => {
    expect(errorOf('{"name": "x"}')).toMatch(/format: missing; this is not a LayerLab project/);
    expect(errorOf('{"format": "keras", "version": 1}')).toMatch(/format: expected "layerlab-project", got "keras"/);
    expect(errorOf('[1, 2]')).toMatch(/a LayerLab project is a JSON object, got an array/);
  });

  it('refuses a version newer than this app', () => {
    const doc = { ...example(), version: 7 };
    expect(errorOf(JSON.stringify(doc))).toMatch(/version: the file is version 7, written by a newer LayerLab/);
  });

  it('names the JSON path and the value found for schema errors', () => {
    const doc = example();
    doc.graph.nodes[2].position = { x: 'left', y: 0 };
    doc.training.epochs = 0;
    doc.training.loss = 'crossEntropy';
    const err = errorOf(JSON.stringify(doc));
    expect(err).toContain('p.layerlab.json: is not a valid LayerLab project');
    expect(err).toContain('graph.nodes[2].position.x: expected number, got "left"');
    expect(err).toContain('training.epochs: Too small: expected number to be >=1, got 0');
    expect(err).toMatch(/training\.loss: must be "meanSquaredError" or .*"hinge", got "crossEntropy"/);
    delete doc.graph.edges;
    expect(errorOf(JSON.stringify(doc))).toContain('graph.edges: is missing (expected array)');
  });

  it('drops unknown fields with a warning naming them', () => {
    const doc = example();
    doc.training.epoch = 5;
    doc.graph.nodes[1].colour = 'red';
    const r = parseProject(JSON.stringify(doc), 'f.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([
      'f.json: graph.nodes[1].colour: unknown field ignored',
      'f.json: training.epoch: unknown field ignored',
    ]);
    expect(r.project.training).not.toHaveProperty('epoch');
  });

  it('warns about unknown layer kinds but leaves them to the checker', () => {
    const doc = example();
    doc.graph.nodes[1].kind = 'Convolution2D';
    const r = parseProject(JSON.stringify(doc), 'f.json');
    expect(r.ok && r.warnings).toEqual(["f.json: graph.nodes[1].kind: unknown layer kind 'Convolution2D' (node 'c1')"]);
  });

  it('fills defaults a hand-written file may omit', () => {
    const doc = example();
    delete doc.graph.nodes[0].position;
    delete doc.graph.nodes[1].params;
    delete doc.training.metrics;
    const r = parseProject(JSON.stringify(doc));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.project.graph.nodes[0]!.position).toEqual({ x: 0, y: 0 });
    expect(r.project.graph.nodes[1]!.params).toEqual({});
    expect(r.project.training.metrics).toEqual(['accuracy']);
  });
});

describe('serializeProject', () => {
  it('writes a stable key order with 2-space indent and a trailing newline', () => {
    const p = example() as Project;
    // Same content, keys in another order: identical text.
    const shuffled = JSON.parse(JSON.stringify(p), (_k, v) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    );
    const text = serializeProject(p);
    expect(serializeProject(shuffled)).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('"shape": [28, 28, 1]');
    expect(text.split('\n')[1]).toBe('  "format": "layerlab-project",');
    // Params follow the kind's declared order (filters before kernelSize before activation).
    expect(text.indexOf('"filters"')).toBeLessThan(text.indexOf('"kernelSize"'));
    expect(text.indexOf('"kernelSize"')).toBeLessThan(text.indexOf('"activation": "relu"'));
    const back = parseProject(text);
    expect(back.ok && back.project).toEqual(p);
  });
});

describe('saveProjectFile / loadProjectFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'layerlab-io-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips through a real file', async () => {
    const path = join(dir, 'a.layerlab.json');
    await saveProjectFile(path, example() as Project);
    const r = await loadProjectFile(path);
    expect(r.ok && r.project).toEqual(example());
    expect(await readdir(dir)).toEqual(['a.layerlab.json']);
  });

  it('a write that fails half way leaves the old file whole and no temp file behind', async () => {
    const path = join(dir, 'a.layerlab.json');
    await saveProjectFile(path, example() as Project);
    const before = await readFile(path, 'utf8');
    // A real file system whose writes stop after a few bytes, as a full disk would.
    const failing: AtomicFs = {
      rename: fsp.rename,
      rm: fsp.rm,
      async open(p, flags) {
        const h = await fsp.open(p, flags);
        h.writeFile = async (data: unknown) => {
          await h.write(String(data).slice(0, 10));
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        };
        return h;
      },
    };
    const changed = { ...example(), name: 'changed' } as Project;
    await expect(saveProjectFile(path, changed, failing)).rejects.toThrow(`could not save ${path}: ENOSPC`);
    expect(await readFile(path, 'utf8')).toBe(before);
    expect(await readdir(dir)).toEqual(['a.layerlab.json']);
  });

  it('a save the OS cuts short (file size limit) fails cleanly and keeps the old file', async () => {
    const path = join(dir, 'a.layerlab.json');
    await saveProjectFile(path, example() as Project);
    const before = await readFile(path, 'utf8');
    // A real write failure: the process may write at most 8 KiB per file (ulimit -f), and the
    // new project is far bigger, so the kernel refuses the write with EFBIG half way.
    const io = fileURLToPath(new URL('./io.ts', import.meta.url));
    const script = join(dir, 'save.mts');
    await writeFile(
      script,
      `import { saveProjectFile } from ${JSON.stringify(io)};
const p = JSON.parse(process.argv[3]);
p.description = 'x'.repeat(100000);
try { await saveProjectFile(process.argv[2], p); } catch (e) { console.log(e.message); process.exit(3); }`,
    );
    const r = spawnSync('bash', ['-c', 'ulimit -f 8; exec "$0" --import tsx "$@"', process.execPath, script, path, JSON.stringify(example())], {
      encoding: 'utf8',
      env: { ...process.env, TSX_DISABLE_CACHE: '1' },
    });
    expect(r.stdout.trim()).toBe(`could not save ${path}: EFBIG: file too large, write`);
    expect(r.status).toBe(3);
    expect(await readFile(path, 'utf8')).toBe(before);
    expect((await readdir(dir)).sort()).toEqual(['a.layerlab.json', 'save.mts']);
  });

  it('refuses to save an invalid project and keeps the old file', async () => {
    const path = join(dir, 'a.layerlab.json');
    await writeFile(path, 'old');
    const bad = { ...example(), training: { ...example().training, batchSize: -1 } } as Project;
    await expect(saveProjectFile(path, bad)).rejects.toThrow(/training\.batchSize/);
    expect(await readFile(path, 'utf8')).toBe('old');
  });

  it('loading a missing file or a folder is an error result, not a throw', async () => {
    expect(await loadProjectFile(join(dir, 'nope.json'))).toEqual({ ok: false, error: `${join(dir, 'nope.json')}: no such file` });
    expect(await loadProjectFile(dir)).toEqual({ ok: false, error: `${dir}: is a folder, not a file` });
  });
});

/** `{"a":{"a":…1…}}`, `levels` objects deep, written as text: JSON.stringify of a deep value overflows. */
function nestedText(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

/** The example with one node's params replaced by `paramsText` (raw JSON). */
function withParams(paramsText: string, node = 1): string {
  const doc = example();
  doc.graph.nodes[node].params = '@PARAMS@';
  return JSON.stringify(doc).replace('"@PARAMS@"', paramsText);
}

describe('document limits: what loads can be saved', () => {
  it('refuses params nested past the limit, naming the node and the path', () => {
    // params and 31 objects inside it: 32 levels, the limit, loads and saves.
    const atLimit = parseProject(withParams(`{"filters":30,"extra":${nestedText(31)}}`));
    expect(atLimit.ok).toBe(true);
    if (atLimit.ok) expect(parseProject(serializeProject(atLimit.project)).ok).toBe(true);
    const over = errorOf(withParams(`{"filters":30,"extra":${nestedText(32)}}`));
    expect(over).toMatch(/graph\.nodes\[1\]\.params\.extra(\.a){31}: nested more than 32 levels deep \(node 'c1'\)/);
  });

  it('refuses 3,000 and 8,000 levels (and a million) before anything recurses, with the node named', () => {
    for (const levels of [3000, 8000, 1_000_000]) {
      const e = errorOf(withParams(`{"x":${nestedText(levels)}}`));
      expect(e).toMatch(/^p\.layerlab\.json: graph\.nodes\[1\]\.params\.x(\.a)+: nested more than \d+ levels deep \(node 'c1'/);
      expect(e.length).toBeLessThan(600);
    }
    // Deep lists anywhere, known field or not: an error, never a RangeError.
    for (const field of ['name', 'description', 'extra', 'graph']) {
      const text = JSON.stringify({ ...example(), [field]: '@' }).replace('"@"', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
      expect(errorOf(text)).toMatch(new RegExp(`^p\\.layerlab\\.json: ${field}(\\[0\\])+: nested more than \\d+ levels deep`));
    }
  });

  it('holds dataset options to the same limits', () => {
    const doc = example();
    doc.dataset = { file: 'd.csv', options: '@' };
    const text = JSON.stringify(doc).replace('"@"', `{"o":${nestedText(40)}}`);
    expect(errorOf(text)).toMatch(/dataset\.options\.o(\.a)+: nested more than 32 levels deep \(dataset options\)/);
  });

  it('bounds node and edge counts and string lengths, naming the field', () => {
    const many = example();
    many.graph.nodes = Array.from({ length: 10_001 }, (_, i) => ({ id: `n${i}`, kind: 'Dense', params: { units: 1 }, position: { x: 0, y: 0 } }));
    expect(errorOf(JSON.stringify(many))).toMatch(/graph\.nodes: .*at most 10000 layers/);
    const edges = example();
    edges.graph.edges = Array.from({ length: 20_001 }, (_, i) => ({ id: `e${i}`, source: 'in', target: 'c1' }));
    expect(errorOf(JSON.stringify(edges))).toMatch(/graph\.edges: .*at most 20000 connections/);
    const longId = example();
    longId.graph.nodes[2].id = 'x'.repeat(201);
    expect(errorOf(JSON.stringify(longId))).toMatch(/graph\.nodes\[2\]\.id: must be at most 200 characters/);
    expect(errorOf(JSON.stringify({ ...example(), name: 'n'.repeat(1001) }))).toMatch(/name: must be at most 1000 characters/);
    expect(errorOf(JSON.stringify({ ...example(), description: 'd'.repeat(100_001) }))).toMatch(/description: must be at most 100000 characters/);
    expect(errorOf(withParams(`{"activation":"${'r'.repeat(10_001)}"}`))).toMatch(/graph\.nodes\[1\]\.params\.activation: a text of 10001 characters; at most 10000 .*\(node 'c1'\)/);
    expect(errorOf(withParams(`{"${'k'.repeat(201)}":1}`))).toMatch(/graph\.nodes\[1\]\.params: has a key of 201 characters.*\(node 'c1'\)/);
  });

  it('serializeProject refuses a too-deep project by path instead of overflowing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = { a: deep };
    const p = example() as Project;
    p.graph.nodes[0]!.params = { deep };
    expect(() => serializeProject(p)).toThrow(/^cannot write this project: graph\.nodes\[0\]\.params\.deep(\.a)+: nested more than \d+ levels deep$/);
  });

  it('reports a non-JSON text that is nested too deeply to parse as an error, not a throw', () => {
    // Whatever JSON.parse does with depth, the result is a message.
    const r = parseProject(`{"format":"layerlab-project","x":${'['.repeat(2_000_000)}`);
    expect(r.ok).toBe(false);
  });
});
