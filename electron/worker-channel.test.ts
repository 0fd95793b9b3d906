// The worker's line to its host, each way a worker is started: a worker thread, a forked child
// process (browser mode, tests) and a utility process (Electron). No Electron runtime runs
// here, so the utility process is ./fake-utility-process.mjs: a real child process given what
// Electron gives one (process.parentPort with { data } messages, no process.send).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { ProcessWorker, UtilityProcessWorker, type JobWorker, type UtilityFork } from './job-process.js';
import { tsxWorker, WorkerPool } from './worker-pool.js';

const BOOT = fileURLToPath(new URL('./worker-boot.mjs', import.meta.url));
const ECHO = new URL('./worker-channel.fixture.ts', import.meta.url).href;
const FAKE_UTILITY = fileURLToPath(new URL('./fake-utility-process.mjs', import.meta.url));

/** utilityProcess.fork's stand-in: the module runs in a fake utility process. */
const fakeUtilityFork: UtilityFork = (modulePath, args, options) => {
  const child = fork(FAKE_UTILITY, [modulePath, ...args], { serialization: 'advanced', execArgv: options.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    on(event: string, listener: (...a: never[]) => void) {
      if (event === 'message') child.on('message', listener as (m: unknown) => void);
      if (event === 'exit') child.on('exit', (code, signal) => (listener as (c: number) => void)(code ?? (signal ? 1 : 0)));
      return this;
    },
    postMessage: (m) => void child.send(m as never),
    kill: () => child.kill(),
  } as ReturnType<UtilityFork>;
};

const starts: Record<'thread' | 'process' | 'utility', () => JobWorker> = {
  thread: () => new Worker(BOOT, { workerData: { entry: ECHO } }) as unknown as JobWorker,
  process: () => new ProcessWorker(BOOT, [ECHO]),
  utility: () => new UtilityProcessWorker(fakeUtilityFork, BOOT, [ECHO]),
};

function reply(w: JobWorker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    w.on('message', resolve);
    w.on('error', reject);
    w.on('exit', (code) => reject(new Error(`the worker exited (code ${code}) before answering`)));
  });
}

describe('the worker channel', () => {
  for (const kind of ['thread', 'process', 'utility'] as const) {
    it(`carries structured-clone messages both ways in a ${kind}`, async () => {
      const w = starts[kind]();
      try {
        const answer = reply(w);
        // Sent at once: the worker has not attached its listener yet, and must still get it.
        w.postMessage({ n: 7, pixels: new Float32Array([0.5, 1.5]), labels: new Uint8Array([3]) });
        const got = (await answer) as { kind: string; echo: { n: number; pixels: Float32Array; labels: Uint8Array } };
        expect(got.kind).toBe(kind);
        expect(got.echo.n).toBe(7);
        expect(got.echo.pixels).toBeInstanceOf(Float32Array);
        expect([...got.echo.pixels]).toEqual([0.5, 1.5]);
        expect(got.echo.labels).toBeInstanceOf(Uint8Array);
      } finally {
        await w.terminate();
      }
    });
  }

  it('ends a utility worker on terminate, and drops what is sent to it afterwards', async () => {
    const w = starts.utility();
    const exits: number[] = [];
    w.on('exit', (code) => exits.push(code));
    const answer = reply(w);
    w.postMessage('ping');
    expect(await answer).toEqual({ kind: 'utility', echo: 'ping' });
    const code = await w.terminate();
    expect(exits).toEqual([code]);
    expect(() => w.postMessage('after the end')).not.toThrow();
    // A second terminate answers with the same exit.
    expect(await w.terminate()).toBe(code);
  });

  it('runs the training worker as a utility process when the spec says so (as main.ts does)', async () => {
    let forks = 0;
    const pool = new WorkerPool({ ...tsxWorker(), utilityProcess: (file, args, options) => (forks++, fakeUtilityFork(file, args, options)) });
    try {
      const list = (await pool.backends()) as { name: string; available: boolean }[];
      expect(forks).toBe(1);
      expect(list.find((b) => b.name === 'cpu')).toMatchObject({ available: true });
    } finally {
      await pool.dispose();
    }
  });

  it('refuses to fork a child inside Electron, where it would start the app again', () => {
    const versions = process.versions as Record<string, string | undefined>;
    versions.electron = '45.5.0';
    try {
      expect(() => new ProcessWorker(BOOT, [ECHO])).toThrow(/utility process/);
    } finally {
      delete versions.electron;
    }
  });
});
