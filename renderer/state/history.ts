// Undo/redo over immutable snapshots. Each edit says how it is captured (the Excalidraw
// policy): `immediately` is one undo step, `eventually` is a step still in progress (a drag
// sends many) that becomes one step when committed, `never` changes the present without a
// step (e.g. loading a file replaces the history instead).

export type Capture = 'immediately' | 'eventually' | 'never';

export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** The state before the transient edits now in progress, if any. */
  pendingBase: T | null;
}

export const HISTORY_LIMIT = 200;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], pendingBase: null };
}

function pushPast<T>(past: T[], item: T): T[] {
  const next = [...past, item];
  return next.length > HISTORY_LIMIT ? next.slice(next.length - HISTORY_LIMIT) : next;
}

export function record<T>(h: History<T>, next: T, capture: Capture): History<T> {
  if (next === h.present) return h;
  switch (capture) {
    case 'never':
      return { ...h, present: next };
    case 'eventually':
      return { ...h, present: next, pendingBase: h.pendingBase ?? h.present };
    case 'immediately':
      return { past: pushPast(h.past, h.pendingBase ?? h.present), present: next, future: [], pendingBase: null };
  }
}

/** Ends a run of transient edits: the state before them becomes one undo step. */
export function commit<T>(h: History<T>): History<T> {
  if (h.pendingBase === null) return h;
  if (h.pendingBase === h.present) return { ...h, pendingBase: null };
  return { past: pushPast(h.past, h.pendingBase), present: h.present, future: [], pendingBase: null };
}

export function canUndo<T>(h: History<T>): boolean {
  return h.past.length > 0 || h.pendingBase !== null;
}

export function canRedo<T>(h: History<T>): boolean {
  return h.future.length > 0;
}

export function undo<T>(h: History<T>): History<T> {
  const c = commit(h);
  const prev = c.past[c.past.length - 1];
  if (prev === undefined) return c;
  return { past: c.past.slice(0, -1), present: prev, future: [c.present, ...c.future], pendingBase: null };
}

export function redo<T>(h: History<T>): History<T> {
  const [next, ...rest] = h.future;
  if (next === undefined) return h;
  return { past: pushPast(h.past, h.present), present: next, future: rest, pendingBase: null };
}
