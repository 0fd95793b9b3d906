// The worker processes of one host (the Electron app, or the browser-mode host), shared by all
// of its sessions: ONE utility worker answering short questions (backends, dataset shapes,
// previews) from a queue, one request at a time, each with a time limit (the worker is killed
// when it runs over) and the worker with a heap limit; and a cap on the training jobs running
// at once across sessions. Each request names its owner (a session's trainer), so a session
// that ends takes its queued work with it.
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiError } from './contract.js';
import { ProcessWorker, UtilityProcessWorker, type JobWorker, type UtilityFork } from './job-process.js';
import { parseFromWorker, parseReply, type AnyRequestHead, type ToWorker, type WorkerReply, type WorkerRequest, type WorkerRequestType } from './worker-protocol.js';

/** How to start a worker: the bundled .js in Electron, or the .ts entry through tsx.
 *  `process`: a child process (the default in the app: the webgpu backend needs a main
 *  thread) rather than a worker thread; it gets workerData's `entry`, if any, as argument. */
export interface WorkerSpec {
  url: URL | string;
  workerData?: unknown;
  process?: boolean;
  /** Inside Electron, the process is a utility process started with this (Electron's
   *  utilityProcess.fork, passed by main.ts): the runAsNode fuse is off, so no child can be forked. */
  utilityProcess?: UtilityFork;
}

/** The TypeScript worker, run through tsx in a child process (browser mode and tests). */
export function tsxWorker(): WorkerSpec {
  return {
    url: new URL('./worker-boot.mjs', import.meta.url),
    workerData: { entry: new URL('./training-worker.ts', import.meta.url).href },
    process: true,
  };
}

/** Starts a worker; `heapMb` caps its V8 heap (old space), where a runaway load would grow. */
export function startWorker(spec: WorkerSpec, heapMb?: number): JobWorker {
  if (!spec.process) {
    const resourceLimits = heapMb ? { maxOldGenerationSizeMb: heapMb } : undefined;
    return new Worker(spec.url, { workerData: spec.workerData, ...(resourceLimits ? { resourceLimits } : {}) }) as unknown as JobWorker;
  }
  const file = spec.url instanceof URL || spec.url.startsWith('file:') ? fileURLToPath(spec.url) : spec.url;
  const entry = (spec.workerData as { entry?: unknown } | undefined)?.entry;
  const args = typeof entry === 'string' ? [entry] : [];
  const execArgv = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
  if (spec.utilityProcess) return new UtilityProcessWorker(spec.utilityProcess, file, args, execArgv);
  return new ProcessWorker(file, args, execArgv);
}

export interface PoolLimits {
  /** How long one utility request may run before its worker is killed (the worker's start-up aside). */
  requestMs: number;
  /** How long a fresh utility worker may take to load before the request waiting for it fails. */
  startMs: number;
  /** The utility worker's heap limit, MB. */
  heapMb: number;
  /** Training jobs (and untrained-model builds for export) running at once, all sessions together. */
  maxJobs: number;
  /** Utility requests one owner (a session) may have waiting; beyond, it is told to wait. */
  maxQueuedPerOwner: number;
}

export const DEFAULT_POOL_LIMITS: PoolLimits = { requestMs: 60_000, startMs: 60_000, heapMb: 2048, maxJobs: 4, maxQueuedPerOwner: 16 };

interface Pending {
  owner: object;
  /** What the request does, in words, for its errors: "previewing data/iris.csv". */
  what: string;
  make(requestId: number): AnyRequestHead;
  /** The type of the request sent, whose reply schema checks the answer. */
  type: WorkerRequestType | null;
  resolve(v: unknown): void;
  reject(e: Error): void;
  requestId: number;
  timer: NodeJS.Timeout | null;
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

export class WorkerPool {
  readonly limits: PoolLimits;
  private worker: JobWorker | null = null;
  /** The worker answered its ping: loaded, so a request's clock may start. */
  private loaded = false;
  private current: Pending | null = null;
  private readonly queue: Pending[] = [];
  private nextRequest = 1;
  private jobs = 0;
  private starts = 0;
  private closed = false;
  /** The backend list: every session asks at start, and it does not change while the host runs. */
  private backendList: Promise<WorkerReply<'backends'>> | null = null;
  /** One training worker started ahead of the next job, for the whole host, so a Train does
   *  not wait for a process to start and TensorFlow.js to load (seconds on a small machine). */
  private spare: JobWorker | null = null;

