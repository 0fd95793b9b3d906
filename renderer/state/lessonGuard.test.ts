import { describe, expect, it } from 'vitest';
import { lessonSchema, stepDone } from '../../engine/project/lesson.js';
import { createEditor, editorReducer, present, type EditorAction, type EditorState } from './editor.js';
import { mlp } from './fixtures.js';

const run = (s: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, s);
const lesson = (over: Record<string, unknown>) => lessonSchema.parse({ title: 'T', instructions: '', steps: [], ...over });
const withLesson = (over: Record<string, unknown>) => ({ ...mlp(), lesson: lesson(over) });

describe("a lesson's locks in the editor", () => {
  it('drops edits to the network when the graph is locked, whichever edit it is', () => {
    let s = createEditor(withLesson({ locked: ['graph'] }));
    const before = present(s);
    s = run(
      s,
      { type: 'edit', edits: [{ type: 'addNode', kind: 'Dense', position: { x: 0, y: 0 } }] },
      { type: 'edit', edits: [{ type: 'remove', nodeIds: ['h'], edgeIds: [] }] },
      { type: 'edit', edits: [{ type: 'setParam', nodeId: 'h', param: 'units', value: 3 }] },
    );
    expect(present(s)).toBe(before);
    expect(s.history.past).toHaveLength(0);
    // Moving nodes is not a change to the network.
    s = run(s, { type: 'edit', edits: [{ type: 'moveNodes', moves: [{ id: 'h', position: { x: 5, y: 5 } }] }] });
    expect(present(s).graph.nodes.find((n) => n.id === 'h')!.position).toEqual({ x: 5, y: 5 });
  });

  it('offers only the palette kinds the lesson names', () => {
    let s = createEditor(withLesson({ palette: ['Dense'] }));
    s = run(s, { type: 'edit', edits: [{ type: 'addNode', kind: 'Conv2D', position: { x: 0, y: 0 } }] });
    expect(present(s).graph.nodes.some((n) => n.kind === 'Conv2D')).toBe(false);
    s = run(s, { type: 'edit', edits: [{ type: 'addNode', kind: 'Dense', position: { x: 0, y: 0 } }] });
    expect(present(s).graph.nodes.filter((n) => n.kind === 'Dense')).toHaveLength(mlp().graph.nodes.filter((n) => n.kind === 'Dense').length + 1);
  });

  it('keeps locked training fields and lets the others change, the learning rate apart from the optimizer', () => {
    let s = createEditor(withLesson({ locked: ['optimizer', 'epochs'], hidden: ['dataset'] }));
    const t0 = present(s).training;
    s = run(s, { type: 'edit', edits: [{ type: 'setTraining', patch: { epochs: 99, batchSize: 7, optimizer: { kind: 'sgd', learningRate: 0.5 } } }] });
    const t = present(s).training;
    expect(t.epochs).toBe(t0.epochs);
    expect(t.batchSize).toBe(7);
    expect(t.optimizer).toEqual({ ...t0.optimizer, learningRate: 0.5 });
    s = run(s, { type: 'edit', edits: [{ type: 'setDataset', dataset: { id: 'mnist' } }] });
    expect(present(s).dataset).toEqual(mlp().dataset);
  });

  it('holds the lesson itself still for the student, not for the teacher preparing it', () => {
    let s = createEditor(withLesson({ locked: ['graph'] }));
    const edit: EditorAction = { type: 'edit', edits: [{ type: 'setLesson', lesson: lesson({ title: 'changed' }) }] };
    expect(present(run(s, edit)).lesson!.title).toBe('T');
    s = run(s, { type: 'lessonEditing', on: true }, edit, { type: 'edit', edits: [{ type: 'addNode', kind: 'Dense', position: { x: 0, y: 0 } }] });
    expect(present(s).lesson!.title).toBe('changed');
    expect(present(s).graph.nodes).toHaveLength(mlp().graph.nodes.length + 1);
    // Opening a document ends the preparing.
    expect(run(s, { type: 'load', project: withLesson({}), documentName: null, saved: true }).lessonEditing).toBe(false);
  });
});

describe('steps the app ticks', () => {
  const state = { kinds: { Dense: 2, Input: 1 }, accuracy: 0.95, trained: true };
  it('counts layers, reads the accuracy and whether a run finished', () => {
    expect(stepDone({ kind: 'layers', layer: 'Dense', atLeast: 2 }, state)).toBe(true);
    expect(stepDone({ kind: 'layers', layer: 'Dense', atLeast: 3 }, state)).toBe(false);
    expect(stepDone({ kind: 'layers', layer: 'Conv2D', atLeast: 1 }, state)).toBe(false);
    expect(stepDone({ kind: 'accuracy', atLeast: 0.99 }, state)).toBe(false);
    expect(stepDone({ kind: 'accuracy', atLeast: 0.9 }, { ...state, accuracy: null })).toBe(false);
    expect(stepDone({ kind: 'trained' }, { ...state, trained: false })).toBe(false);
    expect(stepDone(undefined, state)).toBeNull();
  });
});
