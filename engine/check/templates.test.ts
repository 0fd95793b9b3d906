// The templates are the networks people start from: each must check clean — no error and
// no warning — against the dataset it really trains on (loaded here, as training loads it).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProjectDataset } from '../data/index.js';
import type { Project } from '../project/types.js';
import { check, datasetInfoOf, type DatasetInfo } from './check.js';
import { isInputKind } from '../layers/registry.js';

const DIR = join(import.meta.dirname, '../../templates');
const files = readdirSync(DIR).filter((f) => f.endsWith('.layerlab.json'));
const infos = new Map<string, Promise<DatasetInfo>>();

/** One load per distinct dataset reference (the MNIST templates share theirs). */
function infoFor(p: Project): Promise<DatasetInfo> {
  const key = JSON.stringify([p.dataset, p.graph.nodes.find((n) => isInputKind(n.kind))?.params]);
  if (!infos.has(key)) infos.set(key, loadProjectDataset(p).then(datasetInfoOf));
  return infos.get(key)!;
}

describe('check: templates against their datasets', () => {
  it('finds templates to check', () => expect(files.length).toBeGreaterThanOrEqual(9));
  for (const file of files)
    it(`${file} has no error and no warning`, async () => {
      const p = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Project;
      const r = check(p, { dataset: await infoFor(p) });
      expect([...r.errors, ...r.warnings].map((d) => `${d.code}: ${d.message}`)).toEqual([]);
      expect(r.nodes.every((n) => n.outputShape !== null)).toBe(true);
    });
});
