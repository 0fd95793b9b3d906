import { describe, expect, it } from 'vitest';
import { createEditor, editorReducer, isDirty, present, type EditorAction, type EditorState } from './editor.js';
import { mlp } from './fixtures.js';
import { createStore } from './store.js';

const run = (s: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, s);

describe('editor reducer', () => {
  it('an edit makes the document dirty; undo back to the saved state makes it clean', () => {
    const s0 = createEditor(mlp(), 'x.layerlab.json');
    expect(isDirty(s0)).toBe(false);
    const s1 = run(s0, { type: 'edit', edits: [{ type: 'setParam', nodeId: 'h', param: 'units', value: 8 }] });
    expect(isDirty(s1)).toBe(true);
    expect(isDirty(run(s1, { type: 'undo' }))).toBe(false);
    const s2 = run(s1, { type: 'saved', project: present(s1), documentName: 'x.layerlab.json' });
    expect(isDirty(s2)).toBe(false);
  });

  it('a drag is one undo step and deletion prunes the selection', () => {
    let s = createEditor(mlp());
    for (let y = 101; y < 140; y++) s = run(s, { type: 'edit', edits: [{ type: 'moveNodes', moves: [{ id: 'h', position: { x: 0, y } }] }], capture: 'eventually' });
    s = run(s, { type: 'commit' });
    expect(s.history.past).toHaveLength(1);
    s = run(s, { type: 'select', selection: { nodes: ['h', 'out'], edges: ['e1'] } });
    s = run(s, { type: 'edit', edits: [{ type: 'remove', nodeIds: ['h'], edgeIds: [] }] });
    expect(s.selection).toEqual({ nodes: ['out'], edges: [] });
    s = run(s, { type: 'undo' }, { type: 'undo' });
    expect(present(s).graph.nodes.find((n) => n.id === 'h')!.position.y).toBe(100);
  });

  it('no-op edits and impossible undo/redo keep the same state object', () => {
    const s = createEditor(mlp());
    expect(run(s, { type: 'undo' })).toBe(s);
    expect(run(s, { type: 'redo' })).toBe(s);
    expect(run(s, { type: 'edit', edits: [{ type: 'connect', source: 'h', target: 'in' }] })).toBe(s);
  });

  it('loading replaces the history', () => {
    let s = run(createEditor(mlp()), { type: 'edit', edits: [{ type: 'rename', name: 'n' }] });
    s = run(s, { type: 'load', project: mlp(), documentName: null, saved: false });
    expect(s.history.past).toEqual([]);
    expect(isDirty(s)).toBe(true);
  });

  it('the store notifies subscribers only on change', () => {
    const store = createStore(createEditor(mlp()));
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.dispatch({ type: 'undo' });
    store.dispatch({ type: 'edit', edits: [{ type: 'rename', name: 'renamed' }] });
    off();
    store.dispatch({ type: 'undo' });
    expect(calls).toBe(1);
    expect(store.get().history.present.name).toBe('test');
  });
});

describe('freezing a node', () => {
  it('sets trainable: false, thawing removes the field, each one undo step; the checker counts no trainable weights for it', async () => {
    const { check } = await import('../../engine/check/check.js');
    const s0 = createEditor(mlp(), 'x.layerlab.json');
    const total = check(present(s0)).trainableParams;
    const s1 = run(s0, { type: 'edit', edits: [{ type: 'setTrainable', nodeId: 'h', trainable: false }] });
    const h = present(s1).graph.nodes.find((n) => n.id === 'h')!;
    expect(h.trainable).toBe(false);
    const frozen = check(present(s1));
    expect(frozen.trainableParams).toBe(total - frozen.nodes.find((n) => n.id === 'h')!.params);
    expect(frozen.trainableParams).toBeLessThan(total);
    // Freezing a frozen node changes nothing (no empty undo step).
    expect(run(s1, { type: 'edit', edits: [{ type: 'setTrainable', nodeId: 'h', trainable: false }] })).toBe(s1);
    const s2 = run(s1, { type: 'edit', edits: [{ type: 'setTrainable', nodeId: 'h', trainable: true }] });
    expect('trainable' in present(s2).graph.nodes.find((n) => n.id === 'h')!).toBe(false);
    expect(present(run(s2, { type: 'undo' })).graph.nodes.find((n) => n.id === 'h')!.trainable).toBe(false);
    expect(present(run(s2, { type: 'undo' }, { type: 'undo' }))).toEqual(mlp());
  });
});
