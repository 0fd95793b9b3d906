// See inside → Boundary: a finished run's decision boundary over its input plane (and each
// hidden unit's map, shown on the editor's canvas through planeStore), or its fitted curve
// and cost surface for a 1-feature regression.
import { useEffect, useMemo } from 'react';
import { planeFromWire } from '../../engine/views/wire.js';
import { BoundaryView, CurveViews } from './LiveViews.js';
import { setPlaneShown } from './planeStore.js';
import type { InspectTabProps } from './registry.js';
import { useInspect } from './useInspect.js';

export function PlaneTab({ api, runId }: InspectTabProps) {
  const { value, error, loading } = useInspect(api, runId, 'plane', {});
  const plane = useMemo(() => (value?.kind === 'plane' ? planeFromWire(value) : null), [value]);
  useEffect(() => {
    if (!plane) return;
    // Kept when the tab goes (the Editor shows the maps); the next snapshot replaces it.
    setPlaneShown({ snapshot: plane, source: runId });
  }, [plane, runId]);
  return (
    <div className="live-views" data-view="run-plane" data-run={runId}>
      {error && <div className="diag error">{error}</div>}
      {loading && !value && <p className="muted">Drawing the run's view…</p>}
      {plane && <BoundaryView snapshot={plane} caption="The hidden units' maps are on the canvas (Editor)." />}
      {value?.kind === 'curve' && <CurveViews curve={value} caption="The trained model." />}
    </div>
  );
}
