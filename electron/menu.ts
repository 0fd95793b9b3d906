// The application menu: File, Edit, View, Help, its items and keys read from the action
// table (actions.ts), with Electron's own roles (quit, zoom, full screen) around them. Edit
// items do not use Electron's roles: the canvas owns undo, clipboard and selection, so each
// item sends its action to the renderer, which decides (a focused text field gets the native
// behaviour there).
import type { MenuItemConstructorOptions } from 'electron';
import { ACTIONS, type ActionId, type ActionSpec } from './actions.js';

export interface MenuOptions {
  isMac: boolean;
  appName: string;
  send(action: ActionId): void;
  /** Adds the developer tools item. */
  dev?: boolean;
}

export function menuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  /** One menu's items from the action table, in its order, a separator between groups. */
  const items = (menu: ActionSpec['menu']): MenuItemConstructorOptions[] => {
    const out: MenuItemConstructorOptions[] = [];
    let group: number | null = null;
    for (const a of ACTIONS) {
      if (a.menu !== menu) continue;
      if (group !== null && a.group !== group) out.push(sep);
      group = a.group;
      const spec: ActionSpec = a;
      const accelerator = o.isMac ? (spec.macAccelerator ?? spec.accelerator) : spec.accelerator;
      out.push({
        label: a.id === 'help.about' ? `About ${o.appName}` : a.label,
        ...(accelerator ? { accelerator } : {}),
        click: () => o.send(a.id),
      });
    }
    return out;
  };

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [...items('file'), ...(o.isMac ? [] : [sep, { role: 'quit' } as MenuItemConstructorOptions])],
  };
  const edit: MenuItemConstructorOptions = { label: 'Edit', submenu: items('edit') };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...items('view'),
      sep,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      sep,
      { role: 'togglefullscreen' },
      ...(o.dev ? [sep, { role: 'toggleDevTools' } as MenuItemConstructorOptions] : []),
    ],
  };
  const help: MenuItemConstructorOptions = { role: 'help', submenu: items('help') };
  const mac: MenuItemConstructorOptions[] = o.isMac
    ? [{ label: o.appName, submenu: [{ role: 'about' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }] }]
    : [];
  return [...mac, file, edit, view, help];
}
