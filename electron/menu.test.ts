import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { ACTIONS, type ActionSpec } from './actions.js';
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
    expect(sent).toEqual(['edit.undo', 'edit.redo', 'edit.cut', 'edit.copy', 'edit.paste', 'edit.duplicate', 'edit.delete', 'edit.group', 'edit.ungroup', 'edit.selectAll']);
    const save = (m[0]!.submenu as MenuItemConstructorOptions[]).find((i) => i.label === 'Save')!;
    expect(save.accelerator).toBe('CmdOrCtrl+S');
  });

  it('puts the app menu first on macOS and its redo on Cmd+Shift+Z', () => {
    const m = menuTemplate({ isMac: true, appName: 'LayerLab', send: () => {} });
    expect(m[0]!.label).toBe('LayerLab');
    const redo = (m[2]!.submenu as MenuItemConstructorOptions[]).find((i) => i.label === 'Redo')!;
    expect(redo.accelerator).toBe('Cmd+Shift+Z');
  });

  it('is the action table: every action once, in its menu, with its label and keys', () => {
    for (const isMac of [false, true]) {
      const sent: MenuAction[] = [];
      const m = menuTemplate({ isMac, appName: 'LayerLab', send: (a) => sent.push(a) });
      const byMenu = { file: m[isMac ? 1 : 0], edit: m[isMac ? 2 : 1], view: m[isMac ? 3 : 2], help: m[isMac ? 4 : 3] };
      const clicked: string[] = [];
      for (const [menu, top] of Object.entries(byMenu)) {
        for (const i of (top!.submenu ?? []) as MenuItemConstructorOptions[]) {
          if (!i.click) continue;
          const before = sent.length;
          (i.click as () => void)();
          expect(sent.length).toBe(before + 1);
          const a = ACTIONS.find((x) => x.id === sent.at(-1))!;
          expect(a.menu).toBe(menu);
          expect(i.label).toBe(a.id === 'help.about' ? 'About LayerLab' : a.label);
          const spec: ActionSpec = a;
          expect(i.accelerator).toBe(isMac ? (spec.macAccelerator ?? spec.accelerator) : spec.accelerator);
          clicked.push(a.id);
        }
      }
      expect(clicked).toEqual(ACTIONS.map((a) => a.id));
    }
  });

  it('parts the groups of a menu with one separator and has the keys people expect', () => {
    const m = menuTemplate({ isMac: false, appName: 'LayerLab', send: () => {} });
    const file = (m[0]!.submenu as MenuItemConstructorOptions[]).map((i) => i.label ?? i.type ?? i.role);
    expect(file).toEqual(['New', 'Open…', 'Open Template…', 'separator', 'Save', 'Save As…', 'separator', 'Export…', 'separator', 'quit']);
    const all = m.flatMap((x) => (x.submenu ?? []) as MenuItemConstructorOptions[]);
    const key = (label: string) => all.find((i) => i.label === label)?.accelerator;
    expect(key('Open Template…')).toBe('CmdOrCtrl+Shift+O');
    expect(key('Keyboard Shortcuts')).toBe('CmdOrCtrl+/');
    expect(key('Redo')).toBe('Ctrl+Y');
    expect(key('Toggle Minimap')).toBeUndefined();
  });
});
