// Zod schemas for the engine's answers as they cross a process boundary. The documents
// themselves have one schema each, in the engine: the project (engine/project/schema.ts,
// strict, with its size and depth limits) and the training events (engine/train/events.ts);
// they are re-exported here. The deep checks (layer params, graph) stay with the engine
// (parseProject, check). Pure: imports neither Electron nor Node.
import { z } from 'zod';
import { trainingPlaceSchema, viewWireSchema } from '../engine/views/wire-schema.js';
import { projectSchema } from '../engine/project/schema.js';
import { trainingEventSchema } from '../engine/train/events.js';

export { projectSchema, trainingEventSchema };

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
  /** The job's latest live view and pause state, when it sent any. */
  view: z.object({ view: viewWireSchema, ...trainingPlaceSchema.shape }).optional(),
  control: z.object({ paused: z.boolean(), ...trainingPlaceSchema.shape }).optional(),
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
