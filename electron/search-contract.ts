// The contract's hyper-parameter search block (spread into ./contract.ts's channels and
// events): the renderer starts a search of the open document (each trial a run of it, see
// ./search.ts), follows it on `search.event`, and stops it. Pure: no Electron, no Node.
import { z } from 'zod';
import { projectSchema } from './schemas.js';

/** A searched value: what a node parameter or a training setting can hold. */
const paramValue = z.union([z.number(), z.string(), z.boolean(), z.null(), z.array(z.number())]);
const paramPath = z.string().min(3).max(200);
const trialParams = z.record(z.string(), paramValue);

export const searchSpaceSchema = z.object({
  grid: z.array(z.object({ path: paramPath, values: z.array(paramValue).min(1).max(64) })).max(16),
  ranges: z
    .array(z.object({ path: paramPath, min: z.number(), max: z.number(), scale: z.enum(['linear', 'log']), integer: z.boolean().optional() }))
    .max(16),
});

export const trialWireSchema = z.object({
  index: z.number().int().min(0),
  runId: z.string().nullable(),
  params: trialParams,
  metric: z.number().nullable(),
  error: z.string().optional(),
  rung: z.number().int().optional(),
  epochs: z.number().int().optional(),
});
export type TrialWire = z.infer<typeof trialWireSchema>;

export const searchChannels = {
  /**
   * Starts a search of `project` (the open document: its runs folder takes the trials).
   * Grid: every combination of `space.grid`; `random`: that many seeded draws (ranges drawn,
   * grid values picked). The answer is the plan; trials arrive on `search.event`. One search
   * per session at a time; its trials count against the host's training-job cap.
   */
  'search.start': {
    request: z.object({
      project: projectSchema,
      space: searchSpaceSchema,
      random: z.number().int().min(1).max(500).optional(),
      seed: z.number().int().min(0).optional(),
      metric: z.enum(['val_loss', 'val_accuracy', 'loss', 'accuracy']).optional(),
      epochs: z.number().int().min(1).max(100_000).optional(),
      parallel: z.number().int().min(1).max(64).optional(),
      halving: z.boolean().optional(),
      backend: z.string().optional(),
    }),
    response: z.object({
      searchId: z.string(),
      metric: z.string(),
      direction: z.enum(['min', 'max']),
      parallel: z.number().int(),
      /** Trials that will train, in order, and those skipped (their graph does not check). */
      trials: z.array(z.object({ index: z.number().int(), params: trialParams })),
      skipped: z.array(trialWireSchema),
      epochs: z.number().int(),
    }),
  },
  /** Stops the search: its running trials end (recorded as stopped), no more start. */
  'search.stop': {
    request: z.object({ searchId: z.string() }),
    response: z.object({ stopped: z.boolean() }),
  },
} as const;

export const searchEvents = {
  'search.event': z.discriminatedUnion('type', [
    z.object({ searchId: z.string(), type: z.literal('trial-started'), index: z.number().int(), params: trialParams, runId: z.string().nullable() }),
    z.object({ searchId: z.string(), type: z.literal('progress'), index: z.number().int(), epoch: z.number().int(), epochs: z.number().int(), metrics: z.record(z.string(), z.number()) }),
    z.object({ searchId: z.string(), type: z.literal('trial'), trial: trialWireSchema }),
    z.object({
      searchId: z.string(),
      type: z.literal('done'),
      status: z.enum(['finished', 'stopped', 'failed']),
      trials: z.array(trialWireSchema),
      best: trialWireSchema.nullable(),
      message: z.string().optional(),
    }),
  ]),
} as const;
