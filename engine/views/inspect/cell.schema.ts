// The test examples of one confusion-matrix cell (true class `actual`, predicted `predicted`),
// raw as ./samples.schema.ts sends them, most confident first, with the cell's total. For two
// classes a `threshold` on the positive score replaces the run's rule (p > 0.5), so the cells
// follow a threshold slider.
import { z } from 'zod';

export const cellParams = z
  .object({
    actual: z.number().int().min(0),
    predicted: z.number().int().min(0),
    threshold: z.number().min(0).max(1).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(64).default(16),
  })
  .strict();

export const cellReply = z.object({
  actual: z.number().int().min(0),
  predicted: z.number().int().min(0),
  /** The threshold the cell was taken at (two classes), absent for the run's own rule. */
  threshold: z.number().optional(),
  /** How many test examples the cell holds. */
  total: z.number().int().min(0),
  offset: z.number().int().min(0),
  /** The test split's size. */
  count: z.number().int().min(0),
  inputShape: z.array(z.number().int()),
  classNames: z.array(z.string()),
  featureNames: z.array(z.string()).optional(),
  items: z.array(
    z.object({
      index: z.number().int().min(0),
      /** The probability of the predicted class. */
      confidence: z.number(),
      /** Two classes: the positive class's probability. */
      positive: z.number().optional(),
      /** The raw input, flat, row-major over inputShape. */
      x: z.array(z.number()),
    }),
  ),
});
