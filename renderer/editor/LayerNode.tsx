// One layer on the canvas: kind, id, key parameters, output shape, parameter count and,
// when the checker found a mistake here, a badge with the message.
import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import { memo } from 'react';
import type { Diagnostic, NodeReport } from '../../engine/check/types.js';
import { getKind } from '../../engine/layers/registry.js';
import { formatShape } from '../../engine/layers/shape.js';
import type { GraphNode } from '../../engine/project/types.js';
import { paramToText } from '../state/paramText.js';
import { formatCount } from '../state/summary.js';
import { categoryColor } from '../styles/categories.js';
import { NodeProblem } from './Problems.js';
import { NeuronMaps } from '../views/NeuronMaps.js';

export interface LayerNodeData extends Record<string, unknown> {
  node: GraphNode;
  report: NodeReport | undefined;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

export type LayerFlowNode = Node<LayerNodeData, 'layer'>;

function keyParamText(node: GraphNode): string {
  const kind = getKind(node.kind);
  if (!kind) return '';
  return kind.keyParams
    .map((p) => {
      const v = p in node.params ? node.params[p] : kind.params[p]?.default;
      if (v === null || v === undefined) return null;
      const text = Array.isArray(v) ? `[${paramToText(v)}]` : paramToText(v);
      return `${p} ${text}`;
    })
    .filter(Boolean)
    .join(' · ');
}

function LayerNodeView({ data, selected }: NodeProps<LayerFlowNode>) {
  const { node, report, errors, warnings } = data;
  const kind = getKind(node.kind);
  const color = categoryColor(kind?.category);
  const shape = report?.outputShape ? formatShape(report.outputShape.slice(1)) : '—';
  const first = errors[0];
  const frozen = node.trainable === false;
  return (
    <div
      className={`layer-node${selected ? ' selected' : ''}${first ? ' has-error' : ''}${frozen ? ' frozen' : ''}`}
      data-node-id={node.id}
      data-kind={node.kind}
      {...(frozen ? { 'data-frozen': '' } : {})}
    >
      {frozen && (
        <span className="frozen-badge" data-frozen-badge title="frozen: weights do not train" role="img" aria-label="frozen: weights do not train">
          ❄
        </span>
      )}
      {(kind?.arity.max ?? 1) > 0 && <Handle type="target" position={Position.Top} />}
      <div className="bar" style={{ background: color }} />
      <div className="head">
        <span className="kind">{node.kind}</span>
        <span className="nid">{node.id}</span>
      </div>
      <div className="params">{keyParamText(node)}</div>
      {first && (
        <>
          <span className="err-badge" data-error={first.message} title={errors.map((e) => e.message).join('\n')} role="img" aria-label={`error: ${first.message}`}>
            {errors.length > 1 ? errors.length : '!'}
          </span>
        </>
      )}
      <NodeProblem node={node} errors={errors} warnings={warnings} />
      {node.kind === 'Dense' && <NeuronMaps nodeId={node.id} units={typeof node.params.units === 'number' ? node.params.units : undefined} />}
      <div className="foot">
        <span className="shape" data-shape={shape}>{shape}</span>
        <span className="count">{report ? `${formatCount(report.params)} params` : ''}</span>
      </div>
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
}

export const LayerNode = memo(LayerNodeView);
