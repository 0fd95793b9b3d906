// The host side of training: one worker per job (a child process, ./job-process.ts, or a
// worker thread), so nothing TensorFlow.js does runs on the thread that serves the window.
// A finished job's worker stays alive holding the model (for evaluate and export) until the
// next job replaces it or the session ends. The latest job's events are kept (bounded) so a
// page that comes back can redraw the run.
import type { DatasetRef, Project } from '../engine/project/types.js';
import type { TrainingEvent } from '../engine/train/events.js';
import { ApiError, type EventPayload } from './contract.js';
import type { Evaluation, TrainingReplay } from './schemas.js';
import type { JobWorker } from './job-process.js';
import { startWorker, tsxWorker, WorkerPool, type WorkerSpec } from './worker-pool.js';
import { parseFromWorker, parseReply, type AnyRequestHead, type AnyWorkerCommand, type FromWorker, type ToWorker, type WorkerReply, type WorkerRequest, type WorkerRequestType } from './worker-protocol.js';

export { tsxWorker, type WorkerSpec };

/** How many `batch` and `epoch` events a job's log keeps before it thins them. */
export const LOG_LIMITS = { batch: 2000, epoch: 5000 } as const;

type Logged = { seq: number; atMs: number; event: TrainingEvent };

/**
 * Every `stride`-th event of one kind, the stride doubling (and every other kept one going)
 * whenever more than `max` are kept, plus always the latest: evenly spread over the run,
 * never more than `max + 1`, and ending where the run is now.
 */
class Thinned {
  private kept: Logged[] = [];
  private latest: Logged | null = null;
  private seen = 0;
  private stride = 1;
  thinned = false;

  constructor(private readonly max: number) {}

  add(e: Logged): void {
    if (this.seen++ % this.stride === 0) this.kept.push(e);
    this.latest = e;
    if (this.kept.length > this.max) {
      this.kept = this.kept.filter((_, i) => i % 2 === 0);
      this.stride *= 2;
      this.thinned = true;
    }
  }

  get entries(): Logged[] {
    const last = this.latest;
    return last && this.kept.at(-1) !== last ? [...this.kept, last] : this.kept;
  }
}

/** One job's event stream as the host saw it, bounded: what `training.replay` answers from. */
export class JobLog {
  private readonly t0: number;
  private seq = 0;
  /** started, finished, stopped, failed: a handful per job, kept as they came. */
  private readonly marks: Logged[] = [];
  private readonly batches: Thinned;
  private readonly epochs: Thinned;

  constructor(
    limits: { batch: number; epoch: number } = LOG_LIMITS,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.t0 = now();
    this.batches = new Thinned(limits.batch);
    this.epochs = new Thinned(limits.epoch);
  }

  add(event: TrainingEvent): void {
    const e = { seq: this.seq++, atMs: this.now() - this.t0, event };
    if (event.event === 'batch') this.batches.add(e);
    else if (event.event === 'epoch') this.epochs.add(e);
    else this.marks.push(e);
  }

  /** The kept events in the order they came, with their times. */
  snapshot(): Pick<TrainingReplay, 'nowMs' | 'events' | 'thinned'> {
    const all = [...this.marks, ...this.batches.entries, ...this.epochs.entries].sort((a, b) => a.seq - b.seq);
    return {
      nowMs: this.now() - this.t0,
      events: all.map(({ atMs, event }) => ({ atMs, event })),
      thinned: this.batches.thinned || this.epochs.thinned,
    };
  }
}

export interface TrainerOptions {
  /** The host's shared workers (utility worker, job cap); without one the trainer makes its own. */
  pool?: WorkerPool;
  /** How to start workers, when there is no pool. */
  worker?: WorkerSpec;
  emit(event: TrainingEvent): void;
  /** The running job's live views and pause state (training.view, training.control). */
  emitLive?(e: { event: 'training.view'; payload: EventPayload<'training.view'> } | { event: 'training.control'; payload: EventPayload<'training.control'> }): void;
  /** A job's run was created (`run`), or the job ended after its run's last write (`done`). */
  onJob?(e: { type: 'run'; jobId: string; runId: string } | { type: 'done'; jobId: string; runId: string | null; status: string; recordError?: string }): void;
}

