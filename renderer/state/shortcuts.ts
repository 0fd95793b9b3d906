// The page's key handler: a key press is matched against every accelerator of the action
// table (electron/actions.ts), the same table the application menu is built from, so a menu
// click and a key press name the same action and run the same code (useCommands).
import { ACTIONS, acceleratorsOf, type ActionId, type ActionSpec } from '../../electron/actions.js';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** An accelerator the page can test a key press against. */
interface KeyTest {
  /** Ctrl or Cmd (either is taken on every platform, as people use both). */
  mod: boolean;
  shift: boolean;
  /** Lower-case key name ("o", "/", "delete"). */
  key: string;
}

// Shift+digit gives the digit's symbol in e.key (US layout); the accelerator names the digit.
const SHIFTED_DIGITS: Record<string, string> = { '1': '!', '2': '@', '3': '#', '4': '$', '5': '%', '6': '^', '7': '&', '8': '*', '9': '(', '0': ')' };
const MODIFIERS = new Set(['cmdorctrl', 'commandorcontrol', 'cmd', 'command', 'ctrl', 'control', 'meta', 'super']);

/** Parses an Electron accelerator ("CmdOrCtrl+Shift+O", "Shift+1", "Delete"); throws on one the page cannot test. */
export function parseAccelerator(accelerator: string): KeyTest {
  const parts = accelerator.split('+');
  const key = parts.pop()?.toLowerCase();
  if (!key) throw new Error(`accelerator "${accelerator}": no key after the modifiers`);
  let mod = false;
  let shift = false;
  for (const p of parts.map((x) => x.toLowerCase())) {
    if (MODIFIERS.has(p)) mod = true;
    else if (p === 'shift') shift = true;
    else throw new Error(`accelerator "${accelerator}": modifier "${p}" is not one the page handles (CmdOrCtrl, Ctrl, Cmd, Shift)`);
  }
  return { mod, shift, key };
}

function matches(t: KeyTest, e: KeyLike): boolean {
  if ((e.ctrlKey || e.metaKey) !== t.mod) return false;
  const k = e.key.toLowerCase();
  const alnum = /^[a-z0-9]$/.test(t.key);
  if (alnum) {
    if (e.shiftKey !== t.shift) return false;
    return k === t.key || (t.shift && SHIFTED_DIGITS[t.key] === k);
  }
  // Punctuation ("/"): some layouts need Shift to type it, so Shift is only checked when the
  // accelerator asks for it.
  if (t.shift && !e.shiftKey) return false;
  return k === t.key;
}

export interface Shortcut {
  action: ActionId;
  tests: readonly KeyTest[];
}

/** Every action that has keys, with its keys parsed once. */
export const SHORTCUTS: readonly Shortcut[] = ACTIONS.flatMap((a) => {
  const keys = acceleratorsOf(a as ActionSpec);
  return keys.length ? [{ action: a.id, tests: keys.map(parseAccelerator) }] : [];
});

/** The action a key press names, or null. */
export function shortcutFor(e: KeyLike): ActionId | null {
  return SHORTCUTS.find((s) => s.tests.some((t) => matches(t, e)))?.action ?? null;
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
