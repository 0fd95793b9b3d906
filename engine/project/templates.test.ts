import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { check } from '../check/check.js';
import { parseProject, serializeProject } from './io.js';
import { TEMPLATES_DIR, listTemplates, loadTemplate, templateIds } from './templates.js';

const REQUIRED = ['xor', 'perceptron', 'linear-regression', 'logistic-regression', 'mnist-standard', 'mnist-simplified', 'mnist-convolutional', 'autoencoder', 'lstm-sequence', 'skewed-classes', 'resnet-fashion', 'conv1d-sequence'];

describe('templates', () => {
  it('include every template the curriculum needs, in lecture order', async () => {
    const ids = await templateIds();
    expect([...ids].sort()).toEqual(expect.arrayContaining([...REQUIRED].sort()));
    expect(ids.slice(0, 2)).toEqual(['perceptron', 'xor']);
  });

  it.each(REQUIRED)('%s parses without warnings, is stored canonically, has a description and passes check', async (id) => {
    const text = await readFile(`${TEMPLATES_DIR}/${id}.layerlab.json`, 'utf8');
    const r = parseProject(text, id);
    expect(r.ok && r.warnings).toEqual([]);
    if (!r.ok) return;
    expect(serializeProject(r.project)).toBe(text);
    expect(r.project.description?.length).toBeGreaterThan(40);
    const report = check(r.project);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  it.each([
    ['mnist-standard', 669_706, 10],
    ['mnist-simplified', 79_510, 5],
    ['mnist-convolutional', 244_253, 10],
  ])("%s is the lecture's program: %i parameters, %i epochs, rmsprop 0.001, batch 128", async (id, params, epochs) => {
    const p = await loadTemplate(id);
    expect(check(p).totalParams).toBe(params);
    expect(p.dataset).toEqual({ id: 'mnist' });
    expect(p.training).toMatchObject({ optimizer: { kind: 'rmsprop', learningRate: 0.001 }, loss: 'categoricalCrossentropy', batchSize: 128, epochs });
  });

  it('XOR has 2 inputs, a hidden layer of 2 and 1 sigmoid output, and says what a perceptron cannot do', async () => {
    const p = await loadTemplate('xor');
    expect(p.graph.nodes.map((n) => [n.kind, n.params.shape ?? n.params.units])).toEqual([['Input', [2]], ['Dense', 2], ['Dense', 1]]);
    expect(p.graph.nodes[2]!.params.activation).toBe('sigmoid');
    expect(p.description).toMatch(/single perceptron cannot/);
  });

  it('use the agreed datasets', async () => {
    const ds = Object.fromEntries(await Promise.all(REQUIRED.map(async (id) => [id, (await loadTemplate(id)).dataset] as const)));
    expect(ds['linear-regression']).toEqual({ id: 'line' });
    expect(ds.autoencoder).toEqual({ id: 'mnist', options: { target: 'input' } });
    expect(ds['lstm-sequence']).toEqual({ id: 'sine' });
    expect(['blobs', 'skewed']).toContain(ds['logistic-regression']!.id);
  });

  it('listTemplates gives names and descriptions; bad ids are refused', async () => {
    const list = await listTemplates();
    expect(list.find((t) => t.id === 'mnist-convolutional')).toMatchObject({ name: 'MNIST — convolutional', dataset: 'mnist' });
    await expect(loadTemplate('../package')).rejects.toThrow("unknown template '../package'");
    await expect(loadTemplate('nope')).rejects.toThrow(/unknown template 'nope' \(known: perceptron, xor/);
  });
});
