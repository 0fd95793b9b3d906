// What the dashboard knows about one training run, folded from the event stream. Series
// grow by appending (a run can send 100,000 batches; copying arrays per event would be
// quadratic), and `version` changes on every event so views know when to redraw.
import type { InitEvent, Metrics, TestMetrics, TrainingEvent } from '../../engine/train/events.js';
import { phaseText, type PhaseView } from './phase.js';

export type RunState = 'idle' | 'running' | 'finished' | 'stopped' | 'failed';

export interface BatchSeries {
  step: number[];
  /** metric name (loss, accuracy, …) → value per step; NaN where a batch lacked it. */
  values: Record<string, number[]>;
}

export interface RunView {
  state: RunState;
  jobId: string | null;
  backend: string | null;
  epochs: number;
  batchesPerEpoch: number;
  trainCount: number;
  epoch: number;
  batch: number;
  step: number;
  imagesPerSec: number;
  startedAt: number | null;
  elapsedSec: number;
  batches: BatchSeries;
  epochRows: { epoch: number; metrics: Metrics }[];
  test: TestMetrics | null;
  message: string | null;
  /** What the run warned about as it went (a batch reduced to the data, a stuck loss), in order. */
  warnings: string[];
  stoppedEarly: { epoch: number; bestEpoch: number; monitor: string } | null;
  /** What the job said it is doing before its first batch (loading the data, …). */
  phase: PhaseView | null;
  /** Started from another run's weights: which nodes took them, which start fresh and why. */
  init: InitView | null;
  version: number;
}

export type InitView = Pick<InitEvent, 'from' | 'loaded' | 'fresh'>;

export function createRun(): RunView {
  return {
    state: 'idle',
    jobId: null,
    backend: null,
    epochs: 0,
    batchesPerEpoch: 0,
    trainCount: 0,
    epoch: 0,
    batch: 0,
    step: 0,
    imagesPerSec: 0,
    startedAt: null,
    elapsedSec: 0,
    batches: { step: [], values: {} },
    epochRows: [],
    test: null,
    message: null,
    warnings: [],
    stoppedEarly: null,
    phase: null,
    init: null,
    version: 0,
  };
}

/** Folds one event into the run (in place) and returns it. Events of another job are ignored. */
export function applyEvent(run: RunView, e: TrainingEvent, nowMs: number): RunView {
  if (e.event !== 'started' && run.jobId !== null && e.jobId !== run.jobId) return run;
  if (run.startedAt !== null) run.elapsedSec = (nowMs - run.startedAt) / 1000;
  switch (e.event) {
    case 'phase':
      // Idle too: a replayed run is folded before it is marked running.
      if ((run.state !== 'running' && run.state !== 'idle') || run.step > 0) return run;
      run.phase = { phase: e.phase, message: e.message, ...(e.progress ? { progress: { ...e.progress } } : {}) };
      break;
    case 'init':
      run.init = { from: e.from, loaded: e.loaded.map((l) => ({ ...l })), fresh: e.fresh.map((f) => ({ ...f })) };
      break;
    case 'started':
      // The init report comes before 'started' (the weights are set as the model is built).
      Object.assign(run, createRun(), {
        init: run.jobId === null || run.jobId === e.jobId ? run.init : null,
        state: 'running',
        jobId: e.jobId,
        backend: e.backend,
        epochs: e.epochs,
        batchesPerEpoch: e.batchesPerEpoch,
        trainCount: e.trainCount,
        startedAt: nowMs,
        version: run.version,
      });
      break;
    case 'batch': {
      run.epoch = e.epoch;
      run.batch = e.batch;
      run.step = e.step;
      run.imagesPerSec = e.imagesPerSec;
      const n = run.batches.step.length;
      run.batches.step.push(e.step);
      for (const [k, v] of Object.entries(e.metrics)) {
        // A metric first seen late is padded so every series stays aligned with `step`.
        const series = (run.batches.values[k] ??= new Array<number>(n).fill(NaN));
        series.push(v);
      }
      for (const series of Object.values(run.batches.values)) if (series.length < n + 1) series.push(NaN);
      break;
    }
    case 'epoch':
      run.epoch = e.epoch;
      run.imagesPerSec = e.imagesPerSec;
      run.epochRows.push({ epoch: e.epoch, metrics: e.metrics });
      break;
    case 'finished':
      run.state = 'finished';
      run.test = e.test ?? null;
      run.stoppedEarly = e.stoppedEarly ?? null;
      run.elapsedSec = e.seconds;
      break;
    case 'warning':
      run.warnings.push(e.message);
      break;
    case 'stopped':
      run.state = 'stopped';
      run.message = e.reason;
      break;
    case 'failed':
      run.state = 'failed';
      run.message = e.message;
      break;
  }
  run.version++;
  return run;
}

/**
 * What a running job is doing before its first batch is drawn, in words: the host starting
 * the training process, then the job's own phases, then its first batches. Null once
 * batches are coming (or when nothing runs).
 */
export function waitingText(run: RunView): string | null {
  if (run.state !== 'running' || run.batches.step.length > 0) return null;
  if (run.startedAt !== null) return `Training the first batches${run.backend ? ` on ${run.backend}` : ''}…`;
  if (run.phase) return phaseText(run.phase);
  return 'Starting the training process (loading TensorFlow.js)…';
}

/** Fraction done, 0..1. */
export function progress(run: RunView): number {
  const total = run.epochs * run.batchesPerEpoch;
  if (run.state === 'finished') return 1;
  return total > 0 ? Math.min(1, run.step / total) : 0;
}

/** Seconds left at the pace so far, or null before there is a pace (or while paused: the pace
 *  then is the user's stepping, not training's). */
export function secondsLeft(run: RunView, paused = false): number | null {
  const total = run.epochs * run.batchesPerEpoch;
  if (paused || run.state !== 'running' || run.step === 0 || run.elapsedSec <= 0 || total === 0) return null;
  return ((total - run.step) * run.elapsedSec) / run.step;
}

export function formatDuration(sec: number | null): string {
  if (sec === null || !Number.isFinite(sec)) return '—';
  const s = Math.max(0, Math.round(sec));
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  if (h > 0) return `${h} h ${String(m % 60).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
}
