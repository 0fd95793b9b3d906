// A saved block ("My blocks"): a block's layers, the connections between them and the
// blocks nested in it, as one file in the user's library, to drop into any project. Pure (zod).
import { z } from 'zod';
import { PROJECT_LIMITS as L } from './limits.js';
import { edgeSchema, groupSchema, nodeSchema } from './schema.js';

export const BLOCK_FORMAT = 'layerlab-block';
export const BLOCK_VERSION = 1;
/** A library file's name ends so, after its id. */
export const BLOCK_SUFFIX = '.block.json';
/** The largest library file the host reads. */
export const MAX_BLOCK_BYTES = 1024 * 1024;

/** A library block's id: its file name's stem, never a path. */
export const blockIdSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _-]*$/, 'letters, digits, space, dash or underscore only; no dots or path separators');

export const blockFileSchema = z
  .strictObject({
    format: z.literal(BLOCK_FORMAT),
    version: z.literal(BLOCK_VERSION),
    name: z.string().trim().min(1, 'must be a non-empty name').max(L.nameLength),
    nodes: z.array(nodeSchema).min(1, 'a block holds at least one layer').max(L.nodes),
    /** Only the connections inside the block; its ports are read from them (groupPorts). */
    edges: z.array(edgeSchema).max(L.edges),
    /** Blocks nested in it (the block itself is not listed). */
    groups: z.array(groupSchema).max(L.nodes).optional(),
  })
  .superRefine((b, ctx) => {
    const ids = new Set(b.nodes.map((n) => n.id));
    if (ids.size !== b.nodes.length) ctx.addIssue({ code: 'custom', path: ['nodes'], message: 'two layers share an id' });
    b.edges.forEach((e, i) => {
      if (!ids.has(e.source) || !ids.has(e.target)) ctx.addIssue({ code: 'custom', path: ['edges', i], message: `connection '${e.id}' leaves the block` });
    });
    (b.groups ?? []).forEach((g, i) => {
      if (g.nodes.some((n) => !ids.has(n))) ctx.addIssue({ code: 'custom', path: ['groups', i, 'nodes'], message: `nested block '${g.id}' names a layer not in the block` });
    });
  });

export type BlockFile = z.infer<typeof blockFileSchema>;

/** The id a block of this name is stored under: the name with anything but letters, digits,
 *  space, dash and underscore turned into dashes ("Conv → pool" → "Conv - pool"). */
export function blockIdFor(name: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 _-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 80)
    .trim();
  return id || 'block';
}
