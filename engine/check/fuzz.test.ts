// The checker runs on every canvas edit and on any file a person opens: it must never throw
// and its report must stay consistent, whatever the graph holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../layers/registry.js';
import type { Project } from '../project/types.js';
import { check } from './check.js';
import { DIAGNOSTIC_CODES } from './codes.js';
import type { CheckReport } from './types.js';

const KINDS = CATALOG.map((k) => k.kind);
const IDS = ['in', 'a', 'b', 'c', 'd', 'e', 'f', 'g'];

function paramsFor(kind: string) {
  const specs = CATALOG.find((k) => k.kind === kind)?.params ?? {};
  const names = [...Object.keys(specs), 'bogus'];
  const value = fc.oneof(fc.integer({ min: -2, max: 40 }), fc.constantFrom('relu', 'softmax', 'same', 'valid', 'x'), fc.boolean(), fc.array(fc.oneof(fc.integer({ min: -1, max: 8 }), fc.constant(null)), { maxLength: 4 }), fc.constant(null), fc.double(), fc.anything());
  return fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 4 });
}

const node = fc.constantFrom(...KINDS, 'Dence', '', 'Input').chain((kind) =>
  fc.record({
    id: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...IDS) }, { weight: 1, arbitrary: fc.anything() }),
    kind: fc.oneof({ weight: 8, arbitrary: fc.constant(kind) }, { weight: 1, arbitrary: fc.anything() }),
    params: fc.oneof({ weight: 8, arbitrary: paramsFor(kind) }, { weight: 1, arbitrary: fc.anything() }),
    position: fc.constant({ x: 0, y: 0 }),
  }),
);

const edge = fc.record(
  {
    id: fc.oneof(fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9'), fc.anything()),
    source: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...IDS, 'ghost') }, { weight: 1, arbitrary: fc.anything() }),
    target: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...IDS, 'ghost') }, { weight: 1, arbitrary: fc.anything() }),
    targetPort: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: fc.anything() }),
  },
  { requiredKeys: ['source', 'target'] },
);

const training = fc.oneof(
  fc.record({ loss: fc.constantFrom('categoricalCrossentropy', 'sparseCategoricalCrossentropy', 'binaryCrossentropy', 'meanSquaredError', 'meanAbsoluteError', 'hinge') }),
  fc.anything(),
);

const dataset = fc.option(
  fc.record({
    task: fc.constantFrom('classification', 'regression', 'sequence'),
    inputShape: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 3 }),
    targetShape: fc.array(fc.integer({ min: 1, max: 10 }), { maxLength: 2 }),
    numClasses: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
  }),
  { nil: undefined },
);

const graphProject = fc.record({
  graph: fc.record({ nodes: fc.array(node, { maxLength: 10 }), edges: fc.array(edge, { maxLength: 14 }) }),
  training,
});

/** What every report must satisfy. */
function consistent(r: CheckReport): void {
  expect(r.errors.filter((e) => e.code === 'internal')).toEqual([]);
  for (const d of [...r.errors, ...r.warnings]) {
    expect(d.message.length).toBeGreaterThan(0);
    // Every code is a documented one, with its documented severity.
    expect(DIAGNOSTIC_CODES[d.code as keyof typeof DIAGNOSTIC_CODES]?.severity).toBe(d.severity);
  }
  expect(r.errors.every((e) => e.severity === 'error')).toBe(true);
  expect(r.warnings.every((w) => w.severity === 'warning')).toBe(true);
  const ids = r.nodes.map((n) => n.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const d of [...r.errors, ...r.warnings]) if (d.nodeId !== undefined) expect(ids).toContain(d.nodeId);
  for (const n of r.nodes) if (n.outputShape) expect(n.outputShape[0]).toBeNull();
  expect(r.totalParams).toBe(r.nodes.reduce((s, n) => s + n.params, 0));
  expect(r.ok).toBe(r.errors.length === 0);
  if (r.ok) {
    expect(r.nodes.every((n) => n.outputShape !== null)).toBe(true);
    expect([...r.order].sort()).toEqual([...ids].sort());
  }
}

describe('check: never throws', () => {
  it('on random graphs of real and broken nodes, with a consistent report', () => {
    fc.assert(
      fc.property(graphProject, dataset, (p, ds) => {
        consistent(check(p as unknown as Project, ds ? { dataset: ds } : undefined));
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary values in place of the project or the graph', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (a, b) => {
        consistent(check(a as Project));
        consistent(check({ graph: a, training: b } as unknown as Project));
        consistent(check({ graph: { nodes: a, edges: b } } as unknown as Project));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the topological order consistent with the edges of sound random chains', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 12 }), (widths) => {
        const nodes = [{ id: 'in', kind: 'Input', params: { shape: [3] }, position: { x: 0, y: 0 } }, ...widths.map((u, i) => ({ id: `d${i}`, kind: 'Dense', params: { units: u }, position: { x: 0, y: 0 } }))];
        // Each Dense takes the output of a random earlier node.
        const edges = widths.map((_, i) => ({ id: `e${i}`, source: i === 0 ? 'in' : `d${(i * 7) % i}`, target: `d${i}` }));
        const r = check({ graph: { nodes: [...nodes].reverse(), edges } } as unknown as Project);
        expect(r.errors).toEqual([]);
        const pos = new Map(r.order.map((id, i) => [id, i]));
        for (const e of edges) expect(pos.get(e.source)!).toBeLessThan(pos.get(e.target)!);
      }),
      { numRuns: 100 },
    );
  });
});