  constructor(
    readonly spec: WorkerSpec,
    limits: Partial<PoolLimits> = {},
  ) {
    this.limits = { ...DEFAULT_POOL_LIMITS, ...limits };
  }

  /** For tests and logs: utility workers started so far, requests waiting, jobs running. */
  stats(): { utilityStarts: number; utilityAlive: boolean; queued: number; jobs: number } {
    return { utilityStarts: this.starts, utilityAlive: this.worker !== null, queued: this.queue.length + (this.current ? 1 : 0), jobs: this.jobs };
  }

  /** Queues a question for the utility worker; answers in order, each within the time limit. */
  ask<K extends WorkerRequestType>(owner: object, what: string, make: (requestId: number) => WorkerRequest<K>): Promise<WorkerReply<K>> {
    if (this.closed) return Promise.reject(new ApiError('unavailable', `${what}: the host is shutting down`));
    // One session cannot fill the queue that every session waits in.
    const waiting = this.queue.filter((p) => p.owner === owner).length;
    if (waiting >= this.limits.maxQueuedPerOwner) {
      return Promise.reject(new ApiError('busy', `${what}: this session already has ${waiting} requests waiting for the helper worker; try again when they are answered`));
    }
    return new Promise((resolve, reject) => {
      // The reply was checked against K's schema before it resolves this (see ensureWorker).
      this.queue.push({ owner, what, make, type: null, resolve: resolve as (v: unknown) => void, reject, requestId: 0, timer: null });
      this.pump();
    });
  }

  /** The backends, asked once for the whole host (a failed ask is asked again next time). */
  backends(): Promise<WorkerReply<'backends'>> {
    this.backendList ??= this.ask(this, 'listing the backends', (requestId) => ({ type: 'backends', requestId })).catch((e: unknown) => {
      this.backendList = null;
      throw e;
    });
    return this.backendList;
  }

