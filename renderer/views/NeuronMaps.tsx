// On the editor's canvas, under a Dense node: a small map of each hidden unit's activation
// over the input plane (as Playground's neurons), or the output node's boundary, from the
// plane snapshot shown (planeStore: the live job's or a finished run's).
import { useEffect, useRef, useState } from 'react';
import type { PlaneSnapshot } from '../../engine/views/boundary.js';
import { blit, boundaryPixels, unitPixels } from './planeDraw.js';
import { usePlaneShown } from './planeStore.js';

/** Units drawn per node; the rest are counted ("+N"). */
const MAX_SHOWN = 6;
const SIDE = 48;

function UnitCanvas({ snapshot, unit, nodeIndex }: { snapshot: PlaneSnapshot; unit: number; nodeIndex: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    const m = snapshot.hidden[nodeIndex]!;
    const cells = snapshot.res * snapshot.res;
    blit(c.getContext('2d')!, unitPixels(m.values, unit * cells, snapshot.res, m.lo, m.hi), snapshot.res, 0, 0, SIDE, SIDE);
  }, [snapshot, unit, nodeIndex]);
  return <canvas ref={ref} width={SIDE} height={SIDE} data-view="neuron-map" data-unit={unit} title={`unit ${unit}: its activation over the input plane`} />;
}

function BoundaryThumb({ snapshot }: { snapshot: PlaneSnapshot }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    if (c) blit(c.getContext('2d')!, boundaryPixels(snapshot), snapshot.res, 0, 0, SIDE, SIDE);
  }, [snapshot]);
  return <canvas ref={ref} width={SIDE} height={SIDE} data-view="node-boundary" title="the decision boundary: the predicted class over the input plane" />;
}

/** The first units' maps, and "+N" to open them all (wrapped under the node) and close again. */
function UnitMaps({ snapshot, nodeIndex, nodeId, units }: { snapshot: PlaneSnapshot; nodeIndex: number; nodeId: string; units: number }) {
  const [all, setAll] = useState(false);
  const n = all ? units : Math.min(units, MAX_SHOWN);
  return (
    <div className={`neuron-maps${all ? ' all' : ''}`} data-neuron-maps={nodeId}>
      {Array.from({ length: n }, (_, u) => (
        <UnitCanvas key={u} snapshot={snapshot} unit={u} nodeIndex={nodeIndex} />
      ))}
      {units > MAX_SHOWN && (
        <button
          type="button"
          className="more nodrag"
          aria-expanded={all}
          title={all ? 'show the first units only' : `show all ${units} units`}
          onClick={(e) => {
            e.stopPropagation();
            setAll(!all);
          }}
        >
          {all ? 'less' : `+${units - MAX_SHOWN}`}
        </button>
      )}
    </div>
  );
}

/** The maps of node `nodeId` (with `units` units, to be sure the snapshot is of this graph). */
export function NeuronMaps({ nodeId, units }: { nodeId: string; units: number | undefined }) {
  const shown = usePlaneShown();
  if (!shown) return null;
  const s = shown.snapshot;
  if (s.output.nodeId === nodeId) {
    if (units !== undefined && s.output.units !== units) return null;
    return (
      <div className="neuron-maps output" data-neuron-maps={nodeId}>
        <BoundaryThumb snapshot={s} />
      </div>
    );
  }
  const i = s.hidden.findIndex((h) => h.nodeId === nodeId);
  if (i < 0) return null;
  const m = s.hidden[i]!;
  if (units !== undefined && m.units !== units) return null;
  return <UnitMaps snapshot={s} nodeIndex={i} nodeId={nodeId} units={m.units} />;
}
