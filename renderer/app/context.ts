// What every panel needs, passed down once through context rather than module singletons.
import { createContext, useContext } from 'react';
import type { CheckReport } from '../../engine/check/types.js';
import type { LayerLabApi } from '../api/client.js';
import type { EditorStore } from '../state/store.js';

export interface Notice {
  kind: 'info' | 'error';
  text: string;
}

export interface AppContextValue {
  store: EditorStore;
  /** null until the host answers (or when it cannot be reached). */
  api: LayerLabApi | null;
  report: CheckReport;
  notify(n: Notice | null): void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error('useApp outside <AppContext.Provider>');
  return v;
}
