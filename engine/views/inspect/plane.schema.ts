// The input plane of a run with 2 input features (its decision boundary and every hidden
// Dense unit's map over the plane), or the input line of a 1-feature regression (the data,
// the fitted curve and, for a model of two parameters, the cost surface with where training
// ended): the live views' snapshot of the finished model, in their wire form.
import { z } from 'zod';
import { viewWireSchema } from '../wire-schema.js';

export const planeParams = z
  .object({
    /** The grid's side for the plane (cells per axis). */
    res: z.number().int().min(8).max(128).default(48),
  })
  .strict();

export const planeReply = viewWireSchema;
