// What every panel needs, passed down once through context rather than module singletons.
import { createContext, useContext } from 'react';
import type { DatasetSummaryWire } from '../../electron/contract.js';
import type { DatasetInfo } from '../../engine/check/check.js';
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
  /** The datasets the host offers (empty until it answers). */
  datasets: DatasetSummaryWire[];
  /** The project's dataset's shapes, once the host has told them. */
  datasetInfo?: DatasetInfo;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error('useApp outside <AppContext.Provider>');
  return v;
}
