// The host side of training: one worker thread per job, so nothing TensorFlow.js does runs
// on the thread that serves the window. A finished job's worker stays alive holding the
// model (for evaluate and export) until the next job replaces it or the session ends.
import { Worker } from 'node:worker_threads';
import type { Project } from '../engine/project/types.js';
import type { TrainingEvent } from '../engine/train/events.js';
import { ApiError } from './contract.js';
import type { Evaluation } from './schemas.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

/** How to start a training worker: the bundled .js in Electron, or the .ts entry through tsx. */
export interface WorkerSpec {
  url: URL | string;
  workerData?: unknown;
}

/** The TypeScript worker, run through tsx (browser mode and tests). */
export function tsxWorker(): WorkerSpec {
  return {
    url: new URL('./worker-boot.mjs', import.meta.url),
    workerData: { entry: new URL('./training-worker.ts', import.meta.url).href },
  };
}

export interface TrainerOptions {
  worker: WorkerSpec;
  emit(event: TrainingEvent): void;
}

interface Slot {
  worker: Worker;
  jobId: string;
  running: boolean;
  hasModel: boolean;
  replies: Map<number, { resolve(v: unknown): void; reject(e: Error): void }>;
}

export class Trainer {
  private slot: Slot | null = null;
  /** A worker for short questions (backends, dataset shapes), spawned on first use. */
  private util: Slot | null = null;
  private nextRequest = 1;

  constructor(private readonly opts: TrainerOptions) {}

  get activeJobId(): string | null {
    return this.slot?.running ? this.slot.jobId : null;
  }

  /** Starts a job; resolves with its id once the dataset has loaded and training began. */
  async start(project: Project, opts: { backend?: string; batchEvery?: number } = {}): Promise<string> {
    if (this.slot?.running) throw new ApiError('busy', `training job ${this.slot.jobId} is still running; stop it first`);
    await this.disposeSlot();
    const { slot, ready } = this.spawn({ type: 'train', project, backend: opts.backend, batchEvery: opts.batchEvery }, true);
    this.slot = slot;
    try {
      slot.jobId = await ready;
    } catch (e) {
      this.slot = null;
      throw e;
    }
    return slot.jobId;
  }

  stop(jobId: string, reason?: string): boolean {
    if (!this.slot || this.slot.jobId !== jobId || !this.slot.running) return false;
    this.post(this.slot, { type: 'stop', reason });
    return true;
  }

  evaluate(jobId: string, split: 'test' | 'train'): Promise<Evaluation> {
    const slot = this.slotFor(jobId);
    return this.request(slot, (requestId) => ({ type: 'evaluate', requestId, split })) as Promise<Evaluation>;
  }

  /** Writes the job's model (or, without a job, the freshly initialised network) as TensorFlow.js files. */
  async exportTfjs(jobId: string | undefined, project: Project, dir: string): Promise<string[]> {
    if (jobId) return this.request(this.slotFor(jobId), (requestId) => ({ type: 'exportTfjs', requestId, dir })) as Promise<string[]>;
    const { slot, ready } = this.spawn({ type: 'build', project }, false);
    try {
      await ready;
      return (await this.request(slot, (requestId) => ({ type: 'exportTfjs', requestId, dir }))) as string[];
    } finally {
      await slot.worker.terminate();
    }
  }

  /** Asks the utility worker; TensorFlow.js and the datasets load there, not in the host. */
  ask(make: (requestId: number) => ToWorker): Promise<unknown> {
    if (!this.util) {
      const { slot } = this.spawn(null, false);
      slot.hasModel = false;
      slot.worker.unref();
      this.util = slot;
      slot.worker.on('exit', () => {
        if (this.util === slot) this.util = null;
      });
    }
    return this.request(this.util, make);
  }

  async dispose(): Promise<void> {
    const util = this.util;
    this.util = null;
    await util?.worker.terminate();
    await this.disposeSlot();
  }

  private slotFor(jobId: string): Slot {
    const slot = this.slot;
    if (!slot || slot.jobId !== jobId) throw new ApiError('not-found', `no training job '${jobId}' (only the latest job keeps its model)`);
    if (slot.running) throw new ApiError('busy', `training job ${jobId} is still running`);
    if (!slot.hasModel) throw new ApiError('not-found', `training job ${jobId} ended without a model`);
    return slot;
  }

  private spawn(first: ToWorker | null, isTraining: boolean): { slot: Slot; ready: Promise<string> } {
    const worker = new Worker(this.opts.worker.url, { workerData: this.opts.worker.workerData });
    const slot: Slot = { worker, jobId: '', running: isTraining, hasModel: !isTraining, replies: new Map() };
    let settle: { resolve(id: string): void; reject(e: Error): void } | null = null;
    const ready = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
    // Nobody awaits the utility worker's start; its failures reach the requests instead.
    ready.catch(() => undefined);
    // Events that race ahead of the start response wait one turn, so the renderer always
    // learns the job id before it sees the job's first event.
    let held: TrainingEvent[] | null = [];

    worker.on('message', (msg: FromWorker) => {
      switch (msg.type) {
        case 'ready':
          settle?.resolve(msg.jobId);
          settle = null;
          setTimeout(() => {
            for (const e of held ?? []) this.opts.emit(e);
            held = null;
          }, 0);
          break;
        case 'startFailed':
          settle?.reject(new ApiError('failed', msg.message));
          settle = null;
          slot.running = false;
          void worker.terminate();
          break;
        case 'event':
          if (held) held.push(msg.event);
          else this.opts.emit(msg.event);
          break;
        case 'done':
          slot.running = false;
          slot.hasModel = msg.hasModel;
          break;
        case 'reply': {
          const r = slot.replies.get(msg.requestId);
          slot.replies.delete(msg.requestId);
          if (msg.ok) r?.resolve(msg.value);
          else r?.reject(new ApiError('failed', msg.message));
          break;
        }
      }
    });
    const crashed = (why: string) => {
      settle?.reject(new ApiError('failed', why));
      settle = null;
      if (slot.running && slot.jobId) this.opts.emit({ event: 'failed', jobId: slot.jobId, message: why });
      slot.running = false;
      slot.hasModel = false;
      for (const r of slot.replies.values()) r.reject(new ApiError('failed', why));
      slot.replies.clear();
    };
    worker.on('error', (e) => crashed(`the training worker crashed: ${e.message}`));
    worker.on('exit', (code) => {
      if (slot.running || settle || slot.replies.size) crashed(`the training worker exited (code ${code})`);
    });
    if (first) worker.postMessage(first);
    return { slot, ready };
  }

  private post(slot: Slot, msg: ToWorker): void {
    slot.worker.postMessage(msg);
  }

  private request(slot: Slot, make: (requestId: number) => ToWorker): Promise<unknown> {
    const requestId = this.nextRequest++;
    return new Promise((resolve, reject) => {
      slot.replies.set(requestId, { resolve, reject });
      this.post(slot, make(requestId));
    });
  }

  private async disposeSlot(): Promise<void> {
    const slot = this.slot;
    this.slot = null;
    if (!slot) return;
    slot.running = false;
    slot.replies.clear();
    await slot.worker.terminate();
  }
}