/** Where a job records its run (see ToWorker 'train'). */
export type RecordSpec = { runsDir: string; label?: string; project?: Project };

interface Slot {
  worker: JobWorker;
  jobId: string;
  running: boolean;
  /** The job's last event (finished, stopped, failed) came; `done` follows a moment later. */
  ended: boolean;
  /** Settles when the worker says the job is done (or the worker is gone); `markDone` settles it. */
  done: Promise<void>;
  markDone(): void;
  hasModel: boolean;
  /** The run the job records, once its worker created it. */
  runId: string | null;
  /** Requests waiting for their reply, with the type whose reply schema checks it. */
  replies: Map<number, { type: WorkerRequestType; resolve(v: unknown): void; reject(e: Error): void }>;
}

/** How long the inspect worker keeps a run's model loaded after its last question. */
export const INSPECT_IDLE_MS = 120_000;
/** The longest one inspect question may take before its worker is ended. */
export const INSPECT_TIMEOUT_MS = 120_000;

export class Trainer {
  private slot: Slot | null = null;
  /** The worker holding the run the user looks inside (views.inspect), kept between
   *  questions: drawing a digit asks many times a second, and loading the model each time
   *  would take longer than the answer. */
  private inspector: { key: string; slot: Slot; ready: Promise<string>; idle: ReturnType<typeof setTimeout> | null } | null = null;
  private nextRequest = 1;
  /** The events of the latest job (the one in `slot`, running or finished). */
  private log: JobLog | null = null;
  /** The latest job's last live view and pause state, for a page that comes back. */
  private live: Pick<TrainingReplay, 'view' | 'control'> = {};
  private disposed = false;
  /** Short questions (backends, dataset shapes, previews) go to the pool's one utility worker. */
  readonly pool: WorkerPool;
  private readonly ownPool: boolean;

  constructor(private readonly opts: TrainerOptions) {
    if (!opts.pool && !opts.worker) throw new Error('Trainer needs a worker pool or a worker spec');
    this.pool = opts.pool ?? new WorkerPool(opts.worker!);
    this.ownPool = !opts.pool;
  }

  get activeJobId(): string | null {
    return this.slot?.running ? this.slot.jobId : null;
  }

  /** True while a job runs, including while it is still loading its data (no id yet). */
  get running(): boolean {
    return (this.slot?.running ?? false) && !this.slot?.ended;
  }

  /** The latest job's events so far (none before the first job), for a page that comes back. */
  replay(): TrainingReplay {
    const slot = this.slot;
    const log = this.log?.snapshot() ?? { nowMs: 0, events: [], thinned: false };
    return { jobId: slot?.jobId || null, running: this.running, ...log, ...(this.live.view ? { view: this.live.view } : {}), ...(this.live.control ? { control: this.live.control } : {}) };
  }

  /** Starts a job; resolves with its id once the dataset has loaded and training began. */
  async start(project: Project, opts: { backend?: string; batchEvery?: number; record?: RecordSpec; initFrom?: { runsDir: string; runId: string }; paused?: boolean; views?: boolean } = {}): Promise<string> {
    if (this.slot?.running) throw new ApiError('busy', `training job ${this.slot.jobId} is still running; stop it first`);
    await this.disposeSlot();
    // The host's cap on jobs at once; the place is given back when this job is done.
    const release = this.pool.acquireJob(`training ${project.name}`);
    this.log = new JobLog();
    this.live = {};
    const { slot, ready } = this.spawn(
      {
        type: 'train',
        project,
        backend: opts.backend,
        batchEvery: opts.batchEvery,
        ...(opts.record ? { record: opts.record } : {}),
        ...(opts.initFrom ? { initFrom: opts.initFrom } : {}),
        ...(opts.paused ? { paused: true } : {}),
        ...(opts.views === false ? { views: false } : {}),
      },
      true,
    );
    void slot.done.then(() => {
      release();
      // The next Train finds its worker started (not for a session that is closing).
      if (!this.disposed) this.pool.prewarm();
    });
    this.slot = slot;
    try {
      slot.jobId = await ready;
    } catch (e) {
      this.slot = null;
      slot.markDone();
      throw e;
    }
    return slot.jobId;
  }

