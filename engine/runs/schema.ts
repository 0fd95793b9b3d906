// The run document (`<stem>.runs/<run-id>/run.json`), version 1: a versioned envelope like
// the project file, validated with zod on every read. The types are derived from the schema
// (z.infer), so the schema is the one place the shape is written.
//
// Numbers that JSON cannot hold (NaN, ±Infinity: a precision with no positive prediction, a
// diverged loss) are written as null, so metric values are `number | null`.
import { z } from 'zod';
import { datasetSchema, projectSchema } from '../project/schema.js';

export const RUN_FORMAT = 'layerlab-run';
export const RUN_VERSION = 1;

export const RUN_STATUSES = ['running', 'finished', 'stopped', 'failed'] as const;

const num = z.number().nullable();
export const metricsSchema = z.record(z.string(), num);

export const epochRecordSchema = z.strictObject({
  epoch: z.number().int().min(1),
  /** Training metrics and validation metrics (prefixed val_). */
  metrics: metricsSchema,
  learningRate: num,
  seconds: z.number().min(0),
  examplesPerSec: num,
});

export const batchRecordSchema = z.strictObject({
  epoch: z.number().int().min(1),
  batch: z.number().int().min(1),
  step: z.number().int().min(1),
  metrics: metricsSchema,
});

export const preprocessingSchema = z.strictObject({
  method: z.enum(['none', 'pixels', 'scale', 'meanNorm', 'standardize']),
  offset: z.array(z.number()),
  divisor: z.array(z.number()),
  from: z.string(),
});

export const runDatasetSchema = z.strictObject({
  /** The reference as the project wrote it. */
  ref: datasetSchema,
  id: z.string(),
  name: z.string(),
  task: z.enum(['classification', 'regression', 'sequence']),
  inputShape: z.array(z.number().int()),
  targetShape: z.array(z.number().int()),
  classNames: z.array(z.string()).optional(),
  /** Examples trained on, held out for validation, and in the test split. */
  trainCount: z.number().int().min(0),
  validationCount: z.number().int().min(0),
  testCount: z.number().int().min(0),
  /** Feature scaling with statistics of the training split (engine/data/preprocess.ts). */
  preprocessing: preprocessingSchema.optional(),
});

export const testSchema = z.looseObject({ loss: num, accuracy: num.optional() });

export const evaluationSchema = z.looseObject({
  loss: num,
  accuracy: num.optional(),
  mae: num.optional(),
  confusion: z.array(z.array(z.number())).optional(),
  classNames: z.array(z.string()).optional(),
  perClass: z.array(z.looseObject({ name: z.string() })).optional(),
  macro: z.looseObject({}).optional(),
});

export const runSchema = z.strictObject({
  format: z.literal(RUN_FORMAT),
  version: z.literal(RUN_VERSION),
  /** Sortable: creation time (base-36 milliseconds, fixed width) then random characters. */
  id: z.string().regex(/^[0-9a-z]{9}-[0-9a-z]{6}$/, 'must look like "mbx3k2f0a-4q9zt1"'),
  /** A name the user gives the run; '' when none. */
  label: z.string(),
  createdAt: z.iso.datetime(),
  status: z.enum(RUN_STATUSES),
  /** Why it stopped or failed, in words. */
  message: z.string().optional(),
  /** The project exactly as trained (every override applied): graph, training, dataset.
   *  When the project file gains a version, a run migration must bring this snapshot along. */
  project: projectSchema,
  /** projectHash(project): see ./hash.ts for what it covers. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  dataset: runDatasetSchema,
  /** The training seed, or null when the run drew one at random. */
  seed: z.number().int().nullable(),
  backend: z.strictObject({ name: z.string(), device: z.string() }),
  /** Epochs asked for; `epochs.length` is how many finished. */
  /** 0 for an imported run: it trained elsewhere. */
  plannedEpochs: z.number().int().min(0),
  totalParams: z.number().int().min(0).optional(),
  epochs: z.array(epochRecordSchema),
  /** Batch metrics every `every` batches; thinned (every other point dropped, `every`
   *  doubled) whenever they would pass the store's limit, so a long run stays small. */
  batches: z.strictObject({ every: z.number().int().min(1), points: z.array(batchRecordSchema) }),
  stoppedEarly: z.strictObject({ epoch: z.number().int(), bestEpoch: z.number().int(), monitor: z.string() }).optional(),
  test: testSchema.optional(),
  evaluation: evaluationSchema.optional(),
  timing: z.strictObject({
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().optional(),
    /** Wall-clock seconds of training so far (sum of the epochs' seconds). */
    trainSeconds: z.number().min(0),
    /** From start to the finished event, evaluation included. */
    totalSeconds: z.number().min(0).optional(),
  }),
  /** The saved weights (`model/`, TensorFlow.js layers format): which finished epoch they
   *  hold, and the epoch they come from when early stopping restored the best weights. */
  model: z.strictObject({ epoch: z.number().int().min(0), weightsFrom: z.number().int().min(1).optional() }).nullable(),
  /** A run that holds a model brought in by `layerlab import` (epoch 0: trained elsewhere):
   *  the file it came from and its format. */
  imported: z.strictObject({ from: z.string(), format: z.string(), at: z.iso.datetime() }).optional(),
  /** A training that started from another run's weights: where from (in words, and the run's
   *  id when it is a run; it may be another document's), the nodes that took them and those that started fresh, and why. */
  initFrom: z
    .strictObject({
      from: z.string(),
      runId: z.string().optional(),
      loaded: z.array(z.strictObject({ id: z.string(), values: z.number().int().min(0) })),
      fresh: z.array(z.strictObject({ id: z.string(), reason: z.string() })),
    })
    .optional(),
  /** Set on the trials of a hyper-parameter search. */
  search: z.strictObject({ id: z.string(), params: z.record(z.string(), z.unknown()), rung: z.number().int().min(0).optional() }).optional(),
  /** The process writing a running run, so a reader can tell a live run from a dead one. */
  writer: z.strictObject({ pid: z.number().int(), host: z.string() }).optional(),
});

export type RunDoc = z.infer<typeof runSchema>;
export type RunStatus = RunDoc['status'];
export type EpochRecord = z.infer<typeof epochRecordSchema>;
export type BatchRecord = z.infer<typeof batchRecordSchema>;
export type RunDataset = z.infer<typeof runDatasetSchema>;
export type RunMetrics = z.infer<typeof metricsSchema>;
