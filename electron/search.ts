// A hyper-parameter search started from the app: engine/runs/search-runner.ts plans and runs
// the trials (the same loop as `layerlab search`); here each trial is one training worker of
// the host's pool that records a run of the open document (with `search: {id, params}`), so
// the runs panel lists the trials like any training. Each trial holds one of the pool's job
// places while it trains (the host's cap across sessions counts it), waiting for a place when
// all are taken. stop() ends the running trials (each records itself as stopped) and starts
// no more.
import type { DatasetRef, Project } from '../engine/project/types.js';
import { readRun } from '../engine/runs/store.js';
import { defaultParallel, planSearch, runSearch, type SearchInput, type SearchPlan, type SearchResult, type TrialOutcome, type TrialRequest } from '../engine/runs/search-runner.js';
import { metricDirection, type Trial, type TrialParams } from '../engine/runs/search.js';
import { newRunId } from '../engine/runs/store.js';
import { ApiError } from './contract.js';
import type { TrialWire } from './search-contract.js';
import type { JobWorker } from './job-process.js';
import type { WorkerPool } from './worker-pool.js';
import { parseFromWorker, type FromWorker, type ToWorker } from './worker-protocol.js';

export type { TrialWire };

export type SearchEvent =
  | { searchId: string; type: 'trial-started'; index: number; params: TrialParams; runId: string | null }
  | { searchId: string; type: 'progress'; index: number; epoch: number; epochs: number; metrics: Record<string, number> }
  | { searchId: string; type: 'trial'; trial: TrialWire }
  | { searchId: string; type: 'done'; status: 'finished' | 'stopped' | 'failed'; trials: TrialWire[]; best: TrialWire | null; message?: string };

export interface SearchJobOptions {
  pool: WorkerPool;
  /** The project as the document names it (recorded in each run). */
  project: Project;
  /** Its dataset as the host resolved it (what the workers load). */
  dataset: DatasetRef;
  /** Where the trials' runs are recorded. */
  runsDir: string;
  input: SearchInput;
  /** Trials at a time; default defaultParallel() within the pool's job cap. */
  parallel?: number;
  backend?: string;
  emit(e: SearchEvent): void;
  /** A trial's run was created, and when it ended (for runs.changed). */
  onRun?(runId: string, phase: 'started' | 'ended'): void;
  /** How long a trial waits before asking again for a job place. */
  retryMs?: number;
}

const wire = (t: Trial & { index: number }): TrialWire => ({
  index: t.index,
  runId: t.runId,
  params: t.params,
  metric: t.metric,
  ...(t.error ? { error: t.error } : {}),
  ...(t.rung === undefined ? {} : { rung: t.rung, epochs: t.epochs }),
});

export class SearchJob {
  readonly id = newRunId();
  readonly plan: SearchPlan;
  readonly parallel: number;
  private stopping = false;
  private readonly workers = new Set<JobWorker>();
  private finished: Promise<SearchResult | null> | null = null;
  private active = false;

  /** Plans the search; throws ApiError('invalid') naming a bad path, value or metric. */
  constructor(private readonly opts: SearchJobOptions) {
    try {
      this.plan = planSearch(opts.project, opts.input);
    } catch (e) {
      throw new ApiError('invalid', (e as Error).message);
    }
    if (!this.plan.jobs.length) throw new ApiError('invalid', `no trial can train: ${this.plan.skipped.map((t) => t.error).join('; ')}`);
    const cap = opts.pool.limits.maxJobs;
    this.parallel = Math.max(1, Math.min(opts.parallel ?? defaultParallel(this.plan.jobs.length, cap), cap, this.plan.jobs.length));
  }

  get running(): boolean {
    return this.active;
  }

  get direction(): 'min' | 'max' {
    return metricDirection(this.plan.metric);
  }

