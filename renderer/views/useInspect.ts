// Asking the host for an inspect view of a run (the 'views.inspect' channel). The hook keeps
// only the latest answer: while the user drags a slider or draws, older questions that come
// back late are dropped, and at most one waits behind the one in flight.
import { useEffect, useRef, useState } from 'react';
import type { LayerLabApi } from '../api/client.js';
import type { InspectParamsIn, InspectReply, InspectViewName } from '../../engine/views/inspect/schemas.js';

export async function inspect<K extends InspectViewName>(api: LayerLabApi, runId: string, view: K, params: InspectParamsIn<K>): Promise<InspectReply<K>> {
  const answer = await api.invoke('views.inspect', { runId, view, params } as never);
  if (answer.view !== view) throw new Error(`asked for the ${view} view, the host answered ${answer.view}`);
  return answer.value as InspectReply<K>;
}

export interface Inspected<T> {
  value: T | null;
  error: string | null;
  loading: boolean;
}

/** The view's answer for `params` (null: ask nothing yet); asked again when params change
 *  (compared as JSON). */
export function useInspect<K extends InspectViewName>(api: LayerLabApi | null, runId: string | null, view: K, params: InspectParamsIn<K> | null): Inspected<InspectReply<K>> {
  const [state, setState] = useState<Inspected<InspectReply<K>>>({ value: null, error: null, loading: false });
  const key = params === null || !api || !runId ? null : JSON.stringify([runId, params]);
  const flight = useRef<{ busy: boolean; next: string | null; latest: string | null }>({ busy: false, next: null, latest: null });
  useEffect(() => {
    const f = flight.current;
    f.latest = key;
    if (key === null || !api || !runId) return;
    const ask = (k: string) => {
      f.busy = true;
      setState((s) => ({ ...s, loading: true }));
      const [, p] = JSON.parse(k) as [string, InspectParamsIn<K>];
      inspect(api, runId, view, p).then(
        (value) => {
          if (f.latest === k) setState({ value, error: null, loading: false });
        },
        (e: Error) => {
          if (f.latest === k) setState((s) => ({ value: s.value, error: e.message, loading: false }));
        },
      ).finally(() => {
        f.busy = false;
        const n = f.next;
        f.next = null;
        if (n !== null && n === f.latest) ask(n);
      });
    };
    if (f.busy) f.next = key;
    else ask(key);
  }, [api, runId, view, key]);
  return state;
}
