// Ordered, pure, one-step-at-a-time migrations of the project document. Each step validates
// the version it reads (so errors in an old file still name their JSON path) and returns the
// next version's document. A file at version n runs steps n, n+1, … up to PROJECT_VERSION.
import { z } from 'zod';
import { PROJECT_FORMAT, PROJECT_VERSION } from './types.js';

export interface Migration {
  /** The version this step reads; it writes `from + 1`. */
  from: number;
  /** What changed, for the load warnings. */
  summary: string;
  schema: z.ZodType;
  up(doc: never): unknown;
}

// --- Version 0: the pre-release format ----------------------------------------------------
// Layers listed with their inputs inline (no separate edges), Keras snake_case parameter
// names, `data` as a bare id, and a flat `train` block with Keras loss names.

const v0Layer = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  config: z.record(z.string(), z.unknown()).optional(),
  inputs: z.array(z.string()).optional(),
  x: z.number().optional(),
  y: z.number().optional(),
});

const v0Schema = z.looseObject({
  format: z.literal(PROJECT_FORMAT),
  version: z.literal(0),
  title: z.string().optional(),
  layers: z.array(v0Layer),
  data: z.union([z.string().min(1), z.looseObject({ file: z.string().min(1), format: z.enum(['idx', 'csv', 'images']).optional() })]),
  train: z.looseObject({
    optimizer: z.string(),
    lr: z.number().positive(),
    loss: z.string(),
    metrics: z.array(z.string()).optional(),
    epochs: z.number(),
    batch_size: z.number(),
    validation_split: z.number().optional(),
    seed: z.number().optional(),
  }),
});
type V0 = z.output<typeof v0Schema>;

const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** Keras loss names as version 0 wrote them; anything else passes through for the schema to judge. */
const V0_LOSSES: Record<string, string> = {
  mse: 'meanSquaredError',
  mae: 'meanAbsoluteError',
  mean_squared_error: 'meanSquaredError',
  mean_absolute_error: 'meanAbsoluteError',
  binary_crossentropy: 'binaryCrossentropy',
  categorical_crossentropy: 'categoricalCrossentropy',
  sparse_categorical_crossentropy: 'sparseCategoricalCrossentropy',
  hinge: 'hinge',
};

function v0to1(doc: V0): unknown {
  const edges: { id: string; source: string; target: string; targetPort: number }[] = [];
  const nodes = doc.layers.map((l) => {
    (l.inputs ?? []).forEach((source, port) =>
      edges.push({ id: `e${edges.length + 1}`, source, target: l.id, targetPort: port }),
    );
    const params = Object.fromEntries(Object.entries(l.config ?? {}).map(([k, v]) => [camel(k), v]));
    return { id: l.id, kind: l.type, params, position: { x: l.x ?? 0, y: l.y ?? 0 } };
  });
  const t = doc.train;
  return {
    format: PROJECT_FORMAT,
    version: 1,
    name: doc.title ?? 'Untitled',
    graph: { nodes, edges },
    dataset: typeof doc.data === 'string' ? { id: doc.data } : { ...doc.data },
    training: {
      optimizer: { kind: t.optimizer.toLowerCase(), learningRate: t.lr },
      loss: V0_LOSSES[t.loss] ?? t.loss,
      metrics: t.metrics ?? ['accuracy'],
      epochs: t.epochs,
      batchSize: t.batch_size,
      validationSplit: t.validation_split ?? 0,
      ...(t.seed !== undefined ? { seed: t.seed } : {}),
    },
  };
}

// --- Version 1: the flat graph --------------------------------------------------------------
// Version 2 adds blocks (`groups`, optional). A version 1 file has none, so the step only
// renames the version; every other field, known or added since, passes through untouched
// for the current schema to judge. Files written by version 2 with blocks are refused by a
// version 1 LayerLab instead of having their blocks silently dropped as unknown keys.

const v1Schema = z.looseObject({ format: z.literal(PROJECT_FORMAT), version: z.literal(1) });
type V1 = z.output<typeof v1Schema>;

function v1to2(doc: V1): unknown {
  return { ...doc, version: 2 };
}

export const MIGRATIONS: readonly Migration[] = [
  { from: 0, summary: 'version 0 (pre-release) layers with inline inputs became graph nodes and edges', schema: v0Schema, up: v0to1 as (doc: never) => unknown },
  { from: 1, summary: 'version 1 became version 2 (which can hold blocks); the graph is unchanged', schema: v1Schema, up: v1to2 as (doc: never) => unknown },
];

export type MigrationResult =
  | { ok: true; doc: unknown; from: number; applied: string[] }
  | { ok: false; error: string; issues?: z.core.$ZodIssue[]; doc?: unknown };

/** Brings a parsed JSON document to PROJECT_VERSION. Pure; never throws. The envelope
 *  (format, version) must already be known to be an object with a numeric version. */
export function migrate(doc: Record<string, unknown>): MigrationResult {
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version))
    return { ok: false, error: `version: must be a whole number, got ${JSON.stringify(version)}` };
  if (version > PROJECT_VERSION)
    return {
      ok: false,
      error: `version: the file is version ${version}, written by a newer LayerLab; this one reads versions up to ${PROJECT_VERSION}. Update LayerLab to open it.`,
    };
  const first = MIGRATIONS[0]?.from ?? PROJECT_VERSION;
  if (version < first)
    return { ok: false, error: `version: ${version} is not a LayerLab project version (known: ${first}–${PROJECT_VERSION})` };
  let current: unknown = doc;
  const applied: string[] = [];
  for (let v = version; v < PROJECT_VERSION; v++) {
    const step = MIGRATIONS.find((m) => m.from === v);
    if (!step) return { ok: false, error: `version: no migration from version ${v} (this is a bug in LayerLab)` };
    const parsed = step.schema.safeParse(current);
    if (!parsed.success) return { ok: false, error: `not a valid version ${v} project`, issues: parsed.error.issues, doc: current };
    current = step.up(parsed.data as never);
    applied.push(step.summary);
  }
  return { ok: true, doc: current, from: version, applied };
}
