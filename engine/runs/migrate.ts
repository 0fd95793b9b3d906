// Ordered, pure, one-step-at-a-time migrations of run.json, as engine/project/migrate.ts
// does for the project file: each step validates the version it reads (so errors in an old
// file name their JSON path) and returns the next version's document.
import { z } from 'zod';
import { projectSchema } from '../project/schema.js';
import { projectHash } from './hash.js';
import { RUN_FORMAT, RUN_VERSION } from './schema.js';

export interface RunMigration {
  /** The version this step reads; it writes `from + 1`. */
  from: number;
  summary: string;
  schema: z.ZodType;
  up(doc: never): unknown;
}

// --- Version 0: the store's first draft layout ---------------------------------------------
// No release wrote it; it is the draft the store grew from, kept so that the migration path is
// exercised from the start. A flat `history` of the training job's epoch events, `startedAt`
// instead of createdAt, one backend string, `name` for the label, no hash, no batch metrics,
// 'done' for a finished run.
const v0Schema = z.looseObject({
  format: z.literal(RUN_FORMAT),
  version: z.literal(0),
  id: z.string(),
  name: z.string().optional(),
  startedAt: z.string(),
  status: z.enum(['running', 'done', 'stopped', 'failed']),
  project: projectSchema,
  dataset: z.looseObject({
    id: z.string(),
    task: z.enum(['classification', 'regression', 'sequence']),
    inputShape: z.array(z.number().int()),
    targetShape: z.array(z.number().int()),
    classNames: z.array(z.string()).optional(),
    trainCount: z.number().int(),
    testCount: z.number().int(),
  }),
  backend: z.string(),
  history: z.array(
    z.looseObject({ epoch: z.number().int(), metrics: z.record(z.string(), z.number().nullable()), learningRate: z.number(), seconds: z.number(), imagesPerSec: z.number() }),
  ),
  test: z.looseObject({ loss: z.number().nullable() }).optional(),
});
type V0 = z.output<typeof v0Schema>;

function v0to1(doc: V0): unknown {
  const d = doc.dataset;
  const trainSeconds = doc.history.reduce((s, e) => s + e.seconds, 0);
  return {
    format: RUN_FORMAT,
    version: 1,
    id: doc.id,
    label: doc.name ?? '',
    createdAt: doc.startedAt,
    status: doc.status === 'done' ? 'finished' : doc.status,
    project: doc.project,
    hash: projectHash(doc.project),
    dataset: {
      ref: doc.project.dataset,
      id: d.id,
      name: d.id,
      task: d.task,
      inputShape: d.inputShape,
      targetShape: d.targetShape,
      ...(d.classNames ? { classNames: d.classNames } : {}),
      trainCount: d.trainCount,
      validationCount: 0,
      testCount: d.testCount,
    },
    seed: doc.project.training.seed ?? null,
    backend: { name: doc.backend, device: 'unknown (recorded before devices were)' },
    plannedEpochs: doc.project.training.epochs,
    epochs: doc.history.map((e) => ({ epoch: e.epoch, metrics: e.metrics, learningRate: e.learningRate, seconds: e.seconds, examplesPerSec: e.imagesPerSec })),
    batches: { every: 1, points: [] },
    ...(doc.test ? { test: doc.test } : {}),
    timing: { startedAt: doc.startedAt, trainSeconds },
    // Version 0 saved weights after the last epoch only.
    model: doc.history.length ? { epoch: doc.history.length } : null,
  };
}

export const RUN_MIGRATIONS: readonly RunMigration[] = [
  { from: 0, summary: 'version 0 (draft) run: flat history became epoch records, with a hash and a label', schema: v0Schema, up: v0to1 as (doc: never) => unknown },
];

export type RunMigrationResult =
  | { ok: true; doc: unknown; from: number; applied: string[] }
  | { ok: false; error: string; issues?: z.core.$ZodIssue[] };

/** Brings a parsed run.json to RUN_VERSION. Pure; never throws. */
export function migrateRun(doc: Record<string, unknown>): RunMigrationResult {
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version))
    return { ok: false, error: `version: must be a whole number, got ${JSON.stringify(version)}` };
  if (version > RUN_VERSION)
    return { ok: false, error: `version: the run is version ${version}, written by a newer LayerLab; this one reads versions up to ${RUN_VERSION}` };
  const first = RUN_MIGRATIONS[0]?.from ?? RUN_VERSION;
  if (version < first) return { ok: false, error: `version: ${version} is not a LayerLab run version (known: ${first}–${RUN_VERSION})` };
  let current: unknown = doc;
  const applied: string[] = [];
  for (let v = version; v < RUN_VERSION; v++) {
    const step = RUN_MIGRATIONS.find((m) => m.from === v);
    if (!step) return { ok: false, error: `version: no migration from version ${v} (a bug in LayerLab)` };
    const parsed = step.schema.safeParse(current);
    if (!parsed.success) return { ok: false, error: `not a valid version ${v} run`, issues: parsed.error.issues };
    current = step.up(parsed.data as never);
    applied.push(step.summary);
  }
  return { ok: true, doc: current, from: version, applied };
}
