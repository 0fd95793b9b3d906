// An edge labelled with the tensor shape that flows along it.
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { COLUMN_GAP, DEFAULT_NODE_SIZE } from '../state/layout.js';

export type ShapeFlowEdge = Edge<{ shape: string | null }, 'shape'>;

/** Rounded corners for an orthogonal polyline. */
function rounded(points: readonly [number, number][], r: number): string {
  let d = `M ${points[0]![0]} ${points[0]![1]}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [px, py] = points[i - 1]!;
    const [x, y] = points[i]!;
    const [nx, ny] = points[i + 1]!;
    const a = Math.min(r, Math.hypot(x - px, y - py) / 2);
    const b = Math.min(r, Math.hypot(nx - x, ny - y) / 2);
    const ux = Math.sign(x - px), uy = Math.sign(y - py);
    const vx = Math.sign(nx - x), vy = Math.sign(ny - y);
    d += ` L ${x - ux * a} ${y - uy * a} Q ${x} ${y} ${x + vx * b} ${y + vy * b}`;
  }
  const [lx, ly] = points.at(-1)!;
  return `${d} L ${lx} ${ly}`;
}

/**
 * An edge that climbs from the bottom of one column to the top of the next (a layout wrapped
 * into columns, see fitLayout) runs down, along the gap left of the target's column, and in
 * from above, instead of a curve drawn across the first column's layers.
 */
function columnWrapPath(p: EdgeProps<ShapeFlowEdge>): [string, number, number] | null {
  const { sourceX: sx, sourceY: sy, targetX: tx, targetY: ty } = p;
  if (!(ty < sy - 40 && tx > sx + DEFAULT_NODE_SIZE.width / 2 + COLUMN_GAP / 2)) return null;
  const gap = tx - DEFAULT_NODE_SIZE.width / 2 - COLUMN_GAP / 2;
  const o = 16;
  const path = rounded([[sx, sy], [sx, sy + o], [gap, sy + o], [gap, ty - o * 2], [tx, ty - o * 2], [tx, ty]], 10);
  // The label sits on the run above the target, where the column has room.
  return [path, (gap + tx) / 2, ty - o * 2];
}

export function ShapeEdge(props: EdgeProps<ShapeFlowEdge>) {
  const [path, labelX, labelY] = columnWrapPath(props) ?? getBezierPath(props);
  const shape = props.data?.shape;
  return (
    <>
      <BaseEdge id={props.id} path={path} markerEnd={props.markerEnd} interactionWidth={16} />
      {shape && (
        <EdgeLabelRenderer>
          <div
            className="edge-label nodrag nopan"
            data-edge-id={props.id}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {shape}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
