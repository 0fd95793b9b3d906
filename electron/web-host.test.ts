// The browser-mode host end to end without a browser: a real HTTP server, real WebSocket,
// the renderer's own client, the real engine in a real worker thread.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useBackend } from '../engine/backend/index.js';
import { loadTfjsModel } from '../engine/export/tfjs.js';
import type { TrainingEvent } from '../engine/train/events.js';
import { apiFromBridge } from '../renderer/api/client.js';
import { createWsBridge, type SocketLike } from '../renderer/api/ws-bridge.js';
import type { LayerLabApi } from './contract.js';
import { startWebHost, type WebHost } from './web-host.js';

const templatesDir = fileURLToPath(new URL('../templates/', import.meta.url));
let dir: string;
let host: WebHost;

function connect(opts: { token?: string; origin?: string } = {}): { api: LayerLabApi; socket: WebSocket } {
  const token = opts.token ?? host.token;
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${token}`, { origin: opts.origin ?? `http://127.0.0.1:${host.port}` });
  return { api: apiFromBridge(createWsBridge(socket as unknown as SocketLike), 'browser'), socket };
}

function refusal(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'layerlab-web-'));
  await mkdir(path.join(dir, 'renderer'));
  await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>LayerLab</title>');
  host = await startWebHost({ port: 0, rendererDir: path.join(dir, 'renderer'), templatesDir, workspace: path.join(dir, 'ws') });
});
afterAll(async () => {
  await host?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('web host', () => {
  it('serves the renderer on 127.0.0.1 with a CSP and refuses paths outside it', async () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{20,}$`));
    const res = await fetch(host.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('LayerLab');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const escape = await fetch(`http://127.0.0.1:${host.port}/..%2F..%2Fetc%2Fpasswd`);
    expect([403, 404]).toContain(escape.status);
  });

  it('refuses a socket with a wrong token or a foreign origin', async () => {
    expect(await refusal(connect({ token: 'guess' }).socket)).toBe(403);
    expect(await refusal(connect({ origin: 'https://evil.example' }).socket)).toBe(403);
  });

  it('lists and loads templates, and rejects bad payloads by name', async () => {
    const { api, socket } = connect();
    const { templates } = await api.invoke('templates.list', {});
    expect(templates.map((t) => t.id)).toContain('xor');
    const xor = await api.invoke('templates.load', { id: 'xor' });
    expect(xor.project.graph.nodes.map((n) => n.kind)).toEqual(['Input', 'Dense', 'Dense']);
    await expect(api.invoke('templates.load', { id: '../secret' } as never)).rejects.toThrow(/bad request on 'templates.load': id/);
    await expect(api.invoke('templates.load', { id: 'no-such-template' })).rejects.toMatchObject({ code: 'not-found' });
    socket.close();
  });

  it('opens an uploaded file, reports a corrupt one with where it is wrong, and saves into the workspace', async () => {
    const { api, socket } = connect();
    const broken = '{ "format": "layerlab-project", "version": 1,\n  "name": 5 }';
    await expect(api.invoke('project.open', { upload: { name: 'broken.layerlab.json', text: broken } })).rejects.toThrow(/broken\.layerlab\.json/);
    const { project } = await api.invoke('templates.load', { id: 'perceptron' });
    const opened = await api.invoke('project.open', { upload: { name: 'p.layerlab.json', text: JSON.stringify(project) } });
    expect(opened.canceled).toBe(false);
    const saved = await api.invoke('project.saveAs', { project, suggestedName: 'my net' });
    expect(saved).toMatchObject({ canceled: false, document: { name: 'my-net.layerlab.json' } });
    const text = await readFile(path.join(dir, 'ws', 'my-net.layerlab.json'), 'utf8');
    expect(JSON.parse(text).name).toBe(project.name);
    // Save goes back to the same file without asking.
    const again = await api.invoke('project.save', { project: { ...project, name: 'renamed' } });
    expect(again).toMatchObject({ canceled: false, document: { name: 'my-net.layerlab.json' } });
    expect(JSON.parse(await readFile(path.join(dir, 'ws', 'my-net.layerlab.json'), 'utf8')).name).toBe('renamed');
    socket.close();
  });

  it('trains XOR in a worker, streams events, evaluates and exports files that load back', async () => {
    const { api, socket } = connect();
    const { project } = await api.invoke('templates.load', { id: 'xor' });
    project.training.epochs = 60;
    const events: TrainingEvent[] = [];
    const finished = new Promise<void>((resolve) =>
      api.on('training.event', (e) => {
        events.push(e);
        if (e.event === 'finished' || e.event === 'failed' || e.event === 'stopped') resolve();
      }),
    );
    const { jobId } = await api.invoke('training.start', { project, backend: 'cpu', batchEvery: 1 });
    await expect(api.invoke('training.start', { project })).rejects.toMatchObject({ code: 'busy' });
    await finished;
    expect(events[0]).toMatchObject({ event: 'started', jobId });
    expect(events.at(-1)).toMatchObject({ event: 'finished', jobId });
    expect(events.filter((e) => e.event === 'epoch')).toHaveLength(60);

    const evaluation = await api.invoke('evaluate', { jobId });
    expect(evaluation.loss).toBeGreaterThanOrEqual(0);
    expect(evaluation.confusion).toBeDefined();

    const exported = await api.invoke('export', { format: 'tfjs', project, jobId });
    if (exported.canceled) throw new Error('export canceled');
    expect(exported.files).toContain('model.json');
    await useBackend('cpu');
    const model = await loadTfjsModel(exported.location);
    expect(model.outputs[0]!.shape).toEqual([null, 1]);
    model.dispose();

    const py = await api.invoke('export', { format: 'keras-py', project });
    if (py.canceled) throw new Error('export canceled');
    expect(await readFile(py.location, 'utf8')).toMatch(/Dense/);
    socket.close();
  });

  it('stops a running job', async () => {
    const { api, socket } = connect();
    const { project } = await api.invoke('templates.load', { id: 'xor' });
    project.training.epochs = 100000;
    const ended = new Promise<TrainingEvent>((resolve) =>
      api.on('training.event', (e) => {
        if (e.event === 'stopped' || e.event === 'finished' || e.event === 'failed') resolve(e);
      }),
    );
    const { jobId } = await api.invoke('training.start', { project, backend: 'cpu' });
    await new Promise((r) => setTimeout(r, 300));
    expect(await api.invoke('training.stop', { jobId })).toEqual({ stopped: true });
    expect(await ended).toMatchObject({ event: 'stopped', jobId });
    socket.close();
  });
});
