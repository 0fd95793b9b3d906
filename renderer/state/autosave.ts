// Autosave to localStorage and the recovery offer after a crash. The storage is passed in
// (window.localStorage in the app, a Map-backed fake of the same interface in tests).
import type { Project } from '../../engine/project/types.js';

export const AUTOSAVE_KEY = 'layerlab.autosave.v1';

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface AutosaveRecord {
  savedAt: string;
  /** Unsaved changes at the time: only then is recovery offered. */
  dirty: boolean;
  fileName: string | null;
  project: Project;
}

export function writeAutosave(store: KeyValueStore, project: Project, dirty: boolean, fileName: string | null, now = new Date()): void {
  const rec: AutosaveRecord = { savedAt: now.toISOString(), dirty, fileName, project };
  try {
    store.setItem(AUTOSAVE_KEY, JSON.stringify(rec));
  } catch {
    // Quota exceeded or storage disabled: autosave is a safety net, never a failure.
  }
}

/** The record worth offering for recovery, or null (none, clean, or unreadable). */
export function readRecovery(store: KeyValueStore): AutosaveRecord | null {
  let text: string | null;
  try {
    text = store.getItem(AUTOSAVE_KEY);
  } catch {
    return null;
  }
  if (!text) return null;
  try {
    const rec = JSON.parse(text) as AutosaveRecord;
    if (!rec || rec.dirty !== true || rec.project?.format !== 'layerlab-project' || !Array.isArray(rec.project.graph?.nodes)) return null;
    return rec;
  } catch {
    return null;
  }
}

export function clearAutosave(store: KeyValueStore): void {
  try {
    store.removeItem(AUTOSAVE_KEY);
  } catch {
    /* see writeAutosave */
  }
}
