// The search panel's live state, held by the app shell so that a search goes on being
// followed while the user looks at another view: the plan the host answered, each trial as
// it starts, trains and ends, and the ranked result.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventPayload, Request, Response } from '../../electron/contract.js';
import type { TrialWire } from '../../electron/search-contract.js';
import { rankHalving, rankTrials } from '../../engine/runs/search.js';
import type { LayerLabApi } from '../api/client.js';

export interface SearchState {
  searchId: string;
  status: 'running' | 'finished' | 'stopped' | 'failed';
  metric: string;
  direction: 'min' | 'max';
  parallel: number;
  epochs: number;
  planned: Response<'search.start'>['trials'];
  /** Ended trials (skipped ones included), best first. */
  trials: TrialWire[];
  /** Trials training now: index → epoch reached. */
  live: Record<number, { epoch: number; epochs: number; runId: string | null }>;
  best: TrialWire | null;
  message?: string;
}

export interface Search {
  state: SearchState | null;
  start(req: Request<'search.start'>): Promise<void>;
  stop(): Promise<void>;
  clear(): void;
}

/** One event folded into the search's state. */
function reduce(s: SearchState, e: EventPayload<'search.event'>): SearchState {
  switch (e.type) {
    case 'trial-started':
      return { ...s, live: { ...s.live, [e.index]: { epoch: 0, epochs: s.epochs, runId: e.runId } } };
    case 'progress':
      return { ...s, live: { ...s.live, [e.index]: { epoch: e.epoch, epochs: e.epochs, runId: s.live[e.index]?.runId ?? null } } };
    case 'trial': {
      const live = { ...s.live };
      delete live[e.trial.index];
      // A trial's later rung (successive halving) stands for it.
      const kept = [...s.trials.filter((t) => t.index !== e.trial.index), e.trial];
      const trials = e.trial.rung === undefined ? rankTrials(kept, s.metric) : rankHalving(kept, s.metric);
      return { ...s, live, trials, best: trials.find((t) => t.metric !== null) ?? null };
    }
    case 'done':
      return { ...s, status: e.status, live: {}, ...(e.status === 'failed' ? {} : { trials: e.trials, best: e.best }), ...(e.message ? { message: e.message } : {}) };
  }
}

export function useSearch(api: LayerLabApi | null): Search {
  const [state, setState] = useState<SearchState | null>(null);
  const current = useRef<string | null>(null);
  const early = useRef<EventPayload<'search.event'>[]>([]);

  useEffect(() => {
    if (!api) return;
    return api.on('search.event', (e: EventPayload<'search.event'>) => {
      // Events may come before search.start's answer names the search: kept for it.
      if (e.searchId !== current.current) {
        early.current = [...early.current.slice(-200), e];
        return;
      }
      setState((s) => (s && s.searchId === e.searchId ? reduce(s, e) : s));
    });
  }, [api]);

  const start = useCallback(
    async (req: Request<'search.start'>) => {
      if (!api) throw new Error('not connected to the host');
      const r = await api.invoke('search.start', req);
      current.current = r.searchId;
      let s: SearchState = { searchId: r.searchId, status: 'running', metric: r.metric, direction: r.direction, parallel: r.parallel, epochs: r.epochs, planned: r.trials, trials: rankTrials(r.skipped, r.metric), live: {}, best: null };
      for (const e of early.current) if (e.searchId === r.searchId) s = reduce(s, e);
      early.current = [];
      setState(s);
    },
    [api],
  );

  const stop = useCallback(async () => {
    if (!api || !current.current) return;
    await api.invoke('search.stop', { searchId: current.current });
  }, [api]);

  const clear = useCallback(() => setState((s) => (s && s.status !== 'running' ? null : s)), []);

  return { state, start, stop, clear };
}
