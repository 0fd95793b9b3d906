// The identity of what a run trained: a stable hash of the graph, the training settings and
// the dataset reference. A run "matches" a project when the hashes agree, so export and
// evaluation can refuse a model that belongs to another graph.
//
// What counts is what changes the trained model. Left out on purpose:
//   - node positions: they are layout on the canvas, not model;
//   - the project's name and description: words about the model, not the model;
//   - the order of nodes and edges in the file, and edge ids: the same wiring written in
//     another order is the same network (nodes are keyed by id, edges by their ends).
// Everything else — every node parameter as written, every training setting (optimizer,
// loss, epochs, batch size, validation split, seed, early stopping, schedule) and the
// dataset reference with its options — is in. A parameter written out at its default value
// counts as a change (the hash reads the file, not the catalog's defaults): a false
// "changed" is safe, a false "same" would not be.
import { createHash } from 'node:crypto';
import type { Project } from '../project/types.js';

/** JSON with object keys sorted at every level, so equal values give equal text. `undefined`
 *  members are dropped, as JSON.stringify drops them. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The part of a project that determines the trained model (see the header). */
export function modelIdentity(project: Pick<Project, 'graph' | 'training' | 'dataset'>): unknown {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  // A frozen node trains differently; `trainable` only enters when false, so older hashes hold.
  const nodes = project.graph.nodes.map((n) => ({ id: n.id, kind: n.kind, params: n.params, ...(n.trainable === false ? { trainable: false } : {}) })).sort((a, b) => cmp(a.id, b.id));
  const edgeKey = (e: { source: string; target: string; targetPort?: number }) => `${e.target}\u0000${e.targetPort ?? 0}\u0000${e.source}`;
  const edges = project.graph.edges
    .map((e) => ({ source: e.source, target: e.target, targetPort: e.targetPort ?? 0 }))
    .sort((a, b) => cmp(edgeKey(a), edgeKey(b)));
  return { graph: { nodes, edges }, training: project.training, dataset: project.dataset };
}

/** sha256 (hex) of the canonical JSON of the model identity. */
export function projectHash(project: Pick<Project, 'graph' | 'training' | 'dataset'>): string {
  return createHash('sha256').update(canonicalJson(modelIdentity(project))).digest('hex');
}
