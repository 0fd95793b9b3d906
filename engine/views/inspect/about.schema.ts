// What the run's model and data are, for the inspect panel: the task, shapes, classes, the
// nodes with their output shapes, and which views have something to show (or why not).
import { z } from 'zod';

export const aboutParams = z.object({}).strict();

export const aboutReply = z.object({
  task: z.enum(['classification', 'regression', 'sequence']),
  datasetName: z.string(),
  inputShape: z.array(z.number().int()),
  targetShape: z.array(z.number().int()),
  classNames: z.array(z.string()).optional(),
  featureNames: z.array(z.string()).optional(),
  trainCount: z.number().int().min(0),
  testCount: z.number().int().min(0),
  /** Every layer of the model by node, in the model's order, with its output shape (no batch). */
  nodes: z.array(z.object({ id: z.string(), kind: z.string(), outputShape: z.array(z.number().int().nullable()) })),
  /** View name → true, or why it has nothing to show for this run. */
  views: z.record(z.string(), z.union([z.literal(true), z.string()])),
});