  stop(jobId: string, reason?: string): boolean {
    if (!this.slot || this.slot.jobId !== jobId || !this.slot.running) return false;
    this.post(this.slot, { type: 'stop', reason });
    return true;
  }

  /** Pause, resume or step the running job `jobId`; false when it is not the one running. */
  control(jobId: string, what: 'pause' | 'resume' | 'step'): boolean {
    if (!this.slot || this.slot.jobId !== jobId || !this.slot.running || this.slot.ended) return false;
    this.post(this.slot, { type: what } as ToWorker);
    return true;
  }

  async evaluate(jobId: string, split: 'test' | 'train'): Promise<Evaluation> {
    const slot = await this.slotFor(jobId);
    return this.request(slot, (requestId) => ({ type: 'evaluate', requestId, split }));
  }

  /** Writes the job's model (or, without a job, the freshly initialised network) as TensorFlow.js files. */
  async exportTfjs(jobId: string | undefined, project: Project, dir: string): Promise<WorkerReply<'exportTfjs'>> {
    return this.exportThrough(jobId, project, (requestId) => ({ type: 'exportTfjs', requestId, dir }));
  }

  /** Writes the job's model (or, without a job, the freshly initialised network) as one .onnx
   *  file and checks its predictions against TensorFlow.js's. */
  async exportOnnx(jobId: string | undefined, project: Project, file: string): Promise<WorkerReply<'exportOnnx'>> {
    return this.exportThrough(jobId, project, (requestId) => ({ type: 'exportOnnx', requestId, file }));
  }

  /** The job's model (or the untrained network) as a PyTorch folder, checked by python3. */
  async exportPytorch(jobId: string | undefined, project: Project, dir: string): Promise<WorkerReply<'exportPytorch'>> {
    return this.exportThrough(jobId, project, (requestId) => ({ type: 'exportPytorch', requestId, dir }));
  }

  /** An export asked of the job's worker, or, without a job, of a worker that only builds the
   *  network (holding a job place while it lives, and ended afterwards). */
  private async exportThrough<T extends 'exportTfjs' | 'exportOnnx' | 'exportPytorch'>(
    jobId: string | undefined,
    project: Project,
    make: (requestId: number) => WorkerRequest<T>,
  ): Promise<WorkerReply<T>> {
    if (jobId) return this.request(await this.slotFor(jobId), make);
    const release = this.pool.acquireJob(`exporting ${project.name}`);
    const { slot, ready } = this.spawn({ type: 'build', project }, false);
    try {
      await ready;
      return await this.request(slot, make);
    } finally {
      release();
      await slot.worker.terminate();
    }
  }

  /** Loads a recorded run's model in a worker of its own, asks it one thing, and ends it: an
   *  old run (of this session or an earlier one) is evaluated and exported from its files. */
  private async withRun<K extends WorkerRequestType>(runsDir: string, runId: string, dataset: DatasetRef | undefined, make: (requestId: number) => WorkerRequest<K>): Promise<WorkerReply<K>> {
    const release = this.pool.acquireJob(`loading run ${runId}`);
    const { slot, ready } = this.spawn({ type: 'loadRun', runsDir, runId, ...(dataset ? { dataset } : {}) }, false);
    try {
      await ready;
      return await this.request(slot, make);
    } finally {
      release();
      await slot.worker.terminate();
    }
  }

