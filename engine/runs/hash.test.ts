// The run hash changes when, and only when, what would be trained changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../project/document.js';
import type { Project } from '../project/types.js';
import { canonicalJson, projectHash } from './hash.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
function template(name: string): Project {
  const r = parseProject(readFileSync(join(ROOT, 'templates', `${name}.layerlab.json`), 'utf8'));
  if (!r.ok) throw new Error(r.error);
  return r.project;
}
const xor = template('xor');
const h = projectHash(xor);
const edit = (f: (p: Project) => void): Project => {
  const p = structuredClone(xor);
  f(p);
  return p;
};

describe('projectHash', () => {
  it('is a sha256 and stable across key order', () => {
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
    const reordered = edit((p) => {
      p.training = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(p.training).reverse())));
    });
    expect(projectHash(reordered)).toBe(h);
  });

  it('ignores layout and words: positions, name, description, node and edge order, edge ids', () => {
    expect(projectHash(edit((p) => (p.graph.nodes[1]!.position = { x: 500, y: -3 })))).toBe(h);
    expect(projectHash(edit((p) => (p.name = 'renamed')))).toBe(h);
    expect(projectHash(edit((p) => (p.description = 'other words')))).toBe(h);
    expect(projectHash(edit((p) => p.graph.nodes.reverse()))).toBe(h);
    expect(projectHash(edit((p) => (p.graph.edges = p.graph.edges.reverse().map((e, i) => ({ ...e, id: `x${i}` })))))).toBe(h);
  });

  it('changes with any node parameter, kind or wiring', () => {
    const changed = [
      edit((p) => (p.graph.nodes[1]!.params.units = 3)),
      edit((p) => (p.graph.nodes[1]!.params.activation = 'relu')),
      edit((p) => (p.graph.nodes[1]!.params.useBias = true)), // the default, written out: counted as a change
      edit((p) => (p.graph.nodes[1]!.kind = 'Dropout')),
      edit((p) => (p.graph.edges[1]!.targetPort = 1)),
      edit((p) => (p.graph.edges[1]!.source = 'in')),
    ];
    for (const p of changed) expect(projectHash(p)).not.toBe(h);
  });

  it('changes with any training setting and with the dataset reference', () => {
    const changed = [
      edit((p) => (p.training.optimizer.learningRate = 0.01)),
      edit((p) => (p.training.optimizer.kind = 'sgd')),
      edit((p) => (p.training.epochs = 10)),
      edit((p) => (p.training.batchSize = 2)),
      edit((p) => (p.training.seed = 7)),
      edit((p) => (p.training.validationSplit = 0.25)),
      edit((p) => (p.training.earlyStopping = { monitor: 'loss', patience: 3 })),
      edit((p) => (p.dataset = { id: 'circles' })),
      edit((p) => (p.dataset!.options = { exact: false })),
    ];
    const hashes = new Set(changed.map(projectHash));
    expect(hashes.size).toBe(changed.length);
    expect(hashes.has(h)).toBe(false);
  });
});
