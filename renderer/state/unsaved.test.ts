// When New, Open or a template would lose work: changes neither saved nor as opened.
import { describe, expect, it } from 'vitest';
import { blankProject } from '../../engine/project/blank.js';
import { createEditor, editorReducer, hasUnsavedWork, isDirty, present, type EditorAction, type EditorState } from './editor.js';
import { mlp } from './fixtures.js';

const run = (s: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, s);
const edit: EditorAction = { type: 'edit', edits: [{ type: 'setParam', nodeId: 'h', param: 'units', value: 8 }] };

describe('hasUnsavedWork', () => {
  it('a new project and a saved file have none; an edit has some; undoing it back has none', () => {
    expect(hasUnsavedWork(createEditor(blankProject()))).toBe(false);
    const s0 = createEditor(mlp(), 'x.layerlab.json');
    const s1 = run(s0, edit);
    expect(hasUnsavedWork(s1)).toBe(true);
    expect(hasUnsavedWork(run(s1, { type: 'undo' }))).toBe(false);
    expect(hasUnsavedWork(run(s1, { type: 'saved', project: present(s1), documentName: 'x.layerlab.json' }))).toBe(false);
  });

  it('a template opened and left alone is unsaved (dirty) but loses nothing; edited, it does', () => {
    const t = run(createEditor(blankProject()), { type: 'load', project: mlp(), documentName: null, saved: false });
    expect(isDirty(t)).toBe(true);
    expect(hasUnsavedWork(t)).toBe(false);
    expect(hasUnsavedWork(run(t, edit))).toBe(true);
  });

  it('recovered work is all unsaved, even before an edit', () => {
    const r = run(createEditor(blankProject()), { type: 'load', project: mlp(), documentName: null, saved: false, recovered: true });
    expect(hasUnsavedWork(r)).toBe(true);
  });
});
