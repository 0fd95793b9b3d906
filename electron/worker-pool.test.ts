// Bounded work: one utility worker for a whole host (12 browser tabs asking at once start one
// process), a time limit per request that kills the worker and answers in words (and the next
// request works), queued work dropped when its session ends, and a cap on training jobs across
// sessions. Real hosts, real sockets, real worker processes, real files.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { TEMPLATES_DIR } from '../engine/project/templates.js';
import type { Envelope } from './contract.js';
import { tinyProject } from './fixtures.js';
import { Session } from './handlers.js';
import { startWebHost } from './web-host.js';
import { tsxWorker, WorkerPool } from './worker-pool.js';
import { workspaceDialogs } from './web-dialogs.js';

let dir: string;
let ws: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'layerlab-pool-'));
  ws = path.join(dir, 'ws');
  await mkdir(path.join(ws, 'data'), { recursive: true });
  await mkdir(path.join(dir, 'renderer'), { recursive: true });
  await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(path.join(ws, 'data', 'iris.csv'), await readFile(path.join(import.meta.dirname, '../assets/iris.csv')));
  // Slow to read: about 60 MB of numbers, read twice (schema, then values): seconds, on any machine.
  const row = Array.from({ length: 19 }, (_, i) => (i * 1.25).toFixed(2)).join(',');
  const lines = ['f0,f1,f2,f3,f4,f5,f6,f7,f8,f9,f10,f11,f12,f13,f14,f15,f16,f17,f18,label'];
  for (let i = 0; i < 600_000; i++) lines.push(`${row},${i % 3}`);
  await writeFile(path.join(ws, 'data', 'big.csv'), lines.join('\n'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** This process's children that run the worker entry (tsx's boot file). */
function workerChildren(): { pid: number; args: string }[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.includes('worker-boot.mjs'))
    .map((l) => {
      const [, pid, args] = /^\s*(\d+)\s+(.*)$/.exec(l)!;
      return { pid: Number(pid), args: args! };
    });
}
const workerProcesses = () => workerChildren().length;

function session(pool: WorkerPool): Session {
  return new Session({ dialogs: workspaceDialogs(ws), workspace: ws, templatesDir: TEMPLATES_DIR, pool, emit: () => undefined });
}

describe('one utility worker per host', () => {
  it('12 sockets asking backend.info at once start one utility worker process (and one spare for training), and all 12 get the answer', async () => {
    const before = workerProcesses();
    const host = await startWebHost({ port: 0, rendererDir: path.join(dir, 'renderer'), templatesDir: TEMPLATES_DIR, workspace: ws });
    const sockets: WebSocket[] = [];
    try {
      const origin = `http://127.0.0.1:${host.port}`;
      const answers = await Promise.all(
        Array.from({ length: 12 }, async (_, i) => {
          const sock = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, { headers: { origin } });
          sockets.push(sock);
          await new Promise((resolve, reject) => sock.once('open', resolve).once('error', reject));
          const reply = new Promise<Envelope<unknown>>((resolve) =>
            sock.on('message', (data) => {
              const m = JSON.parse(String(data));
              if (m.type === 'response' && m.id === i) resolve(m.envelope);
            }),
          );
          sock.send(JSON.stringify({ id: i, channel: 'backend.info', request: {} }));
          return reply;
        }),
      );
      for (const a of answers) expect(a).toMatchObject({ ok: true, value: { backends: expect.arrayContaining([expect.objectContaining({ name: 'cpu', available: true })]) } });
      // The utility worker, and the one spare training worker (prewarm) for the host's next job.
      expect(workerProcesses() - before).toBe(2);
      expect(host.stats().sessions).toBe(12);
    } finally {
      for (const s of sockets) s.terminate();
      await host.close();
    }
    // Closing the host ends its worker.
    await vi.waitFor(() => expect(workerProcesses()).toBe(before), { timeout: 10_000, interval: 100 });
  }, 60_000);
});

