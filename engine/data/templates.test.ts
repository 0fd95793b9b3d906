// Cross-check with the project templates: every template's dataset loads, reshaped to the
// template's Input node, with targets the template's head can take.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProjectDataset } from './index.js';
import type { Project } from '../project/types.js';
import { isInputKind } from '../layers/registry.js';
import { requireDataset } from '../project/dataset.js';

const DIR = join(import.meta.dirname, '..', '..', 'templates');
const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.layerlab.json')) : [];

describe.runIf(files.length > 0)('datasets of the templates', () => {
  it.each(files)('%s loads with its Input shape', async (f) => {
    const project = JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Project;
    const input = project.graph.nodes.find((n) => isInputKind(n.kind))!.params.shape as number[];
    // Generated sets are shrunk: this checks shapes, not learning.
    const ref = requireDataset(project);
    const small = ref.id === 'mnist' || ref.id === 'fashion-mnist' ? {} : { size: 60 };
    const ds = await loadProjectDataset({ ...project, dataset: { ...ref, options: { ...ref.options, ...small } } });
    expect(ds.inputShape).toEqual(input);
    expect(ds.train.count).toBeGreaterThan(0);
    if (ref.options?.target === 'input') expect(ds.targetShape).toEqual(input);
  });
});
