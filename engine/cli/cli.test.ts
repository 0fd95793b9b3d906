// The command-line tool as a user runs it: a real `node bin/layerlab.mjs …` process, real
// files, real exit codes. Cheap argument-handling cases run in-process through run().
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProject } from '../project/io.js';
import { run } from './main.js';
import { layerlabProcess as layerlab, REPO_ROOT as ROOT } from './testkit.js';

const XOR = join(ROOT, 'templates', 'xor.layerlab.json');
const PERCEPTRON = join(ROOT, 'templates', 'perceptron.layerlab.json');
const CONV = join(ROOT, 'templates', 'mnist-convolutional.layerlab.json');

/** A stack trace shows as "    at fn (file:line)" lines. */
const STACK = /^\s+at .+\.[cm]?[jt]s:\d+/m;

async function inProcess(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('layerlab (process)', () => {
  it('check prints the table of shapes and parameters and exits 0', async () => {
    const r = await layerlab('check', CONV);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^conv1\s+Conv2D\s+\[batch, 24, 24, 30\]\s+780$/m);
    expect(r.stdout).toMatch(/^flat\s+Flatten\s+\[batch, 1815\]\s+0$/m);
    expect(r.stdout).toContain('total parameters: 244,253');
  });

  it('check --json on a graph with an unknown kind: one JSON object naming the node, exit 1', async () => {
    const project = JSON.parse(await readFile(XOR, 'utf8'));
    project.graph.nodes[1].kind = 'Dense2';
    const file = join(dir, 'unknown.layerlab.json');
    await writeFile(file, JSON.stringify(project));
    const r = await layerlab('check', file, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['ok', 'totalParams', 'nodes', 'errors', 'warnings']));
    expect(report.ok).toBe(false);
    expect(report.nodes[0]).toEqual({ id: 'in', kind: 'Input', outputShape: [null, 2], params: 0 });
    expect(report.errors[0]).toMatchObject({ nodeId: 'hidden', message: expect.stringContaining('Dense2') });
    expect(r.stderr).toContain("unknown layer kind 'Dense2'"); // the loader's warning
  });

  it('a file with bad JSON gives one clear message with line and column, exit 1, no stack trace', async () => {
    const file = join(dir, 'bad.layerlab.json');
    await writeFile(file, '{\n  "format": "layerlab-project",\n  "version": 1\n  "name": "x"\n}\n');
    const r = await layerlab('train', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toMatch(new RegExp(`^layerlab: ${file.replace(/[.]/g, '\\.')}:4:3: not valid JSON`));
    expect(r.stderr).not.toMatch(STACK);
  });

  it('binary garbage is refused with one message, exit 1, no stack trace', async () => {
    const file = join(dir, 'garbage.layerlab.json');
    await writeFile(file, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x00, 0x13, 0x37]));
    const r = await layerlab('check', file, '--json');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`layerlab: ${file}: is a binary file, not a LayerLab project (a *.layerlab.json text file)`);
    expect(r.stdout).toBe('');
  });

  it('train --json streams events, ends with finished + test metrics at 100 % on XOR, and --out saves a model evaluate can load', async () => {
    const out = join(dir, 'xor-model');
    const r = await layerlab('train', XOR, '--json', '--out', out, '--no-record');
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(events[0]).toMatchObject({ event: 'started', epochs: 200, trainCount: 4 });
    expect(events.filter((e) => e.event === 'epoch')).toHaveLength(200);
    const last = events[events.length - 1];
    expect(last).toMatchObject({ event: 'finished', epochs: 200, model: out, test: { accuracy: 1 } });
    expect(events.every((e) => e.runId === null)).toBe(true); // --no-record: a dry run
    expect((await readdir(out)).sort()).toEqual(['model.json', 'project.layerlab.json', 'weights.bin']);
    const saved = parseProject(await readFile(join(out, 'project.layerlab.json'), 'utf8'));
    expect(saved.ok && saved.project.name).toBe('XOR — a hidden layer');

    const ev = await layerlab('evaluate', '--model', out, '--json');
    expect(ev.code).toBe(0);
    const evaluation = JSON.parse(ev.stdout);
    expect(evaluation).toMatchObject({ split: 'test', examples: 4, accuracy: 1, confusion: [[2, 0], [0, 2]] });
    expect(evaluation.loss).toBeCloseTo(last.test.loss, 5);
  });

  it('train without --json prints epochs and the test evaluation as text', async () => {
    const r = await layerlab('train', PERCEPTRON, '--epochs', '2', '--no-record');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^epoch 1\/2 {2}loss \d\.\d{4} {2}accuracy \d\.\d{4}/m);
    expect(r.stdout).toMatch(/^epoch 2\/2 /m);
    expect(r.stdout).toMatch(/^test: loss \d\.\d{4} {2}accuracy/m);
    expect(r.stdout).toContain('confusion matrix');
  });

  it('export --format tfjs writes a model folder', async () => {
    const out = join(dir, 'exported');
    const r = await layerlab('export', PERCEPTRON, '--format', 'tfjs', '--out', out, '--untrained');
    expect(r.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['model.json', 'project.layerlab.json', 'weights.bin']);
    const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    expect(json.weightsManifest[0].weights.map((w: { name: string }) => w.name)).toEqual(['out/kernel', 'out/bias']);
  });
});