describe('a time limit on each request', () => {
  it('a preview that runs over its limit is stopped and answered in words; the next request works on a fresh worker', async () => {
    const pool = new WorkerPool(tsxWorker(), { requestMs: 1000 });
    const s = session(pool);
    try {
      // Warm: the worker's start-up does not count against the limit.
      expect(await s.handle('datasets.preview', { dataset: { id: 'xor' } })).toMatchObject({ ok: true });
      expect(pool.stats().utilityStarts).toBe(1);
      const t0 = Date.now();
      const slow = await s.handle('datasets.preview', { dataset: { file: 'data/big.csv', options: { labelColumn: 'label' } } });
      const took = Date.now() - t0;
      expect(slow).toEqual({ ok: false, error: { code: 'timeout', message: 'previewing data/big.csv took longer than 1 s; stopped' } });
      expect(took).toBeGreaterThanOrEqual(950);
      expect(took).toBeLessThan(5000);
      const next = await s.handle('datasets.preview', { dataset: { file: 'data/iris.csv' } });
      expect(next).toMatchObject({ ok: true, value: { name: 'iris.csv', classCounts: [50, 50, 50] } });
      expect(pool.stats()).toMatchObject({ utilityStarts: 2, queued: 0 });
    } finally {
      await s.dispose();
      await pool.dispose();
    }
  }, 60_000);

  it("a session's ending drops its queued requests and stops its running one; other sessions' work goes on", async () => {
    const pool = new WorkerPool(tsxWorker());
    const a = session(pool);
    const b = session(pool);
    try {
      expect(await b.handle('backend.info', {})).toMatchObject({ ok: true });
      const running = a.handle('datasets.preview', { dataset: { file: 'data/big.csv', options: { labelColumn: 'label' } } });
      await vi.waitFor(() => expect(pool.stats().queued).toBe(1), { timeout: 5000, interval: 20 });
      const queued = a.handle('datasets.info', { dataset: { id: 'spirals' } });
      const other = b.handle('datasets.info', { dataset: { id: 'xor', options: { exact: true } } });
      await vi.waitFor(() => expect(pool.stats().queued).toBe(3), { timeout: 5000, interval: 20 });
      await a.dispose();
      expect(await running).toMatchObject({ ok: false, error: { message: 'previewing data/big.csv: cancelled, its session ended' } });
      expect(await queued).toMatchObject({ ok: false, error: { message: expect.stringMatching(/spirals: cancelled, its session ended/) } });
      expect(await other).toMatchObject({ ok: true, value: { id: 'xor', trainCount: 4 } });
      expect(pool.stats().queued).toBe(0);
    } finally {
      await b.dispose();
      await pool.dispose();
    }
  }, 60_000);

  it('the utility worker runs under its heap limit; one that dies mid-request answers it in words, and the next request works', async () => {
    const pool = new WorkerPool(tsxWorker(), { heapMb: 512 });
    const s = session(pool);
    try {
      expect(await s.handle('backend.info', {})).toMatchObject({ ok: true });
      const [helper] = workerChildren().filter((c) => c.args.includes('--max-old-space-size=512'));
      expect(helper, 'a worker process started with the heap limit').toBeDefined();
      const running = s.handle('datasets.preview', { dataset: { file: 'data/big.csv', options: { labelColumn: 'label' } } });
      await vi.waitFor(() => expect(pool.stats().queued).toBe(1), { timeout: 5000, interval: 20 });
      // What the kernel does to a process past its limit, or V8 at its heap limit: gone mid-request.
      process.kill(helper!.pid, 'SIGKILL');
      const r = await running;
      expect(r).toMatchObject({ ok: false, error: { code: 'failed' } });
      expect(!r.ok && r.error.message).toMatch(/^previewing data\/big\.csv failed: the helper worker exited \(code \d+\); it may have run out of memory \(its limit is 512 MB\)$/);
      // (A dataset no earlier test asked about: answers are cached per host process.)
      expect(await s.handle('datasets.info', { dataset: { id: 'xor', options: { seed: 99 } } })).toMatchObject({ ok: true, value: { id: 'xor' } });
      expect(pool.stats().utilityStarts).toBe(2);
    } finally {
      await s.dispose();
      await pool.dispose();
    }
  }, 60_000);
});

describe('a bounded queue', () => {
  it("one session's flood of requests is refused beyond its share, while another session is still answered", async () => {
    const pool = new WorkerPool(tsxWorker(), { maxQueuedPerOwner: 3 });
    const a = session(pool);
    const b = session(pool);
    try {
      // Distinct seeds: nothing comes from the answer cache.
      const flood = await Promise.all(Array.from({ length: 6 }, (_, i) => a.handle('datasets.info', { dataset: { id: 'moons', options: { seed: 1000 + i } } })));
      const refused = flood.filter((r) => !r.ok);
      // One runs at a time, three wait: the rest are told to wait.
      expect(flood.filter((r) => r.ok).length).toBe(4);
      expect(refused.length).toBe(2);
      for (const r of refused) expect(r).toMatchObject({ ok: false, error: { code: 'busy', message: expect.stringMatching(/this session already has 3 requests waiting/) } });
      expect(await b.handle('datasets.info', { dataset: { id: 'xor', options: { seed: 2000 } } })).toMatchObject({ ok: true });
    } finally {
      await a.dispose();
      await b.dispose();
      await pool.dispose();
    }
  }, 60_000);
});

describe('a cap on training jobs across sessions', () => {
  it('the job beyond the cap is refused as busy, saying why; a place frees when a job ends', async () => {
    const pool = new WorkerPool(tsxWorker(), { maxJobs: 1 });
    const a = session(pool);
    const b = session(pool);
    try {
      const long = { ...tinyProject(), training: { ...tinyProject().training, epochs: 100_000 } };
      const started = await a.handle('training.start', { project: long });
      if (!started.ok) throw new Error(started.error.message);
      const refused = await b.handle('training.start', { project: tinyProject() });
      expect(refused).toEqual({
        ok: false,
        error: { code: 'busy', message: 'training tiny: this host already runs 1 training job at once, its limit across all sessions; try again when one ends' },
      });
      expect(await a.handle('training.stop', { jobId: (started.value as { jobId: string }).jobId })).toMatchObject({ ok: true, value: { stopped: true } });
      await vi.waitFor(() => expect(pool.stats().jobs).toBe(0), { timeout: 20_000, interval: 50 });
      expect(await b.handle('training.start', { project: tinyProject() })).toMatchObject({ ok: true });
    } finally {
      await a.dispose();
      await b.dispose();
      await pool.dispose();
    }
    expect(pool.stats().jobs).toBe(0);
  }, 60_000);
});
