import { describe, expect, it } from 'vitest';
import { MENU_ACTIONS } from '../../electron/contract.js';
import { SHORTCUTS, isTextTarget, shortcutFor } from './shortcuts.js';

const k = (key: string, m: Partial<{ ctrl: boolean; shift: boolean; meta: boolean }> = {}) => ({
  key,
  ctrlKey: !!m.ctrl,
  metaKey: !!m.meta,
  shiftKey: !!m.shift,
  altKey: false,
});

describe('shortcuts', () => {
  it('maps the standard keys to actions', () => {
    expect(shortcutFor(k('z', { ctrl: true }))).toBe('edit.undo');
    expect(shortcutFor(k('Z', { ctrl: true, shift: true }))).toBe('edit.redo');
    expect(shortcutFor(k('y', { ctrl: true }))).toBe('edit.redo');
    expect(shortcutFor(k('z', { meta: true }))).toBe('edit.undo');
    expect(shortcutFor(k('c', { ctrl: true }))).toBe('edit.copy');
    expect(shortcutFor(k('v', { ctrl: true }))).toBe('edit.paste');
    expect(shortcutFor(k('d', { ctrl: true }))).toBe('edit.duplicate');
    expect(shortcutFor(k('a', { ctrl: true }))).toBe('edit.selectAll');
    expect(shortcutFor(k('s', { ctrl: true }))).toBe('file.save');
    expect(shortcutFor(k('S', { ctrl: true, shift: true }))).toBe('file.saveAs');
    expect(shortcutFor(k('Delete'))).toBe('edit.delete');
    expect(shortcutFor(k('z'))).toBeNull();
  });

  it('every shortcut names a menu action', () => {
    for (const s of SHORTCUTS) expect(MENU_ACTIONS).toContain(s.action);
  });

  it('text fields keep their keys; checkboxes do not', () => {
    expect(isTextTarget({ tagName: 'INPUT', type: 'number' } as unknown as EventTarget)).toBe(true);
    expect(isTextTarget({ tagName: 'INPUT', type: 'checkbox' } as unknown as EventTarget)).toBe(false);
    expect(isTextTarget({ tagName: 'DIV' } as unknown as EventTarget)).toBe(false);
    expect(isTextTarget(null)).toBe(false);
  });
});
