// Every user-level action as data: its id, its label, its keys and when its keys apply. The
// application menu, the page's key handler, the shortcuts dialog and the toolbars read this
// table; useCommands (renderer/app) performs each action. Pure: no Electron, React or Node,
// so the main process and the renderer import the same table.

/** Where an action's keys apply in the page (the Electron menu's accelerators always fire). */
export type ActionWhen =
  /** Not while a dialog is open or a text field has focus (the field keeps its keys). */
  | 'editor'
  /** As `editor`, and text selected on the page (a message, the summary) keeps the
   *  browser's own behaviour unless layers are selected. */
  | 'editorNoTextSelection';

export interface ActionSpec {
  readonly id: string;
  /** As the menu, the toolbar and the shortcuts dialog show it. */
  readonly label: string;
  readonly menu: 'file' | 'edit' | 'view' | 'help';
  /** Items of one menu with a different group are parted by a separator. */
  readonly group: number;
  /** Electron accelerator syntax ("CmdOrCtrl+Shift+O"); shown in the menu. */
  readonly accelerator?: string;
  /** The menu's accelerator on macOS, where it differs. */
  readonly macAccelerator?: string;
  /** Further keys the page accepts for it (not shown in the menu). */
  readonly alternates?: readonly string[];
  readonly when: ActionWhen;
}

export const ACTIONS = [
  { id: 'file.new', label: 'New', menu: 'file', group: 0, accelerator: 'CmdOrCtrl+N', when: 'editor' },
  { id: 'file.open', label: 'Open…', menu: 'file', group: 0, accelerator: 'CmdOrCtrl+O', when: 'editor' },
  { id: 'file.openTemplate', label: 'Open Template…', menu: 'file', group: 0, accelerator: 'CmdOrCtrl+Shift+O', when: 'editor' },
  { id: 'file.save', label: 'Save', menu: 'file', group: 1, accelerator: 'CmdOrCtrl+S', when: 'editor' },
  { id: 'file.saveAs', label: 'Save As…', menu: 'file', group: 1, accelerator: 'CmdOrCtrl+Shift+S', when: 'editor' },
  { id: 'file.export', label: 'Export…', menu: 'file', group: 2, accelerator: 'CmdOrCtrl+E', when: 'editor' },
  { id: 'edit.undo', label: 'Undo', menu: 'edit', group: 0, accelerator: 'CmdOrCtrl+Z', when: 'editor' },
  {
    id: 'edit.redo',
    label: 'Redo',
    menu: 'edit',
    group: 0,
    accelerator: 'Ctrl+Y',
    macAccelerator: 'Cmd+Shift+Z',
    alternates: ['CmdOrCtrl+Shift+Z', 'CmdOrCtrl+Y'],
    when: 'editor',
  },
  { id: 'edit.cut', label: 'Cut', menu: 'edit', group: 1, accelerator: 'CmdOrCtrl+X', when: 'editor' },
  { id: 'edit.copy', label: 'Copy', menu: 'edit', group: 1, accelerator: 'CmdOrCtrl+C', when: 'editorNoTextSelection' },
  { id: 'edit.paste', label: 'Paste', menu: 'edit', group: 1, accelerator: 'CmdOrCtrl+V', when: 'editor' },
  { id: 'edit.duplicate', label: 'Duplicate', menu: 'edit', group: 1, accelerator: 'CmdOrCtrl+D', when: 'editor' },
  { id: 'edit.delete', label: 'Delete', menu: 'edit', group: 1, accelerator: 'Delete', alternates: ['Backspace'], when: 'editor' },
  // Blocks: the selection becomes one named block (and back).
  { id: 'edit.group', label: 'Group into Block', menu: 'edit', group: 2, accelerator: 'CmdOrCtrl+G', when: 'editor' },
  { id: 'edit.ungroup', label: 'Ungroup Block', menu: 'edit', group: 2, accelerator: 'CmdOrCtrl+Shift+G', when: 'editor' },
  { id: 'edit.selectAll', label: 'Select All', menu: 'edit', group: 2, accelerator: 'CmdOrCtrl+A', when: 'editorNoTextSelection' },
  { id: 'view.zoomToFit', label: 'Zoom to Fit', menu: 'view', group: 0, accelerator: 'Shift+1', when: 'editor' },
  { id: 'view.autoLayout', label: 'Auto-layout', menu: 'view', group: 0, accelerator: 'CmdOrCtrl+L', when: 'editor' },
  { id: 'view.toggleMinimap', label: 'Toggle Minimap', menu: 'view', group: 0, when: 'editor' },
  { id: 'view.toggleTheme', label: 'Light / Dark Theme', menu: 'view', group: 0, when: 'editor' },
  { id: 'help.shortcuts', label: 'Keyboard Shortcuts', menu: 'help', group: 0, accelerator: 'CmdOrCtrl+/', when: 'editor' },
  { id: 'help.about', label: 'About LayerLab', menu: 'help', group: 0, when: 'editor' },
] as const satisfies readonly ActionSpec[];

export type ActionId = (typeof ACTIONS)[number]['id'];
/** The ids as a non-empty tuple, for z.enum. */
export const ACTION_IDS = ACTIONS.map((a) => a.id) as [ActionId, ...ActionId[]];

export function actionById(id: ActionId): ActionSpec {
  const a = ACTIONS.find((x) => x.id === id);
  if (!a) throw new Error(`unknown action "${id}"`);
  return a;
}

/** Every accelerator of an action: the menu's (both platforms) and the alternates. */
export function acceleratorsOf(a: ActionSpec): string[] {
  const all = [a.accelerator, a.macAccelerator, ...(a.alternates ?? [])].filter((x): x is string => !!x);
  return [...new Set(all)];
}

/** An accelerator as people read it: "CmdOrCtrl+Shift+O" is "Ctrl+Shift+O" (or "Cmd+Shift+O" on macOS). */
export function keyLabel(accelerator: string, isMac = false): string {
  const mod = isMac ? 'Cmd' : 'Ctrl';
  return accelerator
    .split('+')
    .map((p) => (p === 'CmdOrCtrl' || p === 'CommandOrControl' ? mod : p === 'Command' ? 'Cmd' : p === 'Control' ? 'Ctrl' : p))
    .join('+');
}

/** This platform's keys for an action as one line: "Ctrl+Y / Ctrl+Shift+Z"; '' when it has none. */
export function keysLabel(a: ActionSpec, isMac = false): string {
  const menuKey = isMac ? (a.macAccelerator ?? a.accelerator) : a.accelerator;
  const keys = [menuKey, ...(a.alternates ?? [])].filter((x): x is string => !!x).map((k) => keyLabel(k, isMac));
  return [...new Set(keys)].join(' / ');
}

/** A button's tooltip: its label and keys, "Undo (Ctrl+Z)". */
export function actionTitle(id: ActionId, isMac = false): string {
  const a = actionById(id);
  const keys = keysLabel(a, isMac);
  return keys ? `${a.label} (${keys})` : a.label;
}
