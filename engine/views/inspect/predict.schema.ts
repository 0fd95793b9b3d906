// The run's model on one example the user gives: raw values in the dataset's own units
// (pixels 0–255 as the dataset stores them, CSV values as in the file), or a drawing that is
// first framed the way the MNIST digits were (engine/views/mnistify.ts), for 28×28 inputs.
import { z } from 'zod';

const MAX_SIDE = 1024;

export const predictParams = z
  .object({
    /** One example, flat, row-major over the Input shape, raw (unscaled). */
    input: z.array(z.number()).max(1 << 20).optional(),
    /** Or a grayscale drawing (white ink 255 on black 0), centred and scaled as MNIST. */
    drawing: z
      .object({
        width: z.number().int().min(1).max(MAX_SIDE),
        height: z.number().int().min(1).max(MAX_SIDE),
        pixels: z.array(z.number().min(0).max(255)).max(MAX_SIDE * MAX_SIDE),
      })
      .strict()
      .refine((d) => d.pixels.length === d.width * d.height, { message: 'pixels must hold width × height values', path: ['pixels'] })
      .optional(),
  })
  .strict()
  .refine((p) => (p.input === undefined) !== (p.drawing === undefined), { message: 'give either input or drawing' });

export const predictReply = z.object({
  task: z.enum(['classification', 'regression', 'sequence']),
  inputShape: z.array(z.number().int()),
  /** The example as the model saw it, raw (before the run's scaling), flat. */
  input: z.array(z.number()),
  /** The model's first output, flat: class probabilities, or the regression outputs. */
  outputs: z.array(z.number()),
  /** Classification: one probability per class name (two for a single sigmoid output). */
  classes: z.array(z.string()).optional(),
  probabilities: z.array(z.number()).optional(),
  predicted: z.number().int().min(0).optional(),
});
