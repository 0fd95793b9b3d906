import { describe, expect, it } from 'vitest';
import { createEditor, editorReducer } from '../state/editor.js';
import { mlp } from '../state/fixtures.js';
import { applyBestEdits, searchableParams, suggestRange, suggestValues } from './searchParams.js';

describe('apply the best', () => {
  it('writes a node parameter and training settings as ONE undo step, and undo brings all of them back', () => {
    const start = mlp();
    let s = createEditor(start);
    s = editorReducer(s, { type: 'edit', edits: [{ type: 'rename', name: 'before' }] }); // an earlier step
    const before = s.history.present;
    const edits = applyBestEdits(before, { 'h.units': 16, 'training.optimizer.learningRate': 0.01, 'training.batchSize': 2 });
    s = editorReducer(s, { type: 'edit', edits });
    const p = s.history.present;
    expect(p.graph.nodes[1]!.params.units).toBe(16);
    expect(p.training.optimizer).toEqual({ kind: 'adam', learningRate: 0.01 });
    expect(p.training.batchSize).toBe(2);
    expect(s.history.past).toHaveLength(2); // the rename and the apply, nothing more
    s = editorReducer(s, { type: 'undo' });
    expect(s.history.present).toBe(before);
    expect(s.history.present.training.optimizer.learningRate).toBe(0.05);
    expect(s.history.present.graph.nodes[1]!.params.units).toBe(4);
    s = editorReducer(s, { type: 'redo' });
    expect(s.history.present.training.optimizer.learningRate).toBe(0.01);
  });

  it('names a path the project no longer has', () => {
    expect(() => applyBestEdits(mlp(), { 'gone.units': 3 })).toThrow(/cannot apply gone.units: .*no node 'gone'/);
  });
});

describe('searchable parameters', () => {
  it('offers the training settings and the nodes’ number and choice parameters, not the Input’s shape', () => {
    const ps = searchableParams(mlp());
    const paths = ps.map((p) => p.path);
    expect(paths.slice(0, 3)).toEqual(['training.optimizer.learningRate', 'training.batchSize', 'training.epochs']);
    expect(paths).toContain('h.units');
    expect(paths).toContain('h.activation');
    expect(paths.some((p) => p.startsWith('in.'))).toBe(false);
    const lr = ps[0]!;
    expect(lr).toMatchObject({ log: true, current: 0.05 });
    expect(suggestValues(lr)).toBe('0.005, 0.05');
    expect(suggestRange(lr)).toEqual([0.0005, 0.05]);
    expect(suggestValues(ps.find((p) => p.path === 'h.units')!)).toBe('2, 4, 8');
  });
});
