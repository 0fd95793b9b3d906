// An edge labelled with the tensor shape that flows along it.
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';

export type ShapeFlowEdge = Edge<{ shape: string | null }, 'shape'>;

export function ShapeEdge(props: EdgeProps<ShapeFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath(props);
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
