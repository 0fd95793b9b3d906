// The app's ONNX export through the contract with a real training worker: a recorded XOR run
// is written as <name>.onnx into a temp workspace, and the worker's parity check (the file run
// by onnxruntime-node against TensorFlow.js on the test split) answers with the response.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeModel } from '../engine/export/onnx/index.js';
import { loadTemplate, TEMPLATES_DIR } from '../engine/project/templates.js';
import type { Project } from '../engine/project/types.js';
import type { Envelope, EventName, Response } from './contract.js';
import { Session, type Dialogs } from './handlers.js';
import { tsxWorker } from './trainer.js';

let ws: string;
const sessions: Session[] = [];
beforeAll(async () => {
  ws = await mkdtemp(path.join(tmpdir(), 'layerlab-onnx-'));
});
afterAll(async () => {
  await Promise.all(sessions.map((s) => s.dispose()));
  await rm(ws, { recursive: true, force: true });
});

function session() {
  const events: { event: EventName; payload: unknown }[] = [];
  const saved: string[] = [];
  const dialogs: Dialogs = {
    pickOpenFile: async () => null,
    pickSaveFile: async (name) => {
      saved.push(name);
      return path.join(ws, name);
    },
    pickExportDir: async (stem) => path.join(ws, 'exports', stem),
  };
  const s = new Session({ dialogs, templatesDir: TEMPLATES_DIR, worker: tsxWorker(), workspace: ws, emit: (event, payload) => events.push({ event, payload }) });
  sessions.push(s);
  return { s, events, saved };
}

async function call<T = unknown>(s: Session, channel: string, request: unknown): Promise<T> {
  const r = (await s.handle(channel, request)) as Envelope<T>;
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

type Written = Extract<Response<'export'>, { canceled: false }>;

const xor = await loadTemplate('xor');
const quick = (epochs: number): Project => ({ ...xor, training: { ...xor.training, epochs, optimizer: { ...xor.training.optimizer, learningRate: 0.5 } } });

describe('ONNX export in the app', () => {
  it('writes a recorded run as .onnx through the worker and answers that its predictions match', async () => {
    const { s, events, saved } = session();
    await call(s, 'templates.load', { id: 'xor' });
    const project = quick(20);
    await call(s, 'training.start', { project, backend: 'cpu' });
    await vi.waitFor(() => expect(events.some((e) => e.event === 'runs.changed' && (e.payload as { reason: string }).reason === 'ended')).toBe(true), { timeout: 60_000, interval: 50 });
    const runId = (await call<Response<'runs.list'>>(s, 'runs.list', { project })).runs[0]!.id;

    const r = await call<Written>(s, 'export', { format: 'onnx', project, runId, suggestedName: 'xor' });
    expect(saved).toEqual(['xor.onnx']);
    expect(r.location).toBe(path.join(ws, 'xor.onnx'));
    expect(r.files).toEqual(['xor.onnx']);
    expect(r.untrained).toBeUndefined();
    expect(r.parity).toMatchObject({ checked: true, ok: true, source: 'test split' });
    const p = r.parity!;
    expect(p.samples).toBeGreaterThan(0);
    expect(p.sameClass).toBe(p.samples);
    expect(p.maxAbsDiff).toBeLessThanOrEqual(1e-4);
    expect(p.message).toBe(`predictions match: max |Δ| = ${p.maxAbsDiff === 0 ? '0' : p.maxAbsDiff!.toExponential(1)} over ${p.samples} samples, same class on ${p.samples}/${p.samples}`);
    // A real ONNX model of the run: its graph has the input of the XOR network.
    const bytes = new Uint8Array(await readFile(r.location));
    const model = decodeModel(bytes) as { graph?: { input?: { name?: string }[] }; opsetImport?: { version?: number }[] };
    expect(model.graph?.input?.[0]?.name).toBeTruthy();
    expect(model.opsetImport?.[0]?.version).toBeGreaterThanOrEqual(13);
  }, 120_000);

  it('without a run exports the untrained network, says so, and still checks it', async () => {
    const { s, saved } = session();
    const r = await call<Written>(s, 'export', { format: 'onnx', project: xor, suggestedName: 'fresh' });
    expect(saved).toEqual(['fresh.onnx']);
    expect(r.untrained).toBe(true);
    expect(r.parity).toMatchObject({ checked: true, ok: true });
  }, 60_000);

  it('refuses a stale run unless asked for its own graph', async () => {
    const { s, events } = session();
    await call(s, 'templates.load', { id: 'xor' });
    const project = quick(3);
    await call(s, 'training.start', { project, backend: 'cpu' });
    await vi.waitFor(() => expect(events.some((e) => e.event === 'runs.changed' && (e.payload as { reason: string }).reason === 'ended')).toBe(true), { timeout: 60_000, interval: 50 });
    const runId = (await call<Response<'runs.list'>>(s, 'runs.list', { project })).runs[0]!.id;
    const edited = { ...project, training: { ...project.training, epochs: 9 } };
    const refused = await s.handle('export', { format: 'onnx', project: edited, runId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/trained an older graph/) } });
    const own = await call<Written>(s, 'export', { format: 'onnx', project: edited, runId, graph: 'run', suggestedName: 'own' });
    expect(own.parity?.ok).toBe(true);
  }, 120_000);
});
