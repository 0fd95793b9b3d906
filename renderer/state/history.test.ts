import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, canRedo, canUndo, commit, createHistory, record, redo, undo } from './history.js';

describe('history', () => {
  it('undoes and redoes immediate edits in order', () => {
    let h = createHistory('a');
    h = record(h, 'b', 'immediately');
    h = record(h, 'c', 'immediately');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    h = redo(redo(h));
    expect(h.present).toBe('c');
    expect(canRedo(h)).toBe(false);
  });

  it('a new edit after undo drops the redo branch', () => {
    let h = record(record(createHistory(1), 2, 'immediately'), 3, 'immediately');
    h = record(undo(h), 9, 'immediately');
    expect(h.future).toEqual([]);
    expect(undo(h).present).toBe(2);
  });

  it('a drag (many transient edits) is one undo step', () => {
    let h = createHistory({ x: 0 });
    for (let x = 1; x <= 50; x++) h = record(h, { x }, 'eventually');
    h = commit(h);
    expect(h.past).toHaveLength(1);
    expect(undo(h).present).toEqual({ x: 0 });
    expect(redo(undo(h)).present).toEqual({ x: 50 });
  });

  it('undo in the middle of a drag returns to before the drag', () => {
    let h = createHistory('start');
    h = record(h, 'moving1', 'eventually');
    h = record(h, 'moving2', 'eventually');
    expect(undo(h).present).toBe('start');
  });

  it('an immediate edit after transient ones folds them into the same step base', () => {
    let h = createHistory('a');
    h = record(h, 'a1', 'eventually');
    h = record(h, 'b', 'immediately');
    expect(h.past).toEqual(['a']);
  });

  it('never-captured edits leave no step', () => {
    const h = record(createHistory('a'), 'b', 'never');
    expect(h.present).toBe('b');
    expect(canUndo(h)).toBe(false);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let h = createHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 20; i++) h = record(h, i, 'immediately');
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe(20);
  });
});
