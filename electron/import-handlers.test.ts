// Open of a model file through the session, with a real worker: a TensorFlow.js model.json
// (chosen in Electron's dialog, its weight files read beside it; or uploaded in browser mode
// with the files chosen with it) becomes an unsaved document and a run holding its weights,
// which moves beside the project at the first save. A layer LayerLab lacks is an error
// naming the layer and its class, and the open document stays as it was.
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../engine/compile/compile.js';
import { exportTfjs } from '../engine/export/tfjs.js';
import { loadTemplate } from '../engine/project/templates.js';
import type { Response } from './contract.js';
import type { Session } from './handlers.js';
import { testSession, type TestSession } from './session-fixture.js';

let ws: string;
let modelDir: string;
let openFile: string | null = null;
const sessions: Session[] = [];
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../engine/import/fixtures');

beforeAll(async () => {
  ws = await mkdtemp(path.join(tmpdir(), 'layerlab-import-ui-'));
  modelDir = path.join(ws, 'xor-tfjs');
  const compiled = compile(await loadTemplate('xor'), { tfl });
  // As a run's export writes it: the dataset named in LayerLab's metadata comes along.
  await exportTfjs(compiled.model, modelDir, { metadata: { layerlab: { dataset: 'xor' } } });
  compiled.model.dispose();
});
afterAll(async () => {
  await Promise.all(sessions.map((s) => s.dispose()));
  await rm(ws, { recursive: true, force: true });
});

function session(workspace = ws) {
  const t = testSession({ workspace, openFile: () => openFile, exportDir: (stem) => path.join(ws, 'exports', stem) });
  sessions.push(t.session);
  return t;
}

const call = <T = unknown>(t: TestSession, channel: string, request: unknown) => t.call<T>(channel, request);
const fails = (t: TestSession, channel: string, request: unknown) => t.fails(channel, request);

type Opened = Extract<Response<'project.open'>, { canceled: false }>;
type List = Response<'runs.list'>;

describe('Open imports a model file', () => {
  it('Electron: a chosen model.json becomes an unsaved document whose run holds its weights, moved beside it at the first save', async () => {
    const s = session();
    openFile = path.join(modelDir, 'model.json');
    const r = await call<Opened>(s, 'project.open', {});
    expect(r.document).toBeNull();
    // Named after the model's folder ('model.json' names none).
    expect(r.project.name).toBe('xor-tfjs');
    expect(r.imported).toMatchObject({ file: 'model.json', format: 'TensorFlow.js layers model' });
    expect(r.imported!.weights).toBe(2 * 2 + 2 + 2 * 1 + 1);
    expect(r.project.graph.nodes.map((n) => n.kind)).toEqual(['Input', 'Dense', 'Dense']);
    const runId = r.imported!.runId!;
    const list = await call<List>(s, 'runs.list', { project: r.project });
    expect(list.runs.map((x) => [x.id, x.hasModel, x.matchesProject])).toEqual([[runId, true, true]]);
    expect(list.runs[0]!.label).toBe('imported from model.json');

    const saved = await call<{ location: string }>(s, 'project.save', { project: r.project });
    expect(saved.location).toBe(path.join(ws, 'xor-tfjs.layerlab.json'));
    expect(await readdir(path.join(ws, 'xor-tfjs.runs'))).toContain(runId);
    const after = await call<List>(s, 'runs.list', { project: r.project });
    expect(after.runs.map((x) => x.id)).toEqual([runId]);
    // The run's weights evaluate like any run's, on the dataset the model.json names.
    const ev = await call<{ loss: number; confusion: number[][] }>(s, 'evaluate', { runId });
    expect(Number.isFinite(ev.loss)).toBe(true);
    expect(ev.confusion.flat().reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('browser mode: model.json uploaded with its weight file imports; without it, the error says which file to choose', async () => {
    const s = session();
    const text = await readFile(path.join(modelDir, 'model.json'), 'utf8');
    const weightFile = (await readdir(modelDir)).find((f) => f.endsWith('.bin'))!;
    const base64 = (await readFile(path.join(modelDir, weightFile))).toString('base64');
    const before = await call<List>(s, 'runs.list', { project: (await loadTemplate('xor')) });

    const missing = await fails(s, 'project.open', { upload: { name: 'model.json', text } });
    expect(missing).toEqual({ code: 'invalid', message: `model.json keeps its weights in ${weightFile}: choose that file together with model.json in the Open dialog (they are in the folder beside it)` });
    // A failed open leaves the session's document as it was.
    expect((await call<List>(s, 'runs.list', { project: await loadTemplate('xor') })).documentId).toBe(before.documentId);

    const r = await call<Opened>(s, 'project.open', { upload: { name: 'model.json', text, files: [{ name: weightFile, base64 }] } });
    expect(r.imported?.runId).toMatch(/^[0-9a-z]{9}-[0-9a-z]{6}$/);
    expect(r.project.graph.nodes).toHaveLength(3);
    const list = await call<List>(s, 'runs.list', { project: r.project });
    expect(list.documentId).not.toBe(before.documentId);
    expect(list.runs.map((x) => x.id)).toEqual([r.imported!.runId]);
  });

  it('a file name that is a path is refused before anything is written', async () => {
    const s = session();
    const e = await fails(s, 'project.open', { upload: { name: 'model.json', text: '{}', files: [{ name: '../evil.bin', base64: '' }] } });
    expect(e.code).toBe('invalid');
    expect(e.message).toMatch(/upload\.files\[0\]\.name: a file name, not a path/);
  });

  it('a Keras JSON with a layer LayerLab lacks names the layer and its class', async () => {
    const s = session();
    const doc = JSON.parse(await readFile(path.join(FIXTURES, 'two-branches.keras3.json'), 'utf8')) as { config: { layers: { class_name: string }[] } };
    doc.config.layers[3]!.class_name = 'MultiHeadAttention';
    const e = await fails(s, 'project.open', { upload: { name: 'attn.json', text: JSON.stringify(doc) } });
    expect(e).toEqual({ code: 'invalid', message: "cannot import the model: layer 'merge' (MultiHeadAttention): LayerLab has no MultiHeadAttention layer" });
  });

  it('a Keras JSON imports without weights (no run), named after its file', async () => {
    const s = session();
    const text = await readFile(path.join(FIXTURES, 'two-branches.tf-keras2.json'), 'utf8');
    const r = await call<Opened>(s, 'project.open', { upload: { name: 'two-branches.json', text } });
    expect(r.imported).toMatchObject({ format: 'Keras model JSON (architecture only)', runId: null, weights: 0 });
    expect(r.project.name).toBe('two-branches');
    expect(r.warnings).toContain('a Keras JSON holds the architecture only: the weights start fresh');
  });
});
