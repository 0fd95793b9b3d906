// The application menu as data: File, Edit, View, Help. Edit items do not use Electron's
// roles: the canvas owns undo, clipboard and selection, so each item sends its action to the
// renderer, which decides (a focused text field gets the native behaviour there).
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuAction } from './contract.js';

export interface MenuOptions {
  isMac: boolean;
  appName: string;
  send(action: MenuAction): void;
  /** Adds the developer tools item. */
  dev?: boolean;
}

export function menuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const item = (label: string, action: MenuAction, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => o.send(action),
  });
  const sep: MenuItemConstructorOptions = { type: 'separator' };

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      item('New', 'file.new', 'CmdOrCtrl+N'),
      item('Open…', 'file.open', 'CmdOrCtrl+O'),
      item('Open Template…', 'file.openTemplate', 'CmdOrCtrl+Shift+O'),
      sep,
      item('Save', 'file.save', 'CmdOrCtrl+S'),
      item('Save As…', 'file.saveAs', 'CmdOrCtrl+Shift+S'),
      sep,
      item('Export…', 'file.export', 'CmdOrCtrl+E'),
      ...(o.isMac ? [] : [sep, { role: 'quit' } as MenuItemConstructorOptions]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      item('Undo', 'edit.undo', 'CmdOrCtrl+Z'),
      item('Redo', 'edit.redo', o.isMac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
      sep,
      item('Cut', 'edit.cut', 'CmdOrCtrl+X'),
      item('Copy', 'edit.copy', 'CmdOrCtrl+C'),
      item('Paste', 'edit.paste', 'CmdOrCtrl+V'),
      item('Duplicate', 'edit.duplicate', 'CmdOrCtrl+D'),
      item('Delete', 'edit.delete', 'Delete'),
      sep,
      item('Select All', 'edit.selectAll', 'CmdOrCtrl+A'),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      item('Zoom to Fit', 'view.zoomToFit', 'Shift+1'),
      item('Auto-layout', 'view.autoLayout', 'CmdOrCtrl+L'),
      item('Toggle Minimap', 'view.toggleMinimap'),
      item('Light / Dark Theme', 'view.toggleTheme'),
      sep,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      sep,
      { role: 'togglefullscreen' },
      ...(o.dev ? [sep, { role: 'toggleDevTools' } as MenuItemConstructorOptions] : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [item('Keyboard Shortcuts', 'help.shortcuts', 'CmdOrCtrl+/'), item(`About ${o.appName}`, 'help.about')],
  };
  const mac: MenuItemConstructorOptions[] = o.isMac
    ? [{ label: o.appName, submenu: [{ role: 'about' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }] }]
    : [];
  return [...mac, file, edit, view, help];
}