describe('layerlab (in process)', () => {
  it('--help lists every command, including data and bench', async () => {
    const r = await inProcess('--help');
    expect(r.code).toBe(0);
    for (const name of ['check', 'train', 'evaluate', 'export', 'runs', 'search', 'data', 'bench']) expect(r.out).toMatch(new RegExp(`^  ${name}\\s+\\w`, 'm'));
    expect(r.out).not.toContain('unavailable');
  });

  it('usage mistakes exit 2 with a message saying what is wrong', async () => {
    expect(await inProcess('frobnicate')).toMatchObject({ code: 2, err: expect.stringContaining("unknown command 'frobnicate'") });
    expect(await inProcess('train')).toMatchObject({ code: 2, err: expect.stringContaining('missing <project.layerlab.json>') });
    expect(await inProcess('train', XOR, '--epochs', 'ten')).toMatchObject({ code: 2, err: expect.stringContaining("--epochs must be a whole number ≥ 1, got 'ten'") });
    expect(await inProcess('check', XOR, '--colour')).toMatchObject({ code: 2, err: expect.stringContaining("unknown option '--colour'") });
    expect(await inProcess('export', XOR, '--format', 'caffe', '--out', 'x')).toMatchObject({ code: 2, err: expect.stringContaining("got 'caffe'") });
    expect(await inProcess('evaluate')).toMatchObject({ code: 2, err: expect.stringContaining('missing <project.layerlab.json>') });
    expect(await inProcess('export', XOR, '--format', 'tfjs', '--out', 'x', '--run', 'a', '--untrained')).toMatchObject({ code: 2, err: expect.stringContaining('give one') });
    expect(await inProcess('train', XOR, '--no-record', '--label', 'x')).toMatchObject({ code: 2, err: expect.stringContaining('--no-record records nothing') });
  });

  it('a missing project file is exit 1 with the path', async () => {
    const r = await inProcess('check', join(dir, 'nope.layerlab.json'));
    expect(r).toEqual({ code: 1, out: '', err: `layerlab: ${join(dir, 'nope.layerlab.json')}: no such file` });
  });

  it("a project's own dataset file resolves beside the project, not in the working directory", async () => {
    const sub = join(dir, 'beside');
    await mkdir(sub);
    const rows = ['x1,x2,label', ...Array.from({ length: 40 }, (_, i) => `${(i % 7) / 7},${(i % 5) / 5},${i % 2}`)];
    await writeFile(join(sub, 'pts.csv'), rows.join('\n'));
    const project = JSON.parse(await readFile(XOR, 'utf8'));
    project.dataset = { file: 'pts.csv' };
    const file = join(sub, 'rel.layerlab.json');
    await writeFile(file, JSON.stringify(project));
    // The tests run from the repository root, where no pts.csv exists.
    const r = await inProcess('check', file, '--json');
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toMatchObject({ ok: true });
  });

  it('check reports shape errors on their node with exit 1', async () => {
    const project = JSON.parse(await readFile(CONV, 'utf8'));
    project.graph.nodes[0].params.shape = [784];
    const file = join(dir, 'flat-conv.layerlab.json');
    await writeFile(file, JSON.stringify(project));
    const r = await inProcess('check', file);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^error \[[\w-]+\] conv1: Conv2D 'conv1' needs a 4-D input .* insert a Reshape to \[28, 28, 1\]/m);
    expect(r.out).toMatch(/^conv1\s+Conv2D\s+\?\s+0$/m);
  });

  it('check warns, on the output node, when the network does not fit the dataset', async () => {
    const r = await inProcess('check', XOR, '--dataset', 'blobs', '--json');
    expect(r.code).toBe(0); // warnings alone do not fail
    const report = JSON.parse(r.out);
    expect(report.warnings).toEqual([expect.objectContaining({ nodeId: 'out', message: expect.stringMatching(/'blobs' has 3/) })]);
    expect(await inProcess('check', XOR, '--dataset', 'blobs', '--no-data')).toMatchObject({ code: 2 });
  });

  it('train prints the run\'s warnings: a batch larger than the data, a loss stuck at a far too high rate', async () => {
    const xor = JSON.parse(await readFile(XOR, 'utf8'));
    const file = join(dir, 'xor-warn.layerlab.json');
    await writeFile(file, JSON.stringify({ ...xor, training: { ...xor.training, optimizer: { kind: 'adam', learningRate: 1e6 }, batchSize: 64 } }));
    const r = await inProcess('train', file, '--epochs', '8', '--no-record');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^warning: batch size 64 is larger than the 4 training examples: each epoch trains them as one batch of 4/m);
    expect(r.err).toMatch(/^warning \(epoch \d\): the loss has not changed for 5 epochs \([\d.]+\) at learning rate 1e6: the learning rate is probably far too high for adam; try 0\.001$/m);
  });

  it('--dataset with an unknown id lists the known ids (train and check alike)', async () => {
    for (const cmd of ['train', 'check']) {
      const r = await inProcess(cmd, XOR, '--dataset', 'nope');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/nope: is neither a dataset id nor a file or folder; known ids are xor, circles, .*mnist, fashion-mnist, iris/);
    }
  });

  it('export writes a Keras script, JS code and a normalised project file', async () => {
    for (const [format, file, marker] of [
      ['keras-py', 'x.py', 'def build_model():'],
      ['tfjs-js', 'x.mjs', 'export function buildModel() {'],
      ['project', 'x.layerlab.json', '"format": "layerlab-project"'],
    ] as const) {
      const r = await inProcess('export', XOR, '--format', format, '--out', join(dir, file));
      expect(r.code, format).toBe(0);
      expect(await readFile(join(dir, file), 'utf8')).toContain(marker);
    }
    expect(await readFile(join(dir, 'x.layerlab.json'), 'utf8')).toBe(await readFile(XOR, 'utf8'));
  });

  it('export refuses a project with errors, naming them', async () => {
    const project = JSON.parse(await readFile(XOR, 'utf8'));
    project.graph.edges = [];
    const file = join(dir, 'unwired.layerlab.json');
    await writeFile(file, JSON.stringify(project));
    const r = await inProcess('export', file, '--format', 'keras-py', '--out', join(dir, 'y.py'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/unwired\.layerlab\.json has \d+ errors:\n {2}error /);
    expect(r.err).toMatch(/^ {2}error \[[\w-]+\] hidden: /m);
    await expect(readFile(join(dir, 'y.py'))).rejects.toThrow(/ENOENT/);
  });
});
