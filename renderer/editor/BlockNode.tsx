// A block on the canvas: collapsed, one node with the block's name, its ports, output shape
// and parameter count (its members' sum) and its members' errors, each naming the inner
// node; expanded, a frame drawn around its members with the block's name.
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { formatShape } from '../../engine/layers/shape.js';
import { useApp } from '../app/context.js';
import { formatCount } from '../state/summary.js';
import { inHandle, outHandle, type BlockSummary } from './blockView.js';
import { FixButton } from './Problems.js';
import './blocks.css';

export type BlockFlowNode = Node<{ block: BlockSummary }, 'block'>;
export type FrameFlowNode = Node<{ name: string; groupId: string; linked: boolean; width: number; height: number }, 'frame'>;

function Toggle({ groupId, collapse }: { groupId: string; collapse: boolean }) {
  const { store } = useApp();
  const label = collapse ? 'Collapse block' : 'Expand block';
  return (
    <button
      type="button"
      className="btn icon block-toggle nodrag"
      data-action={collapse ? 'collapse' : 'expand'}
      aria-label={label}
      title={label}
      onPointerDown={(e) => e.stopPropagation()}
      onClick={(e) => {
        e.stopPropagation();
        store.dispatch({ type: 'edit', edits: [{ type: 'setGroup', groupId, patch: { collapsed: collapse } }] });
      }}
    >
      {collapse ? '▾' : '▸'}
    </button>
  );
}

const spread = (i: number, n: number) => ({ left: `${((i + 1) / (n + 1)) * 100}%` });

function BlockNodeView({ data, selected }: NodeProps<BlockFlowNode>) {
  const { group, ports, outputs, params, errors, warnings, linked } = data.block;
  const shapes = outputs.map((o) => (o.shape ? formatShape(o.shape.slice(1)) : '—'));
  const shape = shapes.join(' · ') || '—';
  const first = errors[0] ?? warnings[0];
  return (
    <div
      className={`layer-node block-node${selected ? ' selected' : ''}${errors.length ? ' has-error' : ''}`}
      data-node-id={group.id}
      data-kind="Group"
      {...(linked ? { 'data-linked': group.link } : {})}
    >
      {ports.inputs.map((p, i) => (
        <Handle key={i} id={inHandle(i)} type="target" position={Position.Top} style={spread(i, ports.inputs.length)} title={p.targets.map((t) => t.node).join(', ')} />
      ))}
      <div className="bar block-bar" />
      <div className="head">
        <span className="kind block-name">{group.name}</span>
        <Toggle groupId={group.id} collapse={false} />
      </div>
      <div className="params" title={data.block.kinds.join(' → ')}>
        {group.nodes.length} layers{linked ? ' · linked' : ''} · {data.block.kinds.join(' → ')}
      </div>
      {errors.length > 0 && (
        <span className="err-badge" data-error={errors[0]!.message} title={errors.map((e) => e.message).join('\n')} role="img" aria-label={`error: ${errors[0]!.message}`}>
          {errors.length > 1 ? errors.length : '!'}
        </span>
      )}
      {first && (
        <div className={`${errors.length ? 'err-text' : 'warn-text'} node-problem`} title={[...errors, ...warnings].map((x) => x.message).join('\n')} data-block-problem={first.nodeId}>
          <span className="np-text">{first.message}</span>
          {first.fix && <FixButton d={first} />}
        </div>
      )}
      <div className="foot">
        <span className="shape" data-shape={shape}>
          {shape}
        </span>
        <span className="count" data-params={params}>
          {formatCount(params)} params
        </span>
      </div>
      {outputs.map((o, i) => (
        <Handle key={o.node} id={outHandle(o.node)} type="source" position={Position.Bottom} style={spread(i, outputs.length)} title={o.node} />
      ))}
    </div>
  );
}

function FrameView({ data, selected }: NodeProps<FrameFlowNode>) {
  return (
    <div className={`block-frame${selected ? ' selected' : ''}`} style={{ width: data.width, height: data.height }} data-frame={data.groupId}>
      <div className="frame-head">
        <Toggle groupId={data.groupId} collapse />
        <span className="frame-name">{data.name}</span>
        {data.linked && <span className="frame-tag">linked</span>}
      </div>
    </div>
  );
}

export const BlockNode = memo(BlockNodeView);
export const BlockFrame = memo(FrameView);
