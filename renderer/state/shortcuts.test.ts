import { describe, expect, it } from 'vitest';
import { ACTIONS, ACTION_IDS, acceleratorsOf, type ActionSpec } from '../../electron/actions.js';
import { SHORTCUTS, isTextTarget, parseAccelerator, shortcutFor } from './shortcuts.js';

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
    expect(shortcutFor(k('g', { ctrl: true }))).toBe('edit.group');
    expect(shortcutFor(k('G', { ctrl: true, shift: true }))).toBe('edit.ungroup');
    expect(shortcutFor(k('z'))).toBeNull();
  });

  it('matches every accelerator of the action table, on Ctrl and on Cmd', () => {
    let checked = 0;
    for (const a of ACTIONS as readonly ActionSpec[]) {
      for (const acc of acceleratorsOf(a)) {
        const t = parseAccelerator(acc);
        for (const m of t.mod ? [{ ctrl: true }, { meta: true }] : [{}]) {
          expect(shortcutFor(k(t.key, { ...m, shift: t.shift })), `${a.id} on ${acc} ${JSON.stringify(m)}`).toBe(a.id);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(ACTIONS.length);
  });

  it('takes the menu-only keys in the page too: Ctrl+Shift+O opens templates, Ctrl+/ the shortcuts', () => {
    expect(shortcutFor(k('O', { ctrl: true, shift: true }))).toBe('file.openTemplate');
    expect(shortcutFor(k('o', { ctrl: true }))).toBe('file.open');
    expect(shortcutFor(k('/', { ctrl: true }))).toBe('help.shortcuts');
    expect(shortcutFor(k('/', { meta: true }))).toBe('help.shortcuts');
    expect(shortcutFor(k('/'))).toBeNull();
    // Shift+1 arrives as "!"; Backspace deletes like Delete; a modifier changes the action.
    expect(shortcutFor(k('!', { shift: true }))).toBe('view.zoomToFit');
    expect(shortcutFor(k('1'))).toBeNull();
    expect(shortcutFor(k('Backspace'))).toBe('edit.delete');
    expect(shortcutFor(k('Delete', { ctrl: true }))).toBeNull();
  });

  it('refuses an accelerator it cannot test, naming it', () => {
    expect(() => parseAccelerator('Alt+F4')).toThrow(/accelerator "Alt\+F4": modifier "alt"/);
    expect(() => parseAccelerator('Ctrl+')).toThrow(/no key/);
  });

  it('every shortcut names a menu action', () => {
    for (const s of SHORTCUTS) expect(ACTION_IDS).toContain(s.action);
  });

  it('text fields keep their keys; checkboxes do not', () => {
    expect(isTextTarget({ tagName: 'INPUT', type: 'number' } as unknown as EventTarget)).toBe(true);
    expect(isTextTarget({ tagName: 'INPUT', type: 'checkbox' } as unknown as EventTarget)).toBe(false);
    expect(isTextTarget({ tagName: 'DIV' } as unknown as EventTarget)).toBe(false);
    expect(isTextTarget(null)).toBe(false);
  });
});
