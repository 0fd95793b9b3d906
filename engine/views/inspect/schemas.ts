// Every inspect view's params and reply schema, by name: the contract's 'views.inspect'
// channel and the worker's 'inspect' request are built from this table, so a view is added
// here (one line) and in ./index.ts (its compute). Pure zod: the renderer imports it.
import { z } from 'zod';
import { aboutParams, aboutReply } from './about.schema.js';
import { predictParams, predictReply } from './predict.schema.js';
import { adversarialParams, adversarialReply } from './adversarial.schema.js';
import { samplesParams, samplesReply } from './samples.schema.js';
import { activationsParams, activationsReply } from './activations.schema.js';
import { latentParams, latentReply } from './latent.schema.js';
import { scoresParams, scoresReply } from './scores.schema.js';
import { cellParams, cellReply } from './cell.schema.js';
import { sequenceParams, sequenceReply } from './sequence.schema.js';
import { planeParams, planeReply } from './plane.schema.js';

export const INSPECT_SCHEMAS = {
  about: { params: aboutParams, reply: aboutReply },
  samples: { params: samplesParams, reply: samplesReply },
  predict: { params: predictParams, reply: predictReply },
  activations: { params: activationsParams, reply: activationsReply },
  latent: { params: latentParams, reply: latentReply },
  scores: { params: scoresParams, reply: scoresReply },
  cell: { params: cellParams, reply: cellReply },
  adversarial: { params: adversarialParams, reply: adversarialReply },
  sequence: { params: sequenceParams, reply: sequenceReply },
  plane: { params: planeParams, reply: planeReply },
} as const;

export type InspectViewName = keyof typeof INSPECT_SCHEMAS;
export const INSPECT_VIEW_NAMES = Object.keys(INSPECT_SCHEMAS) as InspectViewName[];
/** A view's params as sent (defaults not yet applied) and as its compute gets them. */
export type InspectParamsIn<K extends InspectViewName> = z.input<(typeof INSPECT_SCHEMAS)[K]['params']>;
export type InspectParams<K extends InspectViewName> = z.output<(typeof INSPECT_SCHEMAS)[K]['params']>;
export type InspectReply<K extends InspectViewName> = z.output<(typeof INSPECT_SCHEMAS)[K]['reply']>;

type Entries = { [K in InspectViewName]: { name: K; schema: (typeof INSPECT_SCHEMAS)[K] } }[InspectViewName];
const entries = INSPECT_VIEW_NAMES.map((name) => ({ name, schema: INSPECT_SCHEMAS[name] }) as Entries);

/** `{view, params}` for any view, each checked against its own params schema. */
export function inspectRequestSchema<E extends z.ZodRawShape>(extra: E) {
  const members = entries.map(({ name, schema }) => z.object({ ...extra, view: z.literal(name), params: schema.params }));
  return z.discriminatedUnion('view', members as unknown as [z.ZodObject, ...z.ZodObject[]]) as unknown as z.ZodType<
    InspectRequest & { [k in keyof E]: z.output<E[k]> },
    InspectRequestIn & { [k in keyof E]: z.input<E[k]> }
  >;
}

/** `{view, value}` for any view, the value checked against that view's reply schema. */
export const inspectReplySchema = z.discriminatedUnion(
  'view',
  entries.map(({ name, schema }) => z.object({ view: z.literal(name), value: schema.reply })) as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<InspectAnswer>;

/** A request as the host and worker hold it after validation. */
export type InspectRequest = { [K in InspectViewName]: { view: K; params: InspectParams<K> } }[InspectViewName];
export type InspectRequestIn = { [K in InspectViewName]: { view: K; params: InspectParamsIn<K> } }[InspectViewName];
export type InspectAnswer = { [K in InspectViewName]: { view: K; value: InspectReply<K> } }[InspectViewName];