  /** Evaluates a recorded run's saved model on a split of its dataset (`dataset`: resolved by the host). */
  evaluateRun(runsDir: string, runId: string, split: 'test' | 'train', dataset?: DatasetRef): Promise<Evaluation> {
    return this.withRun(runsDir, runId, dataset, (requestId) => ({ type: 'evaluate', requestId, split }));
  }

  /** Writes a recorded run's saved model as TensorFlow.js files, checked on its dataset (`dataset`: resolved by the host). */
  exportRunTfjs(runsDir: string, runId: string, dir: string, dataset?: DatasetRef): Promise<WorkerReply<'exportTfjs'>> {
    return this.withRun(runsDir, runId, dataset, (requestId) => ({ type: 'exportTfjs', requestId, dir }));
  }

  /** Writes a recorded run's saved model as a PyTorch folder, checked on its dataset. */
  exportRunPytorch(runsDir: string, runId: string, dir: string, dataset?: DatasetRef): Promise<WorkerReply<'exportPytorch'>> {
    return this.withRun(runsDir, runId, dataset, (requestId) => ({ type: 'exportPytorch', requestId, dir }));
  }

  /** Writes the Keras script of a recorded run with its weights beside it. */
  exportRunKeras(runsDir: string, runId: string, file: string, dataset?: DatasetRef): Promise<WorkerReply<'exportKeras'>> {
    return this.withRun(runsDir, runId, dataset, (requestId) => ({ type: 'exportKeras', requestId, file }));
  }

  /** Writes a recorded run's saved model as .onnx, checked on its dataset (`dataset`: resolved by the host). */
  exportRunOnnx(runsDir: string, runId: string, file: string, dataset?: DatasetRef): Promise<WorkerReply<'exportOnnx'>> {
    return this.withRun(runsDir, runId, dataset, (requestId) => ({ type: 'exportOnnx', requestId, file }));
  }