  /** Starts the trials; the promise settles with the result when the search ends (null if it failed). */
  start(): Promise<SearchResult | null> {
    if (this.finished) return this.finished;
    this.active = true;
    this.finished = runSearch(this.plan, {
      id: this.id,
      parallel: this.parallel,
      stopped: () => this.stopping,
      readRun: (runId) => readRun({ runsDir: this.opts.runsDir }, runId),
      runTrial: (req) => this.runTrial(req),
      onTrial: (trial, { index }) => this.opts.emit({ searchId: this.id, type: 'trial', trial: wire({ ...trial, index }) }),
    }).then(
      (r) => {
        this.active = false;
        this.opts.emit({ searchId: this.id, type: 'done', status: this.stopping ? 'stopped' : 'finished', trials: r.trials.map(wire), best: r.best ? wire(r.best) : null });
        this.opts.pool.prewarm();
        return r;
      },
      (e: Error) => {
        this.active = false;
        this.opts.emit({ searchId: this.id, type: 'done', status: 'failed', trials: [], best: null, message: e.message });
        return null;
      },
    );
    return this.finished;
  }

  /** Ends the running trials (they record themselves as stopped) and starts no more. */
  stop(reason = 'the search was stopped'): boolean {
    if (!this.active) return false;
    this.stopping = true;
    for (const w of this.workers) w.postMessage({ type: 'stop', reason } satisfies ToWorker);
    return true;
  }

  /** Stops and waits for the trials' workers to end (a session closing). */
  async dispose(): Promise<void> {
    this.stop('the session ended');
    await this.finished;
  }

  /** Waits for one of the host's job places; null when the search is stopped meanwhile. */
  private async place(what: string): Promise<(() => void) | null> {
    for (;;) {
      if (this.stopping) return null;
      try {
        return this.opts.pool.acquireJob(what);
      } catch (e) {
        if (!(e instanceof ApiError) || e.code !== 'busy') throw e;
      }
      await new Promise((r) => setTimeout(r, this.opts.retryMs ?? 250));
    }
  }

  /** One trial in a training worker that records its run; resolves when the worker is done. */
  private async runTrial(req: TrialRequest): Promise<TrialOutcome> {
    const release = await this.place(`search trial ${req.index + 1} of ${this.opts.project.name}`);
    if (!release) return { runId: null, status: 'stopped', message: 'the search was stopped before it started' };
    const worker = this.opts.pool.jobWorker();
    this.workers.add(worker);
    const outcome = await new Promise<TrialOutcome>((resolve) => {
      let runId: string | null = null;
      let status = 'failed';
      let message: string | undefined;
      let settled = false;
      const end = () => {
        if (settled) return;
        settled = true;
        if (runId) this.opts.onRun?.(runId, 'ended');
        resolve({ runId, status, ...(message ? { message } : {}) });
      };
      worker.on('message', (m) => {
        let msg: FromWorker;
        try {
          msg = parseFromWorker(m);
        } catch (e) {
          // As the trainer does: a message that breaks the protocol is dropped, and said.
          console.error((e as Error).message);
          return;
        }
        if (msg.type === 'run') {
          runId = msg.runId;
          this.opts.onRun?.(runId, 'started');
          this.opts.emit({ searchId: this.id, type: 'trial-started', index: req.index, params: req.params, runId });
        } else if (msg.type === 'startFailed') {
          message = msg.message;
          end();
        } else if (msg.type === 'event') {
          const e = msg.event;
          if (e.event === 'epoch') this.opts.emit({ searchId: this.id, type: 'progress', index: req.index, epoch: e.epoch, epochs: req.epochs, metrics: e.metrics as Record<string, number> });
          else if (e.event === 'finished') status = 'finished';
          else if (e.event === 'stopped') (status = 'stopped'), (message = e.reason);
          else if (e.event === 'failed') message = e.message;
        } else if (msg.type === 'done') {
          status = msg.status;
          if (msg.recordError) message = `its run could not be written: ${msg.recordError}`;
          end();
        }
      });
      worker.on('error', (e) => {
        message = `the training worker crashed: ${e.message}`;
        end();
      });
      worker.on('exit', (code) => {
        message ??= `the training worker exited (code ${code})`;
        end();
      });
      // A stop that came while this trial waited for its worker.
      const train: ToWorker = {
        type: 'train',
        project: { ...req.project, dataset: this.opts.dataset },
        ...(this.opts.backend ? { backend: this.opts.backend } : {}),
        record: { runsDir: this.opts.runsDir, project: req.project, search: req.tag },
      };
      worker.postMessage(train);
      if (this.stopping) worker.postMessage({ type: 'stop', reason: 'the search was stopped' } satisfies ToWorker);
    });
    this.workers.delete(worker);
    release();
    await worker.terminate();
    return outcome;
  }
}
