// Adversarial examples (FGSM, ../fgsm.ts): one test image attacked at one ε — the image, the
// sign of the loss's gradient, the adversarial image and what the model makes of each — or
// the test accuracy against ε over the first `limit` test examples. ε is in the units of the
// model's input (MNIST: pixels / 255, so 0.1 moves each pixel by 25.5 of 255).
import { z } from 'zod';

// zod 4 numbers are finite already.
const epsilon = z.number().min(0);

export const adversarialParams = z.union([
  z
    .object({
      /** The test example to attack. */
      sample: z.number().int().min(0).default(0),
      epsilon: epsilon.default(0.1),
    })
    .strict(),
  z
    .object({
      curve: z.literal(true),
      epsilons: z.array(epsilon).min(1).max(32).optional(),
      limit: z.number().int().min(1).default(500),
      /** From this test example on: the panel asks for the curve in pieces, so that a slider
       *  move is answered between two of them (the run's worker answers one at a time). */
      offset: z.number().int().min(0).default(0),
    })
    .strict(),
]);

const prediction = z.object({
  /** Raw input (the dataset's units: pixels 0–255), flat, row-major over inputShape. */
  x: z.array(z.number()),
  predicted: z.number().int().min(0),
  /** The predicted class's probability. */
  confidence: z.number(),
  probabilities: z.array(z.number()),
});

export const adversarialReply = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('sample'),
    index: z.number().int().min(0),
    label: z.number().int().min(0),
    epsilon: z.number(),
    /** ε in raw units (MNIST: ε · 255) when the scaling is the same for every pixel. */
    epsilonRaw: z.number().optional(),
    inputShape: z.array(z.number().int()),
    classNames: z.array(z.string()),
    clean: prediction,
    /** sign(∇ₓJ(θ, x, y)) per feature: −1, 0 or +1. */
    sign: z.array(z.union([z.literal(-1), z.literal(0), z.literal(1)])),
    adversarial: prediction,
  }),
  z.object({
    kind: z.literal('curve'),
    /** How many test examples each point is over, from the first one, `offset`. */
    offset: z.number().int().min(0),
    samples: z.number().int().min(0),
    points: z.array(z.object({ epsilon: z.number(), accuracy: z.number(), correct: z.number().int().min(0) })),
  }),
]);