  /** One inspect view of a recorded run (`dataset`: resolved by the host), answered by the
   *  session's inspect worker, which loads the run once and keeps it while it is asked. */
  async inspectRun(runsDir: string, runId: string, dataset: DatasetRef | undefined, inspect: WorkerRequest<'inspect'>['inspect']): Promise<WorkerReply<'inspect'>> {
    if (this.disposed) throw new ApiError('unavailable', 'this session is closing');
    const key = JSON.stringify([runsDir, runId, dataset ?? null]);
    let ins = this.inspector;
    if (ins && ins.key !== key) {
      this.endInspector();
      ins = null;
    }
    if (!ins) {
      const { slot, ready } = this.spawn({ type: 'loadRun', runsDir, runId, ...(dataset ? { dataset } : {}) }, false);
      ins = this.inspector = { key, slot, ready, idle: null };
      // A worker that dies is forgotten, so the next question starts a fresh one.
      void slot.done.then(() => {
        if (this.inspector?.slot === slot) this.inspector = null;
      });
    }
    if (ins.idle) clearTimeout(ins.idle);
    ins.idle = null;
    const current = ins;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await current.ready.catch((e: Error) => {
        // A run that does not load: the next question starts afresh.
        if (this.inspector === current) this.endInspector();
        throw e;
      });
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ApiError('timeout', `the ${inspect.view} view of run ${runId} took over ${INSPECT_TIMEOUT_MS / 1000} s; it was stopped`)), INSPECT_TIMEOUT_MS);
      });
      return await Promise.race([this.request(current.slot, (requestId) => ({ type: 'inspect', requestId, inspect })), timeout]);
    } catch (e) {
      // A view past its time: the worker goes with it (a view's own error leaves it loaded).
      if (e instanceof ApiError && e.code === 'timeout' && this.inspector === current) this.endInspector();
      throw e;
    } finally {
      clearTimeout(timer);
      if (this.inspector === current) {
        current.idle = setTimeout(() => this.endInspector(), INSPECT_IDLE_MS);
        current.idle.unref?.();
      }
    }
  }

  private endInspector(): void {
    const ins = this.inspector;
    this.inspector = null;
    if (!ins) return;
    if (ins.idle) clearTimeout(ins.idle);
    for (const r of ins.slot.replies.values()) r.reject(new ApiError('unavailable', 'the inspect worker was ended (another run was asked for, or the session closed)'));
    ins.slot.replies.clear();
    ins.slot.markDone();
    void ins.slot.worker.terminate();
  }

  /** Asks the host's utility worker (queued, time-limited); TensorFlow.js and the datasets
   *  load there, not in the host. `what` words the request for its errors. */
  ask<K extends WorkerRequestType>(make: (requestId: number) => WorkerRequest<K>, what = 'a question to the helper worker'): Promise<WorkerReply<K>> {
    return this.pool.ask(this, what, make);
  }

  /** The host's backends (asked once per host). */
  backends(): Promise<WorkerReply<'backends'>> {
    return this.pool.backends();
  }

  /** Ends the job's worker and drops this trainer's queued questions. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.log = null;
    this.pool.cancel(this);
    this.endInspector();
    await this.disposeSlot();
    if (this.ownPool) await this.pool.dispose();
  }

  private async slotFor(jobId: string): Promise<Slot> {
    const slot = this.slot;
    if (!slot || slot.jobId !== jobId) throw new ApiError('not-found', `no training job '${jobId}' (only the latest job keeps its model)`);
    // Its last event came and the worker is a moment from saying so: wait for that.
    if (slot.running && slot.ended) await slot.done;
    if (this.slot !== slot) throw new ApiError('not-found', `no training job '${jobId}' (only the latest job keeps its model)`);
    if (slot.running) throw new ApiError('busy', `training job ${jobId} is still running`);
    if (!slot.hasModel) throw new ApiError('not-found', `training job ${jobId} ended without a model`);
    return slot;
  }

  private spawn(first: AnyWorkerCommand, isTraining: boolean): { slot: Slot; ready: Promise<string> } {
    const worker = isTraining ? this.pool.jobWorker() : startWorker(this.pool.spec);
    let markDone = () => {};
    const done = new Promise<void>((resolve) => (markDone = resolve));
    const slot: Slot = { worker, jobId: '', running: isTraining, ended: false, done, markDone: () => markDone(), hasModel: !isTraining, runId: null, replies: new Map() };
    let settle: { resolve(id: string): void; reject(e: Error): void } | null = null;
    const ready = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
    // A build's start may fail before anyone awaits it; the failure reaches its awaiter.
    ready.catch(() => undefined);
    // Events that race ahead of the start response wait one turn, so the renderer always
    // learns the job id before it sees the job's first event.
    let held: (() => void)[] | null = [];

    worker.on('message', (message) => {
      let msg: FromWorker;
      try {
        msg = parseFromWorker(message);
      } catch (e) {
        // A message that breaks the protocol is dropped, as the renderer drops an event that
        // breaks the contract; a reply among them fails its request with what was wrong.
        const id = (message as { type?: unknown; requestId?: unknown } | null)?.requestId;
        const r = typeof id === 'number' ? slot.replies.get(id) : undefined;
        if (r) {
          slot.replies.delete(id as number);
          r.reject(e as Error);
        } else console.error((e as Error).message);
        return;
      }
      switch (msg.type) {
        case 'ready':
          settle?.resolve(msg.jobId);
          settle = null;
          setTimeout(() => {
            for (const f of held ?? []) f();
            held = null;
          }, 0);
          break;
        case 'startFailed':
          settle?.reject(new ApiError('failed', msg.message));
          settle = null;
          slot.running = false;
          markDone();
          void worker.terminate();
          break;
        case 'event': {
          const e = msg.event;
          if (held) held.push(() => this.emit(slot, e));
          else this.emit(slot, e);
          break;
        }
        case 'view':
        case 'control': {
          const m = msg;
          if (held) held.push(() => this.emitLive(slot, m));
          else this.emitLive(slot, m);
          break;
        }
        case 'run':
          slot.runId = msg.runId;
          // After 'ready' (the job's id is known by then).
          void ready.then(() => this.opts.onJob?.({ type: 'run', jobId: slot.jobId, runId: msg.runId }), () => undefined);
          break;
        case 'done':
          slot.running = false;
          slot.hasModel = msg.hasModel;
          markDone();
          if (isTraining) this.opts.onJob?.({ type: 'done', jobId: slot.jobId, runId: slot.runId, status: msg.status, ...(msg.recordError ? { recordError: msg.recordError } : {}) });
          break;
        case 'reply': {
          const r = slot.replies.get(msg.requestId);
          if (!r) break;
          slot.replies.delete(msg.requestId);
          if (!msg.ok) r.reject(new ApiError('failed', msg.message));
          else {
            try {
              r.resolve(parseReply(r.type, msg.value));
            } catch (e) {
              r.reject(e as Error);
            }
          }
          break;
        }
      }
    });
    const crashed = (why: string) => {
      settle?.reject(new ApiError('failed', why));
      settle = null;
      const wasTraining = isTraining && slot.running && slot.jobId !== '';
      if (slot.running && slot.jobId) this.emit(slot, { event: 'failed', jobId: slot.jobId, message: why });
      slot.running = false;
      slot.hasModel = false;
      markDone();
      if (wasTraining) this.opts.onJob?.({ type: 'done', jobId: slot.jobId, runId: slot.runId, status: 'failed' });
      for (const r of slot.replies.values()) r.reject(new ApiError('failed', why));
      slot.replies.clear();
    };
    worker.on('error', (e) => crashed(`the training worker crashed: ${e.message}`));
    worker.on('exit', (code) => {
      if (slot.running || settle || slot.replies.size) crashed(`the training worker exited (code ${code})`);
    });
    worker.postMessage(first);
    return { slot, ready };
  }

  /** Passes a job's event on, and keeps it while the job is the latest. */
  private emit(slot: Slot, e: TrainingEvent): void {
    if (e.event === 'finished' || e.event === 'stopped' || e.event === 'failed') slot.ended = true;
    if (slot === this.slot) this.log?.add(e);
    this.opts.emit(e);
  }

  /** Passes a job's live view or pause state on, and keeps the latest while the job is. */
  private emitLive(slot: Slot, m: Extract<FromWorker, { type: 'view' | 'control' }>): void {
    if (!slot.jobId) return;
    if (m.type === 'view') {
      const { type: _t, ...v } = m;
      if (slot === this.slot) this.live.view = v;
      this.opts.emitLive?.({ event: 'training.view', payload: { jobId: slot.jobId, ...v } });
    } else {
      const { type: _t, ...c } = m;
      if (slot === this.slot) this.live.control = c;
      this.opts.emitLive?.({ event: 'training.control', payload: { jobId: slot.jobId, ...c } });
    }
  }

  private post(slot: Slot, msg: ToWorker | AnyRequestHead): void {
    slot.worker.postMessage(msg);
  }

  private request<K extends WorkerRequestType>(slot: Slot, make: (requestId: number) => WorkerRequest<K>): Promise<WorkerReply<K>> {
    const requestId = this.nextRequest++;
    const m = make(requestId);
    return new Promise((resolve, reject) => {
      // Resolved only with a value parseReply checked against K's reply schema.
      slot.replies.set(requestId, { type: m.type, resolve: resolve as (v: unknown) => void, reject });
      this.post(slot, m);
    });
  }

  private async disposeSlot(): Promise<void> {
    const slot = this.slot;
    this.slot = null;
    if (!slot) return;
    slot.running = false;
    slot.markDone();
    slot.replies.clear();
    await slot.worker.terminate();
  }
}
