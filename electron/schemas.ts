// Zod schemas for the engine's documents as they cross a process boundary. They check the
// structure at the boundary; the deep checks (layer params, graph) stay with the engine
// (parseProject, check). Pure: imports neither Electron nor Node.
import { z } from 'zod';
import type { Project } from '../engine/project/types.js';
import { LOSSES, METRICS, OPTIMIZERS, PROJECT_FORMAT, PROJECT_VERSION } from '../engine/project/types.js';
import type { TrainingEvent } from '../engine/train/events.js';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const graphNode = z.object({
  id: z.string().min(1),
  kind: z.string().min(1),
  params: z.record(z.string(), z.unknown()),
  position: z.object({ x: finite, y: finite }),
});

const graphEdge = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  target: z.string().min(1),
  targetPort: z.number().int().min(0).optional(),
});

const datasetRef = z.object({
  id: z.string().optional(),
  file: z.string().optional(),
  format: z.enum(['idx', 'csv', 'images']).optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  /** Present only when known without loading the data (see the datasets.info channel). */
  inputShape: z.array(z.number()).optional(),
  targetShape: z.array(z.number()).optional(),
  classNames: z.array(z.string()).optional(),
});

/** The shapes the network must accept and produce for one dataset reference (with its options). */
export const datasetInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  task: z.enum(['classification', 'regression', 'sequence']),
  inputShape: z.array(z.number()),
  targetShape: z.array(z.number()),
  classNames: z.array(z.string()).optional(),
  trainCount: z.number(),
  testCount: z.number(),
});

const optimizer = z.object({
  kind: z.enum(OPTIMIZERS),
  learningRate: z.number().positive(),
  momentum: z.number().optional(),
  nesterov: z.boolean().optional(),
  beta1: z.number().optional(),
  beta2: z.number().optional(),
  epsilon: z.number().optional(),
  rho: z.number().optional(),
});

const earlyStopping = z.object({
  monitor: z.enum(['loss', 'val_loss', 'accuracy', 'val_accuracy']),
  patience: z.number().int().min(0),
  minDelta: z.number().optional(),
  restoreBestWeights: z.boolean().optional(),
});

const lrSchedule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('step'), every: z.number(), factor: z.number() }),
  z.object({ kind: z.literal('exponential'), decayRate: z.number(), decaySteps: z.number() }),
]);

const training = z.object({
  optimizer,
  loss: z.enum(LOSSES),
  metrics: z.array(z.enum(METRICS)),
  epochs: z.number().int().min(1),
  batchSize: z.number().int().min(1),
  validationSplit: z.number().min(0).max(0.99),
  seed: z.number().int().optional(),
  earlyStopping: earlyStopping.nullable().optional(),
  lrSchedule: lrSchedule.nullable().optional(),
});

const projectObject = z.object({
  format: z.literal(PROJECT_FORMAT),
  version: z.literal(PROJECT_VERSION),
  name: z.string(),
  description: z.string().optional(),
  graph: z.object({ nodes: z.array(graphNode), edges: z.array(graphEdge) }),
  dataset: datasetRef,
  training,
});

// Compile-time proof that the schema and the engine's Project type agree both ways.
type Parsed = z.infer<typeof projectObject>;
const _toProject = (p: Parsed): Project => p;
const _fromProject = (p: Project): Parsed => p;
void _toProject;
void _fromProject;

export const projectSchema: z.ZodType<Project> = projectObject;

const metrics = z.record(z.string(), z.number());

export const trainingEventSchema = z.discriminatedUnion('event', [
  z.object({
    event: z.literal('phase'),
    jobId: z.string(),
    phase: z.enum(['dataset', 'backend', 'model']),
    message: z.string(),
    done: z.number().optional(),
    total: z.number().optional(),
  }),
  z.object({
    event: z.literal('started'),
    jobId: z.string(),
    backend: z.string(),
    epochs: z.number(),
    batchesPerEpoch: z.number(),
    trainCount: z.number(),
    validationCount: z.number(),
    totalParams: z.number(),
  }),
  z.object({
    event: z.literal('batch'),
    jobId: z.string(),
    epoch: z.number(),
    batch: z.number(),
    step: z.number(),
    metrics,
    imagesPerSec: z.number(),
  }),
  z.object({
    event: z.literal('epoch'),
    jobId: z.string(),
    epoch: z.number(),
    metrics,
    learningRate: z.number(),
    seconds: z.number(),
    imagesPerSec: z.number(),
  }),
  z.object({
    event: z.literal('finished'),
    jobId: z.string(),
    epochs: z.number(),
    seconds: z.number(),
    stoppedEarly: z.object({ epoch: z.number(), bestEpoch: z.number(), monitor: z.string() }).optional(),
    test: z.object({ loss: z.number(), accuracy: z.number().optional() }).catchall(z.number().optional()).optional(),
  }),
  z.object({
    event: z.literal('warning'),
    jobId: z.string(),
    code: z.enum(['batch-size', 'loss-stuck']),
    message: z.string(),
    epoch: z.number().optional(),
  }),
  z.object({ event: z.literal('stopped'), jobId: z.string(), epoch: z.number(), reason: z.string() }),
  z.object({
    event: z.literal('failed'),
    jobId: z.string(),
    message: z.string(),
    epoch: z.number().optional(),
    batch: z.number().optional(),
  }),
]);
// The event stream's schema must accept every TrainingEvent the engine emits.
const _eventFits = (e: TrainingEvent): z.input<typeof trainingEventSchema> => e;
void _eventFits;

