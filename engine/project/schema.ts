// The zod schema of the project document (`*.layerlab.json`), version 2: the one
// definition of the document's shape. The TypeScript types (types.ts) are inferred from it,
// and the app's IPC contract (electron/contract.ts) validates projects with it. Objects are
// strict so a typo ("epoch" for "epochs") is caught; io.ts turns the resulting
// unrecognized-key issues into warnings and drops those keys instead of refusing the file,
// while a message between processes that carries one is refused. Layer kinds and their
// parameters are not checked here: that is the checker's job, where the message can name
// the node. Sizes, string lengths and the nesting of free-form values are (limits.ts), so
// that whatever passes can be written back; the numeric settings' ranges are in bounds.ts.
import { z } from 'zod';
import { lessonSchema } from './lesson.js';
import { boundedNumber, TRAINING_BOUNDS as B } from './bounds.js';
import { firstValueProblem, PARAMS_LIMITS, PROJECT_LIMITS as L } from './limits.js';
import { LOSSES, METRICS, MONITORS, OPTIMIZERS, PROJECT_FORMAT, PROJECT_VERSION } from './types.js';

const atMost = (n: number) => `must be at most ${n} characters`;
const id = z.string().min(1, 'must be a non-empty string').max(L.idLength, atMost(L.idLength));

/** A free-form record (the dataset's options) held to the nesting and length limits. */
function boundedRecord(whose: string) {
  return z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    const problem = firstValueProblem(value, PARAMS_LIMITS);
    if (problem) ctx.addIssue({ code: 'custom', path: problem.path, message: `${problem.message} (${whose})`, input: value });
  });
}

export const nodeSchema = z
  .strictObject({
    id,
    kind: z.string().min(1, 'must name a layer kind, e.g. "Dense"').max(L.idLength, atMost(L.idLength)),
    params: z.record(z.string(), z.unknown()).default({}),
    // Hand-written files may leave positions out; the canvas lays such nodes out at the origin.
    position: z.strictObject({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
    /** false freezes the node's weights in training (transfer learning); absent means true. */
    trainable: z.boolean().optional(),
  })
  // Checked on the node rather than on params so that the message can name the node.
  .superRefine((node, ctx) => {
    const problem = firstValueProblem(node.params, PARAMS_LIMITS);
    if (problem) ctx.addIssue({ code: 'custom', path: ['params', ...problem.path], message: `${problem.message} (node '${node.id}')`, input: node.params });
  });

export const edgeSchema = z.strictObject({
  id,
  source: id,
  target: id,
  /** Orders the inputs of merge layers; 0 when omitted. */
  targetPort: z.number().int().min(0).optional(),
});

export const datasetSchema = z
  .strictObject({
    /** A built-in or generated dataset id, e.g. 'mnist', 'xor'. */
    id: id.optional(),
    /** A file or folder to import instead of an id. */
    file: z.string().min(1, 'must be a non-empty string').max(L.fileLength, atMost(L.fileLength)).optional(),
    format: z.enum(['idx', 'csv', 'images']).optional(),
    options: boundedRecord('dataset options').optional(),
  })
  .refine((d) => d.id !== undefined || d.file !== undefined, { message: 'needs an "id" (e.g. "mnist") or a "file"' });

export const optimizerSchema = z.strictObject({
  kind: z.enum(OPTIMIZERS),
  learningRate: boundedNumber(B.learningRate),
  /** sgd only (momentum > 0 switches to the momentum optimizer). */
  momentum: boundedNumber(B.momentum).optional(),
  nesterov: z.boolean().optional(),
  beta1: boundedNumber(B.beta1).optional(),
  beta2: boundedNumber(B.beta2).optional(),
  epsilon: boundedNumber(B.epsilon).optional(),
  rho: boundedNumber(B.rho).optional(),
});

export const earlyStoppingSchema = z.strictObject({
  monitor: z.enum(MONITORS),
  patience: boundedNumber(B.patience),
  minDelta: boundedNumber(B.minDelta).optional(),
  restoreBestWeights: z.boolean().optional(),
});

/** Learning-rate decay per epoch (step) or per batch (exponential). */
export const lrScheduleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('step'), every: boundedNumber(B.every), factor: boundedNumber(B.factor) }),
  z.strictObject({ kind: z.literal('exponential'), decayRate: boundedNumber(B.decayRate), decaySteps: boundedNumber(B.decaySteps) }),
]);

