// An autoencoder's latent space: the bottleneck's codes of test samples as points in a plane
// (the code itself when it is 2 wide, else its first two principal components), coloured by
// class where the data has classes, and a few originals beside their reconstructions.
import { z } from 'zod';

const index = z.number().int().min(0);

export const latentParams = z
  .object({
    /** The node whose output is the code; default the narrowest between input and output. */
    node: z.string().min(1).max(200).optional(),
    /** How many test samples to place (the first ones of the test split). */
    count: z.number().int().min(1).max(5000).default(1000),
    /** Test samples to rebuild; default the first of each class (or the first 8). */
    reconstruct: z.array(index).max(32).optional(),
  })
  .strict();

const axis = z.object({
  /** 'code 1' or 'PC1'. */
  name: z.string(),
  /** PCA: the share of the codes' variance along this axis (0–1). */
  explained: z.number().min(0).max(1).optional(),
});

export const latentReply = z.object({
  /** The bottleneck node, its kind and its output shape (no batch). */
  node: z.string(),
  kind: z.string(),
  codeShape: z.array(z.number().int()),
  /** Values in one code (the output's flat size). */
  width: z.number().int().min(1),
  /** The nodes a code can be taken from (between input and output), with their widths. */
  choices: z.array(z.object({ id: z.string(), kind: z.string(), width: z.number().int().min(1) })),
  /** Whether the node was picked as the narrowest or named in params. */
  chosen: z.enum(['narrowest', 'named']),
  /** 'code': the points are the code's own values; 'pca': its first two principal components. */
  projection: z.enum(['code', 'pca']),
  axes: z.tuple([axis, axis]),
  /** One point per test sample 0…count−1. */
  points: z.array(z.tuple([z.number(), z.number()])),
  /** Each point's class index, when the data has classes. */
  labels: z.array(z.number().int().min(0)).optional(),
  classNames: z.array(z.string()).optional(),
  /** Where the classes came from, or why the points have none, in words. */
  labelNote: z.string(),
  count: z.number().int().min(0),
  testCount: z.number().int().min(0),
  inputShape: z.array(z.number().int()),
  /** Originals and the network's rebuilds, flat over inputShape, in the data's own units
   *  (pixels 0–255 for images). */
  reconstructions: z.array(
    z.object({
      index,
      label: z.number().int().min(0).optional(),
      original: z.array(z.number()),
      reconstruction: z.array(z.number()),
    }),
  ),
});