  /** Drops `owner`'s queued requests, and stops the one running for it (killing the worker). */
  cancel(owner: object): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const p = this.queue[i]!;
      if (p.owner !== owner) continue;
      this.queue.splice(i, 1);
      p.reject(new ApiError('failed', `${p.what}: cancelled, its session ended`));
    }
    const c = this.current;
    if (c && c.owner === owner) {
      this.settle(c);
      c.reject(new ApiError('failed', `${c.what}: cancelled, its session ended`));
      this.kill();
      this.pump();
    }
  }

  /** Takes one of the host's job places, or refuses with 'busy'; call the answer when the job ends. */
  acquireJob(what: string): () => void {
    if (this.closed) throw new ApiError('unavailable', `${what}: the host is shutting down`);
    if (this.jobs >= this.limits.maxJobs) {
      const n = this.limits.maxJobs;
      throw new ApiError('busy', `${what}: this host already runs ${n} training job${n === 1 ? '' : 's'} at once, its limit across all sessions; try again when one ends`);
    }
    this.jobs++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.jobs--;
    };
  }

  /** Starts the spare training worker, unless there is one, the host is closing, or jobs are
   *  training (its start-up would take their CPU). */
  prewarm(): void {
    if (this.spare || this.closed || this.jobs > 0) return;
    const w = startWorker(this.spec);
    // It must not keep the host alive, nor take it down: a job that takes it listens itself.
    w.unref();
    w.on('error', () => undefined);
    w.on('exit', () => {
      if (this.spare === w) this.spare = null;
    });
    this.spare = w;
  }

  /** A worker for a training job: the spare one when it is there, else a new one. */
  jobWorker(): JobWorker {
    const w = this.spare;
    this.spare = null;
    return w ?? startWorker(this.spec);
  }

  async dispose(): Promise<void> {
    this.closed = true;
    const spare = this.spare;
    this.spare = null;
    await spare?.terminate();
    const all = [...(this.current ? [this.current] : []), ...this.queue.splice(0)];
    if (this.current) this.settle(this.current);
    for (const p of all) p.reject(new ApiError('unavailable', `${p.what}: the host is shutting down`));
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }

  private pump(): void {
    if (this.current || this.closed) return;
    const next = this.queue.shift();
    if (!next) return;
    this.current = next;
    const worker = this.ensureWorker();
    if (this.loaded) this.post(worker, next);
    else this.clock(next, this.limits.startMs, `${next.what}: the helper worker did not start within ${seconds(this.limits.startMs)}; stopped`);
  }

  /** Sends the request and starts its clock. */
  private post(worker: JobWorker, p: Pending): void {
    p.requestId = this.nextRequest++;
    this.clock(p, this.limits.requestMs, `${p.what} took longer than ${seconds(this.limits.requestMs)}; stopped`);
    const m = p.make(p.requestId);
    p.type = m.type;
    worker.postMessage(m);
  }

  private clock(p: Pending, ms: number, message: string): void {
    if (p.timer) clearTimeout(p.timer);
    p.timer = setTimeout(() => {
      if (this.current !== p) return;
      this.settle(p);
      p.reject(new ApiError('timeout', message));
      // The worker may be stuck in a loop or a read that never ends: only killing it stops that.
      this.kill();
      this.pump();
    }, ms);
    p.timer.unref();
  }

  private settle(p: Pending): void {
    if (p.timer) clearTimeout(p.timer);
    p.timer = null;
    if (this.current === p) this.current = null;
  }

  private kill(): void {
    const w = this.worker;
    this.worker = null;
    this.loaded = false;
    void w?.terminate();
  }

  private ensureWorker(): JobWorker {
    if (this.worker) return this.worker;
    const w = startWorker(this.spec, this.limits.heapMb);
    this.starts++;
    this.loaded = false;
    const ping = this.nextRequest++;
    // The host may exit while it idles; a request in flight has its own timer.
    w.unref();
    w.on('message', (message) => {
      if (this.worker !== w) return;
      const c = this.current;
      let value: unknown;
      try {
        const msg = parseFromWorker(message);
        if (msg.type !== 'reply') return;
        if (msg.requestId === ping) {
          this.loaded = true;
          if (c) this.post(w, c);
          return;
        }
        if (!c || msg.requestId !== c.requestId || !c.type) return;
        if (!msg.ok) {
          this.settle(c);
          c.reject(new ApiError('failed', msg.message));
          this.pump();
          return;
        }
        value = parseReply(c.type, msg.value);
      } catch (e) {
        // A message that breaks the protocol answers the request in flight (the utility
        // worker has one at a time): with what was wrong, never with the bad value.
        if (!c || !c.type) return;
        this.settle(c);
        c.reject(new ApiError('invalid', `${c.what}: ${(e as Error).message}`));
        this.pump();
        return;
      }
      this.settle(c);
      c.resolve(value);
      this.pump();
    });
    const lost = (why: string) => {
      if (this.worker !== w) return;
      this.worker = null;
      this.loaded = false;
      const c = this.current;
      if (c) {
        this.settle(c);
        c.reject(new ApiError('failed', `${c.what} failed: ${why}`));
      }
      this.pump();
    };
    w.on('error', (e) => lost(`the helper worker crashed (${e.message})`));
    w.on('exit', (code) => lost(`the helper worker exited (code ${code}); it may have run out of memory (its limit is ${this.limits.heapMb} MB)`));
    this.worker = w;
    w.postMessage({ type: 'ping', requestId: ping } satisfies ToWorker);
    return w;
  }
}