/**
 * The events of a session's current (or last finished) job, kept by the host so a page that
 * comes back (a reload in browser mode) can redraw the run: `started`, `epoch` and the end
 * as they came, `batch` thinned to a few thousand. `atMs` is when the host saw each event,
 * in ms since the job began, and `nowMs` the same clock at the answer, so elapsed times
 * survive the trip.
 */
export const trainingReplaySchema = z.object({
  /** The job the events belong to; null before any job (or while one is still loading its data). */
  jobId: z.string().nullable(),
  running: z.boolean(),
  nowMs: z.number(),
  events: z.array(z.object({ atMs: z.number(), event: trainingEventSchema })),
  /** True when some `batch` (or, for very long runs, `epoch`) events were left out. */
  thinned: z.boolean(),
});
export type TrainingReplay = z.infer<typeof trainingReplaySchema>;

export const evaluationSchema = z.object({
  loss: z.number(),
  accuracy: z.number().optional(),
  confusion: z.array(z.array(z.number())).optional(),
  classNames: z.array(z.string()).optional(),
  perClass: z
    .array(z.object({ name: z.string(), precision: z.number(), recall: z.number(), f1: z.number(), support: z.number() }))
    .optional(),
  macro: z.object({ precision: z.number(), recall: z.number(), f1: z.number() }).optional(),
  mae: z.number().optional(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

/** What the data panel lists (engine/data's DatasetSummary). */
export const datasetSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  source: z.string().optional(),
  task: z.enum(['classification', 'regression', 'sequence']),
  format: z.string().optional(),
  /** False when it cannot be loaded here; `reason` says why (e.g. a Debian package is missing). */
  available: z.boolean(),
  reason: z.string().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});
export type DatasetSummaryWire = z.infer<typeof datasetSummarySchema>;

export const backendEntrySchema = z.object({
  name: z.string(),
  available: z.boolean(),
  reason: z.string().optional(),
  device: z.string().optional(),
});

/** The data panel's look at one dataset (datasets.preview): sizes, shapes, class balance and
 *  a few examples in a form the renderer draws directly. */
export const datasetPreviewSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  source: z.string(),
  task: z.enum(['classification', 'regression', 'sequence']),
  /** How the panel draws the examples. */
  view: z.enum(['images', 'points', 'table', 'sequence']),
  inputShape: z.array(z.number().int()),
  targetShape: z.array(z.number().int()),
  counts: z.object({ train: z.number().int(), test: z.number().int(), validation: z.number().int().optional() }),
  classNames: z.array(z.string()).optional(),
  /** Examples per class over every split (the class balance). */
  classCounts: z.array(z.number().int().min(0)).optional(),
  /** Sample images: pixels 0–255, row-major, `channels` per pixel. */
  images: z
    .array(
      z.object({
        width: z.number().int().min(1),
        height: z.number().int().min(1),
        channels: z.union([z.literal(1), z.literal(3)]),
        pixels: z.array(z.number().int().min(0).max(255)),
        label: z.string(),
      }),
    )
    .optional(),
  /** Table rows (features as the network sees them) with their label or target. */
  table: z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.number())), labels: z.array(z.string()) }).optional(),
  /** 2-D sets: training points [x1, x2, class index or target]; one-feature regression: [x, target, target]. */
  points: z.array(z.tuple([z.number(), z.number(), z.number()])).optional(),
  /** CSV files: each column and what the loader made of it (engine/data's DatasetColumn). */
  columns: z
    .array(
      z.object({
        name: z.string(),
        kind: z.enum(['numeric', 'categorical', 'ignored']),
        label: z.literal(true).optional(),
        chosen: z.literal(true).optional(),
        identifier: z.literal(true).optional(),
        decimal: z.literal(',').optional(),
        categories: z.number().int().min(0).optional(),
      }),
    )
    .optional(),
  /** What loading decided that the user should know (a column left out, and how to keep it). */
  warnings: z.array(z.string()).optional(),
});
export type DatasetPreviewWire = z.infer<typeof datasetPreviewSchema>;
