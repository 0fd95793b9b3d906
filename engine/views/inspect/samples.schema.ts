// Examples of a split, raw (unscaled: pixels 0–255, CSV values as in the file), for the views
// that let the user pick one: by index, or the first ones of a class.
import { z } from 'zod';

export const samplesParams = z
  .object({
    split: z.enum(['test', 'train']).default('test'),
    /** These examples (at most 64). */
    indices: z.array(z.number().int().min(0)).max(64).optional(),
    /** Or the examples of this class (classification), from `offset` on. */
    classIndex: z.number().int().min(0).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(64).default(16),
  })
  .strict();

export const samplesReply = z.object({
  split: z.enum(['test', 'train']),
  /** The split's size (and, with classIndex, how many of that class it has). */
  count: z.number().int().min(0),
  matching: z.number().int().min(0),
  inputShape: z.array(z.number().int()),
  items: z.array(
    z.object({
      index: z.number().int().min(0),
      /** Class index (classification) or the target values. */
      label: z.number(),
      target: z.array(z.number()).optional(),
      /** The raw input, flat, row-major over inputShape. */
      x: z.array(z.number()),
    }),
  ),
});