export const trainingSchema = z.strictObject({
  optimizer: optimizerSchema,
  loss: z.enum(LOSSES),
  metrics: z.array(z.enum(METRICS)).default(['accuracy']),
  epochs: boundedNumber(B.epochs),
  batchSize: boundedNumber(B.batchSize),
  validationSplit: boundedNumber(B.validationSplit),
  seed: z.number().int().optional(),
  earlyStopping: earlyStoppingSchema.nullable().optional(),
  lrSchedule: lrScheduleSchema.nullable().optional(),
});

export const graphSchema = z.strictObject({
  nodes: z.array(nodeSchema).max(L.nodes, `at most ${L.nodes} layers are allowed`),
  edges: z.array(edgeSchema).max(L.edges, `at most ${L.edges} connections are allowed`),
});

/** A block: a named set of nodes drawn as one node (collapsed) or as a frame around them
 *  (expanded). The graph itself stays flat — groups are a layer over it, so check, compile,
 *  export and the run hash never see them. `nodes` lists every member, those of nested blocks
 *  included; two blocks are either disjoint or one holds all of the other's nodes (nesting).
 *  Blocks that share a `link` are instances of one block: their members correspond by
 *  position in `nodes`, and a parameter edited in one is edited in all. */
export const groupSchema = z.strictObject({
  id,
  name: z.string().min(1, 'must be a non-empty name').max(L.nameLength, atMost(L.nameLength)),
  nodes: z.array(id).min(1, 'a block holds at least one node').max(L.nodes, `at most ${L.nodes} nodes`),
  collapsed: z.boolean().optional(),
  /** Where the collapsed block is drawn; the members' top-left corner when omitted. */
  position: z.strictObject({ x: z.number(), y: z.number() }).optional(),
  link: id.optional(),
});

/** Groups name real nodes, have ids of their own (a collapsed block is a node on the canvas)
 *  and nest properly. Checked on the project so the message can name the group and node. */
function checkGroups(p: { graph: { nodes: { id: string }[] }; groups?: { id: string; nodes: string[] }[] }, ctx: z.RefinementCtx) {
  const groups = p.groups ?? [];
  if (groups.length === 0) return;
  const nodeIds = new Set(p.graph.nodes.map((n) => n.id));
  const seen = new Set<string>();
  const sets: Set<string>[] = [];
  groups.forEach((g, i) => {
    if (nodeIds.has(g.id) || seen.has(g.id))
      ctx.addIssue({ code: 'custom', path: ['groups', i, 'id'], message: `'${g.id}' is already the id of ${nodeIds.has(g.id) ? 'a node' : 'another group'}`, input: g.id });
    seen.add(g.id);
    const members = new Set<string>();
    g.nodes.forEach((n, j) => {
      if (!nodeIds.has(n)) ctx.addIssue({ code: 'custom', path: ['groups', i, 'nodes', j], message: `block '${g.id}' names node '${n}', which is not in graph.nodes`, input: n });
      else if (members.has(n)) ctx.addIssue({ code: 'custom', path: ['groups', i, 'nodes', j], message: `block '${g.id}' lists node '${n}' twice`, input: n });
      members.add(n);
    });
    sets.forEach((other, k) => {
      let shared = 0;
      for (const n of members) if (other.has(n)) shared++;
      const nested = shared === 0 || shared === members.size || shared === other.size;
      if (!nested || (shared === members.size && shared === other.size))
        ctx.addIssue({
          code: 'custom',
          path: ['groups', i, 'nodes'],
          message: nested
            ? `block '${g.id}' has the same nodes as block '${groups[k]!.id}'`
            : `block '${g.id}' and block '${groups[k]!.id}' share some nodes but neither holds the other (blocks nest or are apart)`,
          input: g.nodes,
        });
    });
    sets.push(members);
  });
}

export const projectSchema = z.strictObject({
  format: z.literal(PROJECT_FORMAT),
  version: z.literal(PROJECT_VERSION),
  name: z.string().max(L.nameLength, atMost(L.nameLength)),
  description: z.string().max(L.descriptionLength, atMost(L.descriptionLength)).optional(),
  graph: graphSchema,
  // Optional: a graph checks, exports and compiles on its own; only training needs the data.
  dataset: datasetSchema.optional(),
  training: trainingSchema,
  /** Blocks over the graph (version 2); absent when there are none. */
  groups: z.array(groupSchema).max(L.nodes, `at most ${L.nodes} blocks are allowed`).optional(),
  /** A teacher's lesson over the project (./lesson.ts): instructions, steps, locked controls. */
  lesson: lessonSchema.optional(),
}).superRefine(checkGroups);
