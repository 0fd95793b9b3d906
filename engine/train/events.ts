// The typed stream a training job emits. The CLI prints these as JSON lines; the app
// streams them over IPC to the dashboard. The schema below is the stream's one definition:
// the types are inferred from it, and whoever receives an event across a process boundary
// (the renderer, electron/contract.ts) validates it with it. Keys an event does not declare
// are dropped on the way, not refused, as before.
import { z } from 'zod';

export const metricsSchema = z.record(z.string(), z.number());
export type Metrics = z.output<typeof metricsSchema>;

/** What a job is doing before its first batch (loading the data, starting the backend,
 *  building the model), so a wait is never silent. Not part of a run's record. */
export const phaseEventSchema = z.object({
  event: z.literal('phase'),
  jobId: z.string(),
  phase: z.enum(['dataset', 'backend', 'model']),
  /** In words, for the dashboard: "Loading dataset 'mnist'…". */
  message: z.string(),
  /** Progress within the phase, when it is known: the dataset's images, rows or files read
   *  so far, of how many (sent at a bounded rate, the last always). */
  progress: z.object({ done: z.number(), total: z.number(), unit: z.enum(['images', 'rows', 'files']) }).optional(),
});

export const startedEventSchema = z.object({
  event: z.literal('started'),
  jobId: z.string(),
  backend: z.string(),
  epochs: z.number(),
  batchesPerEpoch: z.number(),
  trainCount: z.number(),
  validationCount: z.number(),
  totalParams: z.number(),
});

export const batchEventSchema = z.object({
  event: z.literal('batch'),
  jobId: z.string(),
  /** 1-based. */
  epoch: z.number(),
  /** 1-based within the epoch. */
  batch: z.number(),
  /** Batches done since the start of training. */
  step: z.number(),
  /** loss, accuracy, … */
  metrics: metricsSchema,
  imagesPerSec: z.number(),
});

export const epochEventSchema = z.object({
  event: z.literal('epoch'),
  jobId: z.string(),
  /** 1-based. */
  epoch: z.number(),
  /** Training metrics (loss, accuracy, …) and validation metrics prefixed val_. */
  metrics: metricsSchema,
  learningRate: z.number(),
  seconds: z.number(),
  imagesPerSec: z.number(),
});

export const testMetricsSchema = z.object({ loss: z.number(), accuracy: z.number().optional() }).catchall(z.number().optional());
export type TestMetrics = z.output<typeof testMetricsSchema>;

export const finishedEventSchema = z.object({
  event: z.literal('finished'),
  jobId: z.string(),
  epochs: z.number(),
  seconds: z.number(),
  /** Set when early stopping ended the run before the configured epochs. */
  stoppedEarly: z.object({ epoch: z.number(), bestEpoch: z.number(), monitor: z.string() }).optional(),
  test: testMetricsSchema.optional(),
});

export const stoppedEventSchema = z.object({
  event: z.literal('stopped'),
  jobId: z.string(),
  /** Epochs completed before the stop (0 when stopped during the first). */
  epoch: z.number(),
  reason: z.string(),
});

export const failedEventSchema = z.object({
  event: z.literal('failed'),
  jobId: z.string(),
  /** What went wrong and what to try, in words for the user. */
  message: z.string(),
  epoch: z.number().optional(),
  batch: z.number().optional(),
});

/** Something the user should know while the run goes on: it trains, but likely not as
 *  meant (a batch reduced to the data's size, a loss stuck at a far too high learning rate). */
export const warningEventSchema = z.object({
  event: z.literal('warning'),
  jobId: z.string(),
  /** Which warning, for tests and for showing each kind once. */
  code: z.enum(['batch-size', 'loss-stuck', 'views-off']),
  /** In words for the user, with what to try. */
  message: z.string(),
  /** The epoch it was noticed in; absent for warnings from before the first epoch. */
  epoch: z.number().optional(),
});

/** A training that starts from another run's weights (transfer learning): which nodes took
 *  them and which start fresh, and why (./init-from.ts), before the first batch. */
export const initEventSchema = z.object({
  event: z.literal('init'),
  jobId: z.string(),
  /** Where the weights come from, in words ("run 0mifx3k2a-4q9zt1 ('digits')"). */
  from: z.string(),
  /** The run they come from, when it is a run of this project's (the app's Start from). */
  sourceRunId: z.string().optional(),
  loaded: z.array(z.object({ id: z.string(), values: z.number() })),
  fresh: z.array(z.object({ id: z.string(), reason: z.string() })),
});

export const trainingEventSchema = z.discriminatedUnion('event', [
  phaseEventSchema,
  initEventSchema,
  startedEventSchema,
  batchEventSchema,
  epochEventSchema,
  warningEventSchema,
  finishedEventSchema,
  stoppedEventSchema,
  failedEventSchema,
]);

export type PhaseEvent = z.output<typeof phaseEventSchema>;
export type StartedEvent = z.output<typeof startedEventSchema>;
export type BatchEvent = z.output<typeof batchEventSchema>;
export type EpochEvent = z.output<typeof epochEventSchema>;
export type FinishedEvent = z.output<typeof finishedEventSchema>;
export type StoppedEvent = z.output<typeof stoppedEventSchema>;
export type FailedEvent = z.output<typeof failedEventSchema>;
export type WarningEvent = z.output<typeof warningEventSchema>;
export type InitEvent = z.output<typeof initEventSchema>;
export type TrainingEvent = z.output<typeof trainingEventSchema>;
