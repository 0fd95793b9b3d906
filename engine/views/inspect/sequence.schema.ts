// A sequence model's predictions: for each chosen test sample, the input window, the value(s)
// that follow it (the target) and what the network predicted, in the data's own units.
import { z } from 'zod';

export const sequenceParams = z
  .object({
    /** Test samples to show (indices into the test split). */
    samples: z.array(z.number().int().min(0)).min(1).max(32).default([0, 1, 2]),
  })
  .strict();

export const sequenceReply = z.object({
  /** [time steps, features per step] of an input window. */
  inputShape: z.array(z.number().int()),
  /** Values that follow the window (targets per sample). */
  targetShape: z.array(z.number().int()),
  steps: z.number().int().min(1),
  features: z.number().int().min(1),
  testCount: z.number().int().min(0),
  /** Mean squared error of the shown samples' predictions (target units). */
  mse: z.number().min(0),
  items: z.array(
    z.object({
      index: z.number().int().min(0),
      /** steps × features, unscaled. */
      input: z.array(z.array(z.number())),
      target: z.array(z.number()),
      prediction: z.array(z.number()),
    }),
  ),
});
