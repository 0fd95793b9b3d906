// Keyboard shortcuts as data: one table read by the key handler and by the help overlay.
// Names match the application menu's actions (electron/contract.ts MENU_ACTIONS) so a menu
// click and a key press run the same code.
import type { MenuAction } from '../../electron/contract.js';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export interface Shortcut {
  action: MenuAction;
  /** As shown to people, e.g. "Ctrl+Shift+Z". */
  label: string;
  test(e: KeyLike): boolean;
}

const mod = (e: KeyLike) => e.ctrlKey || e.metaKey;
const key = (e: KeyLike, k: string) => e.key.toLowerCase() === k;

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'edit.undo', label: 'Ctrl+Z', test: (e) => mod(e) && !e.shiftKey && key(e, 'z') },
  { action: 'edit.redo', label: 'Ctrl+Shift+Z / Ctrl+Y', test: (e) => mod(e) && ((e.shiftKey && key(e, 'z')) || key(e, 'y')) },
  { action: 'edit.copy', label: 'Ctrl+C', test: (e) => mod(e) && !e.shiftKey && key(e, 'c') },
  { action: 'edit.cut', label: 'Ctrl+X', test: (e) => mod(e) && !e.shiftKey && key(e, 'x') },
  { action: 'edit.paste', label: 'Ctrl+V', test: (e) => mod(e) && !e.shiftKey && key(e, 'v') },
  { action: 'edit.duplicate', label: 'Ctrl+D', test: (e) => mod(e) && !e.shiftKey && key(e, 'd') },
  { action: 'edit.selectAll', label: 'Ctrl+A', test: (e) => mod(e) && !e.shiftKey && key(e, 'a') },
  { action: 'edit.delete', label: 'Delete', test: (e) => !mod(e) && (e.key === 'Delete' || e.key === 'Backspace') },
  { action: 'file.save', label: 'Ctrl+S', test: (e) => mod(e) && !e.shiftKey && key(e, 's') },
  { action: 'file.saveAs', label: 'Ctrl+Shift+S', test: (e) => mod(e) && e.shiftKey && key(e, 's') },
  { action: 'file.open', label: 'Ctrl+O', test: (e) => mod(e) && !e.shiftKey && key(e, 'o') },
  { action: 'file.new', label: 'Ctrl+N', test: (e) => mod(e) && !e.shiftKey && key(e, 'n') },
  { action: 'file.export', label: 'Ctrl+E', test: (e) => mod(e) && !e.shiftKey && key(e, 'e') },
  { action: 'view.autoLayout', label: 'Ctrl+L', test: (e) => mod(e) && !e.shiftKey && key(e, 'l') },
  { action: 'view.zoomToFit', label: 'Shift+1', test: (e) => !mod(e) && e.shiftKey && (e.key === '!' || e.key === '1') },
];

export function shortcutFor(e: KeyLike): MenuAction | null {
  return SHORTCUTS.find((s) => s.test(e))?.action ?? null;
}

/** Keys typed into a form field belong to the field, not to the canvas. */
export function isTextTarget(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean; type?: string } | null;
  if (!el?.tagName) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && !['checkbox', 'radio', 'button', 'range'].includes(el.type ?? 'text');
}
