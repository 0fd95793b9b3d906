// The typed stream a training job emits. The CLI prints these as JSON lines; the app
// streams them over IPC to the dashboard.

export type Metrics = Record<string, number>;

/** What a job is doing before its first batch (loading the data, starting the backend,
 *  building the model), so a wait is never silent. Not part of a run's record. */
export interface PhaseEvent {
  event: 'phase';
  jobId: string;
  phase: 'dataset' | 'backend' | 'model';
  /** In words, for the dashboard: "Loading dataset 'mnist'…". */
  message: string;
  /** Progress within the phase, when it is known (examples read so far, of how many). */
  done?: number;
  total?: number;
}

export interface StartedEvent {
  event: 'started';
  jobId: string;
  backend: string;
  epochs: number;
  batchesPerEpoch: number;
  trainCount: number;
  validationCount: number;
  totalParams: number;
}

export interface BatchEvent {
  event: 'batch';
  jobId: string;
  epoch: number; // 1-based
  batch: number; // 1-based within the epoch
  /** Batches done since the start of training. */
  step: number;
  metrics: Metrics; // loss, accuracy, …
  imagesPerSec: number;
}

export interface EpochEvent {
  event: 'epoch';
  jobId: string;
  epoch: number; // 1-based
  /** Training metrics (loss, accuracy, …) and validation metrics prefixed val_. */
  metrics: Metrics;
  learningRate: number;
  seconds: number;
  imagesPerSec: number;
}

export interface TestMetrics {
  loss: number;
  accuracy?: number;
  [name: string]: number | undefined;
}

export interface FinishedEvent {
  event: 'finished';
  jobId: string;
  epochs: number;
  seconds: number;
  /** Set when early stopping ended the run before the configured epochs. */
  stoppedEarly?: { epoch: number; bestEpoch: number; monitor: string };
  test?: TestMetrics;
}

export interface StoppedEvent {
  event: 'stopped';
  jobId: string;
  /** Epochs completed before the stop (0 when stopped during the first). */
  epoch: number;
  reason: string;
}

export interface FailedEvent {
  event: 'failed';
  jobId: string;
  /** What went wrong and what to try, in words for the user. */
  message: string;
  epoch?: number;
  batch?: number;
}

/** Something the user should know while the run goes on: it trains, but likely not as
 *  meant (a batch reduced to the data's size, a loss stuck at a far too high learning rate). */
export interface WarningEvent {
  event: 'warning';
  jobId: string;
  /** Which warning, for tests and for showing each kind once. */
  code: 'batch-size' | 'loss-stuck';
  /** In words for the user, with what to try. */
  message: string;
  /** The epoch it was noticed in; absent for warnings from before the first epoch. */
  epoch?: number;
}

export type TrainingEvent = PhaseEvent | StartedEvent | BatchEvent | EpochEvent | WarningEvent | FinishedEvent | StoppedEvent | FailedEvent;
