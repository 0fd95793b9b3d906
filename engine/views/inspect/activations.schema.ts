// What every node outputs for one example: feature maps as tiles (one per channel, bytes over
// the node's own range), vectors as values, the softmax as class probabilities; and the first
// Conv2D layer's kernels as small images (the lecture's feature maps and filters).
import { z } from 'zod';

const MAX_SIDE = 1024;

/** A grayscale drawing (white ink 255 on black 0), for 28×28 inputs: framed as the MNIST
 *  digits were (engine/views/mnistify.ts) before it goes in. */
export const drawingParam = z
  .object({
    width: z.number().int().min(1).max(MAX_SIDE),
    height: z.number().int().min(1).max(MAX_SIDE),
    pixels: z.array(z.number().min(0).max(255)).max(MAX_SIDE * MAX_SIDE),
  })
  .strict()
  .refine((d) => d.pixels.length === d.width * d.height, { message: 'pixels must hold width × height values', path: ['pixels'] });

export const activationsParams = z
  .object({
    /** A test example by index… */
    sample: z.number().int().min(0).optional(),
    /** …or one example's raw values (dataset units: pixels 0–255, CSV values), flat, row-major
     *  over the Input shape: a drawn or uploaded sample; scaled as the run trained. */
    input: z.array(z.number()).max(1 << 20).optional(),
    /** …or a drawing. */
    drawing: drawingParam.optional(),
    /** At most this many channel tiles per node (the rest are counted, not sent). */
    maxChannels: z.number().int().min(1).max(512).default(64),
    /** At most this many values per vector. */
    maxUnits: z.number().int().min(1).max(8192).default(512),
  })
  .strict()
  .refine((p) => [p.sample, p.input, p.drawing].filter((v) => v !== undefined).length === 1, { message: 'give one of sample (a test index), input (raw values) or drawing' });

/** Tiles of h×w, each base64 of h·w bytes (row-major), byte b standing for lo + b/255·(hi−lo);
 *  with `rgb`, each tile holds h·w·3 bytes (interleaved). */
const tiles = z.object({
  h: z.number().int().min(1),
  w: z.number().int().min(1),
  lo: z.number(),
  hi: z.number(),
  tiles: z.array(z.string()),
});

const nodeBase = {
  id: z.string(),
  kind: z.string(),
  /** The output's shape for this example, without the batch. */
  shape: z.array(z.number().int()),
  /** Channels (images) or values (vectors) not sent because of the caps. */
  leftOut: z.number().int().min(0),
};

export const activationNode = z.discriminatedUnion('show', [
  /** [h, w, c] (or [h, w]): one tile per channel. */
  z.object({ ...nodeBase, show: z.literal('image'), channels: z.number().int().min(1), image: tiles }),
  /** Anything else, flattened: the first maxUnits values. */
  z.object({ ...nodeBase, show: z.literal('vector'), values: z.array(z.number()), lo: z.number(), hi: z.number() }),
  /** A softmax (or one sigmoid unit of two classes): one probability per class. */
  z.object({ ...nodeBase, show: z.literal('probabilities'), values: z.array(z.number()), classes: z.array(z.string()) }),
]);

export const activationsReply = z.object({
  /** The test index shown, or null for a raw input or a drawing. */
  sample: z.number().int().nullable(),
  /** A drawing or raw input: the example as the model saw it, raw (before the run's scaling). */
  input: z.array(z.number()).optional(),
  /** The example's class (a test sample of a classification set). */
  label: z.number().int().optional(),
  classNames: z.array(z.string()).optional(),
  /** Every node with an output, in the model's order (Input first). */
  nodes: z.array(activationNode),
  /** The first Conv2D layer's kernels: one tile per output filter (kh×kw), per input channel
   *  when there is one ('gray'), as colour for three ('rgb'), else averaged ('mean'). */
  kernels: z
    .object({
      nodeId: z.string(),
      filters: z.number().int().min(1),
      inChannels: z.number().int().min(1),
      mode: z.enum(['gray', 'rgb', 'mean']),
      leftOut: z.number().int().min(0),
      image: tiles,
    })
    .nullable(),
});

export type ActivationNode = z.output<typeof activationNode>;
