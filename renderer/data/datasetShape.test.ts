import { describe, expect, it } from 'vitest';
import type { Project } from '../../engine/project/types.js';
import { testProject } from '../../engine/project/fixtures.js';
import { applyEdit } from '../state/edits.js';
import { datasetShapeAction, shapeText } from './datasetShape.js';

function project(inputs: number, dataset: Project['dataset'] = { id: 'mnist' }): Project {
  const nodes = Array.from({ length: inputs }, (_, i) => ({ id: `in${i}`, kind: 'Input', params: { shape: [2] }, position: { x: 0, y: i * 100 } }));
  return testProject({ nodes: [...nodes, { id: 'dense', kind: 'Dense', params: { units: 1 }, position: { x: 0, y: 500 } }], dataset });
}

describe('datasetShapeAction (the Data view and the inspector alike)', () => {
  it('gives the one Input node the dataset shape in one edit', () => {
    const p = project(1);
    const a = datasetShapeAction(p, [28, 28, 1]);
    expect(a.note).toBeNull();
    expect(applyEdit(p, a.edit!).graph.nodes[0]!.params.shape).toEqual([28, 28, 1]);
    // The inspector names its node: the same edit.
    expect(datasetShapeAction(p, [28, 28, 1], 'in0')).toEqual(a);
  });

  it('sets the named node where the network has several Inputs', () => {
    const p = project(2);
    expect(datasetShapeAction(p, [4])).toMatchObject({ note: expect.stringContaining('2 Input layers'), edit: null });
    const a = datasetShapeAction(p, [4], 'in1');
    const nodes = applyEdit(p, a.edit!).graph.nodes;
    expect(nodes.map((n) => n.params.shape)).toEqual([[2], [4], undefined]);
  });

  it('says why it cannot apply', () => {
    expect(datasetShapeAction(project(1, {}), [4])).toEqual({ note: 'the project has no dataset', edit: null });
    expect(datasetShapeAction(project(1), undefined)).toEqual({ note: "the dataset's input shape is not known (it has not loaded)", edit: null });
    expect(datasetShapeAction(project(1), [2])).toEqual({ note: 'the Input layer already has this shape', edit: null });
    expect(datasetShapeAction(project(0), [2])).toEqual({ note: 'the network has no Input layer', edit: null });
    expect(datasetShapeAction(project(1), [2, 1], 'dense')).toEqual({ note: 'dense is not an Input layer', edit: null });
  });

  it('writes the shape as the button shows it', () => {
    expect(shapeText([28, 28, 1])).toBe('28×28×1');
    expect(shapeText([4])).toBe('4');
  });
});
