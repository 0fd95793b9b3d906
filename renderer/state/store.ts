// A minimal external store for the editor (one instance per app, created by the App
// component, not a module singleton) and its React hook.
import { useSyncExternalStore } from 'react';
import type { EditorAction, EditorState } from './editor.js';
import { editorReducer } from './editor.js';

export interface EditorStore {
  get(): EditorState;
  dispatch(action: EditorAction): void;
  subscribe(listener: () => void): () => void;
}

export function createStore(initial: EditorState): EditorStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    dispatch(action) {
      const next = editorReducer(state, action);
      if (next === state) return;
      state = next;
      for (const l of [...listeners]) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useEditorState<T>(store: EditorStore, pick: (s: EditorState) => T): T {
  return useSyncExternalStore(store.subscribe, () => pick(store.get()));
}
