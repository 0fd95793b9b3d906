// Every test example's predicted probabilities and true class, for a classification run: two
// classes send the positive class's score (what a threshold slider moves over); more send the
// predicted class with its probability, and all the probabilities when that stays small
// (at most 10 classes and 10,000 examples). Paged, so a reply stays bounded.
import { z } from 'zod';

export const SCORES_PAGE = 20_000;
/** All probabilities are sent up to these sizes. */
export const SCORES_ALL_CLASSES = 10;
export const SCORES_ALL_SAMPLES = 10_000;

export const scoresParams = z
  .object({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(SCORES_PAGE).default(SCORES_PAGE),
  })
  .strict();

export const scoresReply = z.object({
  /** The test split's size. */
  count: z.number().int().min(0),
  offset: z.number().int().min(0),
  classNames: z.array(z.string()),
  /** True and predicted class per example of this page; the predicted one by the rule of the
   *  run's evaluation (argmax, or one sigmoid unit's p > 0.5). */
  actual: z.array(z.number().int().min(0)),
  predicted: z.array(z.number().int().min(0)),
  /** Two classes: the positive class's probability; the run's rule flags p > `threshold`. */
  positive: z.array(z.number()).optional(),
  threshold: z.number().optional(),
  /** More classes: the predicted class's probability. */
  confidence: z.array(z.number()).optional(),
  /** More classes, when small enough: every class's probability per example. */
  probs: z.array(z.array(z.number())).optional(),
});
