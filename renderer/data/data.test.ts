import { describe, expect, it } from 'vitest';
import { applyEdit } from '../state/edits.js';
import { csvHeader, looksLikeHeader } from './csvHeader.js';
import { inputShapeEdit } from './inputShape.js';
import type { Project } from '../../engine/project/types.js';

describe('csvHeader', () => {
  it('reads the first line, quotes and the likely delimiter', () => {
    expect(csvHeader('sepal_length,sepal_width,species\n5.1,3.5,Iris-setosa\n')).toEqual(['sepal_length', 'sepal_width', 'species']);
    expect(csvHeader('\uFEFF"a, b";"say ""hi""";c\r\n1;2;3')).toEqual(['a, b', 'say "hi"', 'c']);
    expect(csvHeader('x\ty\tlabel')).toEqual(['x', 'y', 'label']);
    expect(csvHeader('')).toEqual([]);
  });
  it('tells names from data', () => {
    expect(looksLikeHeader(['a', '1'])).toBe(true);
    expect(looksLikeHeader(['1.5', '-2', '3e4'])).toBe(false);
  });
});

describe('inputShapeEdit', () => {
  const withInputs = (n: number): Project => {
    const p: Project = {
      format: 'layerlab-project',
      version: 1,
      name: 't',
      graph: { nodes: [], edges: [] },
      dataset: { id: 'xor' },
      training: { optimizer: { kind: 'sgd', learningRate: 0.1 }, loss: 'meanSquaredError', metrics: [], epochs: 1, batchSize: 4, validationSplit: 0 },
    };
    const nodes = Array.from({ length: n }, (_, i) => ({ id: `in${i}`, kind: 'Input', params: { shape: [2] }, position: { x: 0, y: i * 100 } }));
    return { ...p, graph: { nodes, edges: [] } };
  };
  it('sets the one Input node to the dataset shape', () => {
    const p = withInputs(1);
    const r = inputShapeEdit(p, [28, 28, 1]);
    expect(r.ok && r.same).toBe(false);
    if (!r.ok) throw new Error(r.reason);
    expect(applyEdit(p, r.edit).graph.nodes[0]!.params.shape).toEqual([28, 28, 1]);
    expect(inputShapeEdit(p, [2])).toMatchObject({ ok: true, same: true });
  });
  it('says why when there is no single Input', () => {
    expect(inputShapeEdit(withInputs(0), [2])).toEqual({ ok: false, reason: 'the network has no Input layer' });
    expect(inputShapeEdit(withInputs(2), [2])).toMatchObject({ ok: false, reason: expect.stringContaining('2 Input layers') });
  });
});
