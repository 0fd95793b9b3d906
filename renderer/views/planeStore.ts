// The latest input-plane snapshot (decision boundary and hidden units' maps) of what the
// user is looking at: the live job's (training.view events) or a finished run's (the
// inspect view). The canvas draws each hidden Dense node's map from it, the dashboard the
// boundary; one store, so both always show the same moment.
import { useSyncExternalStore } from 'react';
import type { PlaneSnapshot } from '../../engine/views/boundary.js';

export interface PlaneShown {
  snapshot: PlaneSnapshot;
  /** Whose it is: a run id, or the live job's id. */
  source: string;
  /** Where training was when it was taken (live), for the caption. */
  step?: number;
  epoch?: number;
}

let current: PlaneShown | null = null;
const listeners = new Set<() => void>();

export function setPlaneShown(next: PlaneShown | null): void {
  current = next;
  for (const l of listeners) l();
}

export function getPlaneShown(): PlaneShown | null {
  return current;
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function usePlaneShown(): PlaneShown | null {
  return useSyncExternalStore(subscribe, getPlaneShown, getPlaneShown);
}
