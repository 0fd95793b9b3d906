import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuAction } from './contract.js';
import { menuTemplate } from './menu.js';

function labels(menu: MenuItemConstructorOptions | undefined): string[] {
  return ((menu?.submenu ?? []) as MenuItemConstructorOptions[]).filter((i) => i.label).map((i) => i.label!);
}

describe('application menu', () => {
  it('has File, Edit, View and Help with their items', () => {
    const m = menuTemplate({ isMac: false, appName: 'LayerLab', send: () => {} });
    expect(m.map((x) => x.label ?? x.role)).toEqual(['File', 'Edit', 'View', 'help']);
    expect(labels(m[0])).toEqual(['New', 'Open…', 'Open Template…', 'Save', 'Save As…', 'Export…']);
    expect(labels(m[1])).toEqual(expect.arrayContaining(['Undo', 'Redo', 'Cut', 'Copy', 'Paste', 'Delete', 'Select All']));
    expect(labels(m[3])).toContain('Keyboard Shortcuts');
  });

  it('sends Edit actions to the renderer instead of using native roles', () => {
    const sent: MenuAction[] = [];
    const m = menuTemplate({ isMac: false, appName: 'LayerLab', send: (a) => sent.push(a) });
    const edit = m[1]!.submenu as MenuItemConstructorOptions[];
    for (const i of edit) {
      expect(i.role).toBeUndefined();
      (i.click as (() => void) | undefined)?.();
    }
    expect(sent).toEqual(['edit.undo', 'edit.redo', 'edit.cut', 'edit.copy', 'edit.paste', 'edit.duplicate', 'edit.delete', 'edit.selectAll']);
    const save = (m[0]!.submenu as MenuItemConstructorOptions[]).find((i) => i.label === 'Save')!;
    expect(save.accelerator).toBe('CmdOrCtrl+S');
  });

  it('puts the app menu first on macOS and its redo on Cmd+Shift+Z', () => {
    const m = menuTemplate({ isMac: true, appName: 'LayerLab', send: () => {} });
    expect(m[0]!.label).toBe('LayerLab');
    const redo = (m[2]!.submenu as MenuItemConstructorOptions[]).find((i) => i.label === 'Redo')!;
    expect(redo.accelerator).toBe('Cmd+Shift+Z');
  });
});
