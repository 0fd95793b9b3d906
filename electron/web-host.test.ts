// The browser-mode host end to end without a browser: a real HTTP server, real WebSocket,
// the renderer's own client, the real engine in a real worker thread. Sessions that outlive
// their socket (a reloaded tab) are tested on hosts of their own with a short grace period.
import { randomUUID } from 'node:crypto';
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
import { tinyProject } from './fixtures.js';
import type { WorkerSpec } from './trainer.js';
import { startWebHost, TAKEN_OVER, type WebHost } from './web-host.js';

const templatesDir = fileURLToPath(new URL('../templates/', import.meta.url));
let dir: string;
let host: WebHost;

function connect(opts: { token?: string; origin?: string; session?: string; host?: WebHost } = {}): { api: LayerLabApi; socket: WebSocket } {
  const h = opts.host ?? host;
  const token = opts.token ?? h.token;
  const session = opts.session === undefined ? '' : `&session=${encodeURIComponent(opts.session)}`;
  const socket = new WebSocket(`ws://127.0.0.1:${h.port}/api?token=${token}${session}`, { origin: opts.origin ?? `http://127.0.0.1:${h.port}` });
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
    // Phase events (dataset, backend, model) may come first; the run itself starts once.
    expect(events.filter((e) => e.event !== 'phase')[0]).toMatchObject({ event: 'started', jobId });
    expect(events.at(-1)).toMatchObject({ event: 'finished', jobId });
    expect(events.filter((e) => e.event === 'epoch')).toHaveLength(60);

    const evaluation = await api.invoke('evaluate', { jobId });
    expect(evaluation.loss).toBeGreaterThanOrEqual(0);
    // XOR's two classes, four test rows.
    expect(evaluation.confusion).toHaveLength(2);
    expect((evaluation.confusion ?? []).flat().reduce((a, b) => a + b, 0)).toBe(4);

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

describe('web host sessions that outlive their socket', () => {
  const GRACE = 1500;
  const hosts: WebHost[] = [];
  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.close()));
  });
  async function shortGraceHost(maxDetached = 16, worker?: WorkerSpec): Promise<WebHost> {
    const h = await startWebHost({ port: 0, rendererDir: path.join(dir, 'renderer'), templatesDir, workspace: path.join(dir, 'ws'), graceMs: GRACE, maxDetached, worker });
    hosts.push(h);
    return h;
  }
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  async function until(what: () => boolean, ms = 20_000): Promise<void> {
    const end = Date.now() + ms;
    while (!what()) {
      if (Date.now() > end) throw new Error('timed out waiting');
      await sleep(25);
    }
  }
  function closeAndWait(socket: WebSocket): Promise<void> {
    return new Promise((resolve) => {
      socket.on('close', () => resolve());
      socket.close();
    });
  }
  /** Starts a long XOR run and resolves once `epochs` epochs have been seen. */
  async function longRun(api: LayerLabApi, epochs: number): Promise<{ jobId: string; seen: TrainingEvent[] }> {
    const { project } = await api.invoke('templates.load', { id: 'xor' });
    project.training.epochs = 100000;
    const seen: TrainingEvent[] = [];
    api.on('training.event', (e) => seen.push(e));
    const { jobId } = await api.invoke('training.start', { project, backend: 'cpu' });
    await until(() => seen.filter((e) => e.event === 'epoch').length >= epochs);
    return { jobId, seen };
  }

  it('gives a reloaded tab its session back, running job included, even past the grace period while the job runs', async () => {
    const h = await shortGraceHost();
    const id = randomUUID();
    const first = connect({ host: h, session: id });
    const { jobId } = await longRun(first.api, 3);
    await closeAndWait(first.socket);
    await until(() => h.stats().detached === 1);
    // Longer than the grace period: the running job keeps the session.
    await sleep(GRACE + 700);
    expect(h.stats()).toEqual({ sessions: 1, detached: 1 });

    const again = connect({ host: h, session: id });
    const live: TrainingEvent[] = [];
    again.api.on('training.event', (e) => live.push(e));
    const replay = await again.api.invoke('training.replay', {});
    expect(h.stats()).toEqual({ sessions: 1, detached: 0 });
    expect(replay).toMatchObject({ jobId, running: true });
    expect(replay.events.find((e) => e.event.event !== 'phase')!.event).toMatchObject({ event: 'started', jobId });
    const replayedEpochs = replay.events.flatMap((e) => (e.event.event === 'epoch' ? [e.event.epoch] : []));
    expect(replayedEpochs.length).toBeGreaterThan(3);
    expect(replay.events.length).toBeLessThan(8000);
    expect(replay.nowMs).toBeGreaterThanOrEqual(replay.events.at(-1)!.atMs);
    // The live stream picks up where the replay ends: no epoch lost in between (a client may
    // see a few events from before the answer again; the renderer drops those, see replay.ts).
    const last = replayedEpochs.at(-1)!;
    await until(() => live.some((e) => e.event === 'epoch' && e.epoch > last + 1));
    expect(live).toContainEqual(expect.objectContaining({ event: 'epoch', jobId, epoch: last + 1 }));
    expect(await again.api.invoke('training.stop', { jobId })).toEqual({ stopped: true });
    await until(() => live.some((e) => e.event === 'stopped'));
    await closeAndWait(again.socket);
  });

  it('refuses a malformed session id, and an id never stands in for the token or the origin', async () => {
    const h = await shortGraceHost();
    const id = randomUUID();
    for (const session of ['not-a-uuid', id.toUpperCase(), `${id}x`, '../../etc', '']) {
      expect(await refusal(connect({ host: h, session }).socket)).toBe(403);
    }
    expect(await refusal(connect({ host: h, session: id, token: 'guess' }).socket)).toBe(403);
    expect(await refusal(connect({ host: h, session: id, origin: 'https://evil.example' }).socket)).toBe(403);
    expect(h.stats()).toEqual({ sessions: 0, detached: 0 });
  });

  it('keeps an idle session for the grace period, then ends it; a connection without an id ends with its socket', async () => {
    const h = await shortGraceHost();
    const id = randomUUID();
    const first = connect({ host: h, session: id });
    const { project } = await first.api.invoke('templates.load', { id: 'xor' });
    project.training.epochs = 20;
    const done = new Promise<void>((resolve) => first.api.on('training.event', (e) => e.event === 'finished' && resolve()));
    const { jobId } = await first.api.invoke('training.start', { project, backend: 'cpu' });
    await done;
    await closeAndWait(first.socket);

    // Back within the grace period: the finished job, its model included.
    const second = connect({ host: h, session: id });
    const replay = await second.api.invoke('training.replay', {});
    expect(replay).toMatchObject({ jobId, running: false });
    expect(replay.events.at(-1)!.event).toMatchObject({ event: 'finished', jobId });
    expect((await second.api.invoke('evaluate', { jobId })).loss).toBeGreaterThanOrEqual(0);
    await closeAndWait(second.socket);

    // Gone after it: the same id starts a fresh session.
    await until(() => h.stats().sessions === 0, GRACE + 3000);
    const third = connect({ host: h, session: id });
    expect(await third.api.invoke('training.replay', {})).toMatchObject({ jobId: null, running: false, events: [] });
    await expect(third.api.invoke('evaluate', { jobId })).rejects.toMatchObject({ code: 'not-found' });
    await closeAndWait(third.socket);

    const anonymous = connect({ host: h });
    await anonymous.api.invoke('templates.list', {});
    await until(() => h.stats().sessions === 2);
    await closeAndWait(anonymous.socket);
    await until(() => h.stats().sessions === 1);
    expect(h.stats().detached).toBe(1);
  });

  it('hands the session to a second connection with the same id and closes the older socket', async () => {
    const h = await shortGraceHost();
    const id = randomUUID();
    const first = connect({ host: h, session: id });
    const { jobId } = await longRun(first.api, 2);
    const firstClosed = new Promise<number>((resolve) => first.socket.on('close', (code) => resolve(code)));

    const second = connect({ host: h, session: id });
    const live: TrainingEvent[] = [];
    second.api.on('training.event', (e) => live.push(e));
    await second.api.invoke('templates.list', {});
    expect(await firstClosed).toBe(TAKEN_OVER);
    expect(h.stats()).toEqual({ sessions: 1, detached: 0 });
    await until(() => live.some((e) => e.event === 'epoch' && e.jobId === jobId));
    expect(await second.api.invoke('training.stop', { jobId })).toEqual({ stopped: true });
    await until(() => live.some((e) => e.event === 'stopped'));
    await closeAndWait(second.socket);
    // The older socket's close did not end or detach the session the newer one holds.
    expect(h.stats().sessions).toBe(1);
  });

  it('bounds the sessions waiting for their tab, ending the longest-waiting idle one first', async () => {
    const h = await shortGraceHost(2);
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) {
      const c = connect({ host: h, session: id });
      await c.api.invoke('templates.list', {});
      await closeAndWait(c.socket);
      await until(() => h.stats().detached >= Math.min(2, ids.indexOf(id) + 1));
    }
    await until(() => h.stats().sessions === 2);
    expect(h.stats()).toEqual({ sessions: 2, detached: 2 });
    // The first to leave went; the later two are still there to take back.
    const back = connect({ host: h, session: ids[2]! });
    await back.api.invoke('templates.list', {});
    expect(h.stats()).toEqual({ sessions: 2, detached: 1 });
    const first = connect({ host: h, session: ids[0]! });
    await first.api.invoke('templates.list', {});
    expect(h.stats()).toEqual({ sessions: 3, detached: 1 });
    await closeAndWait(back.socket);
    await closeAndWait(first.socket);
  });

  it('waits for a job that ends while its tab is away, then the grace period from its end', async () => {
    // A stand-in worker whose job ends exactly when told: started at once, finished after `ms`.
    const fake = `import { parentPort, workerData } from 'node:worker_threads';
      parentPort.on('message', (m) => {
        if (m.type !== 'train') return;
        const jobId = 'fake-1';
        parentPort.postMessage({ type: 'ready', jobId });
        parentPort.postMessage({ type: 'event', event: { event: 'started', jobId, backend: 'cpu', epochs: 1, batchesPerEpoch: 1, trainCount: 4, validationCount: 0, totalParams: 6 } });
        setTimeout(() => {
          parentPort.postMessage({ type: 'event', event: { event: 'finished', jobId, epochs: 1, seconds: workerData.ms / 1000 } });
          parentPort.postMessage({ type: 'done', status: 'finished', hasModel: false });
        }, workerData.ms);
      });`;
    const JOB = 2 * GRACE;
    const h = await shortGraceHost(16, { url: new URL(`data:text/javascript,${encodeURIComponent(fake)}`), workerData: { ms: JOB } });
    const c = connect({ host: h, session: randomUUID() });
    await c.api.invoke('training.start', { project: tinyProject() });
    const t0 = Date.now();
    await closeAndWait(c.socket);
    // Past one grace period, the job still runs: kept.
    await sleep(GRACE + 300);
    expect(h.stats()).toEqual({ sessions: 1, detached: 1 });
    // The job ended at JOB; the session stays most of a grace period after that, then goes.
    await sleep(Math.max(0, t0 + JOB + GRACE - 500 - Date.now()));
    expect(h.stats().sessions).toBe(1);
    await until(() => h.stats().sessions === 0, 3000);
  });
});
