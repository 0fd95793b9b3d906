// "See inside" a run: the views the run's model and data allow (./registry.ts), as tabs
// under the dashboard. The host keeps the run loaded while the user looks.
import { useState } from 'react';
import type { LayerLabApi } from '../api/client.js';
import { INSPECT_TABS } from './registry.js';
import { useInspect } from './useInspect.js';
import './views.css';

/** `hide`: tabs the dashboard already shows for this run (the live views of the job that just ended). */
export function InspectPanel({ api, runId, runName, hide = [] }: { api: LayerLabApi; runId: string; runName: string; hide?: string[] }) {
  const { value: about, error, loading } = useInspect(api, runId, 'about', {});
  const offered = about ? INSPECT_TABS.filter((t) => !hide.includes(t.id)).map((t) => ({ tab: t, ok: about.views[t.needs] ?? `no ${t.needs} view` })) : [];
  const [chosen, setChosen] = useState<string | null>(null);
  const current = offered.find((o) => o.tab.id === chosen && o.ok === true) ?? offered.find((o) => o.ok === true);
  return (
    <section className="dash-card inspect" data-view="inspect" data-run={runId} aria-label="See inside the run">
      <h3>
        See inside <span className="muted" style={{ fontWeight: 400 }}>run {runName}</span>
        {loading && !about && <span className="muted">loading the model…</span>}
      </h3>
      {error && <div className="diag error">{error}</div>}
      {about && (
        <>
          <div className="inspect-tabs" role="tablist">
            {offered.map(({ tab, ok }) => (
              <button
                key={tab.id}
                role="tab"
                className="panel-tab"
                data-tab={tab.id}
                aria-selected={current?.tab.id === tab.id}
                disabled={ok !== true}
                title={ok === true ? undefined : ok}
                onClick={() => setChosen(tab.id)}
              >
                {tab.title}
              </button>
            ))}
          </div>
          {current ? <current.tab.Component key={`${runId}:${current.tab.id}`} api={api} runId={runId} about={about} /> : <p className="muted">No view applies to this run{offered[0] ? `: ${String(offered[0].ok)}` : ''}.</p>}
        </>
      )}
    </section>
  );
}
