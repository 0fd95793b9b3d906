// Activations, feature maps and filters: pick a test sample; every node shows what it outputs
// for it (one tile per channel for conv and pooling outputs, a bar strip for a vector, the
// softmax's class probabilities), and the first Conv2D layer's kernels. A node's block opens
// large on a click.
import { useMemo, useState, type KeyboardEvent } from 'react';
import type { ActivationNode } from '../../engine/views/inspect/activations.schema.js';
import type { InspectParamsIn, InspectReply } from '../../engine/views/inspect/schemas.js';
import { MNIST_SIDE, takesDrawing } from '../../engine/views/mnistify.js';
import { base64ToBytes } from '../../engine/views/wire.js';
import { Modal } from '../dialogs/Modal.js';
import type { InspectTabProps } from './registry.js';
import { ImageCanvas } from './ImageCanvas.js';
import { imageDims } from './pixels.js';
import { ImageInput } from './PlaygroundView.js';
import { SamplePicker } from './SamplePicker.js';
import { useInspect } from './useInspect.js';

type Kernels = NonNullable<InspectReply<'activations'>['kernels']>;
const BYTES: [number, number] = [0, 255];
const fmt = (v: number) => (Math.abs(v) >= 100 || v === 0 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(2));

function Tiles({ tiles, h, w, c = 1, size, title, numbered }: { tiles: string[]; h: number; w: number; c?: 1 | 3; size: number; title: (k: number) => string; numbered?: boolean }) {
  const bytes = useMemo(() => tiles.map(base64ToBytes), [tiles]);
  return (
    <div className="act-tiles">
      {bytes.map((b, k) => (
        <span key={k} className="act-tile" data-tile={k} title={title(k)}>
          <ImageCanvas values={b} h={h} w={w} c={c} size={size} range={BYTES} />
          {numbered && <span className="act-tile-n">{k}</span>}
        </span>
      ))}
    </div>
  );
}

/** Bars from zero: blue above it, orange below; `height` px tall. */
function Bars({ values, lo, hi, height, width }: { values: number[]; lo: number; hi: number; height: number; width: number }) {
  const a = Math.min(lo, 0), b = Math.max(hi, 0);
  const span = b - a || 1;
  const bw = width / Math.max(1, values.length);
  const y = (v: number) => ((b - v) / span) * height;
  return (
    <svg className="act-bars" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${values.length} values from ${fmt(lo)} to ${fmt(hi)}`} data-bars={values.length}>
      <line x1={0} x2={width} y1={y(0)} y2={y(0)} className="act-zero" />
      {values.map((v, i) => (
        <rect key={i} x={i * bw} width={Math.max(1, bw - (bw > 3 ? 1 : 0))} y={Math.min(y(v), y(0))} height={Math.max(v === 0 ? 0 : 1, Math.abs(y(v) - y(0)))} className={v >= 0 ? 'pos' : 'neg'}>
          <title>{`unit ${i}: ${fmt(v)}`}</title>
        </rect>
      ))}
    </svg>
  );
}

function Probabilities({ values, classes, label }: { values: number[]; classes: string[]; label?: number | undefined }) {
  const best = values.reduce((bi, v, i) => (v > values[bi]! ? i : bi), 0);
  return (
    <div className="act-probs" data-probabilities={values.length}>
      {values.map((p, i) => (
        <div key={i} className={`act-prob${i === best ? ' best' : ''}${i === label ? ' truth' : ''}`} data-class={classes[i]} data-p={p}>
          <span className="act-prob-name">{classes[i]}</span>
          <span className="act-prob-bar">
            <span style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
          </span>
          <span className="act-prob-value mono">{(p * 100).toFixed(1)} %</span>
        </div>
      ))}
    </div>
  );
}

/** A node's picture, small in the list or large when opened. */
function NodeBody({ n, large, label }: { n: ActivationNode; large: boolean; label?: number | undefined }) {
  if (n.show === 'image') {
    const side = Math.max(n.image.h, n.image.w);
    const size = large ? Math.max(96, Math.min(120, side * 5)) : n.channels === 1 ? Math.max(56, Math.min(112, side * 3)) : Math.max(28, Math.min(56, side * 2));
    return <Tiles tiles={n.image.tiles} h={n.image.h} w={n.image.w} size={size} title={(k) => (n.channels === 1 ? `${n.image.h}×${n.image.w}` : `channel ${k}`)} numbered={large && n.channels > 1} />;
  }
  if (n.show === 'probabilities') return <Probabilities values={n.values} classes={n.classes} label={label} />;
  return <Bars values={n.values} lo={n.lo} hi={n.hi} height={large ? 160 : 48} width={large ? 720 : Math.min(480, Math.max(120, n.values.length * 6))} />;
}

function describe(n: ActivationNode): string {
  const left = n.leftOut ? ` (${n.leftOut} more not shown)` : '';
  if (n.show === 'image') return `${n.channels} channel${n.channels === 1 ? '' : 's'} of ${n.image.h}×${n.image.w}${left}; black ${fmt(n.image.lo)}, white ${fmt(n.image.hi)}`;
  if (n.show === 'vector') return `${n.values.length} values${left}, from ${fmt(n.lo)} to ${fmt(n.hi)}`;
  return 'class probabilities';
}

function KernelsBody({ k, large }: { k: Kernels; large: boolean }) {
  const side = Math.max(k.image.h, k.image.w);
  return <Tiles tiles={k.image.tiles} h={k.image.h} w={k.image.w} c={k.mode === 'rgb' ? 3 : 1} size={large ? Math.max(72, side * 16) : Math.max(32, side * 7)} title={(f) => `filter ${f}`} numbered={large} />;
}

function kernelsNote(k: Kernels): string {
  const how = k.mode === 'mean' ? `, averaged over its ${k.inChannels} input channels` : k.mode === 'rgb' ? ', as colour over the three input channels' : '';
  return `${k.filters} filter${k.filters === 1 ? '' : 's'} of ${k.image.h}×${k.image.w}${how}${k.leftOut ? ` (${k.leftOut} more not shown)` : ''}; black ${fmt(k.image.lo)}, white ${fmt(k.image.hi)}`;
}

/** A block that opens on a click, Enter or Space (a div: it holds blocks a button may not). */
function opener(open: () => void) {
  return {
    role: 'button',
    tabIndex: 0,
    onClick: open,
    onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        open();
      }
    },
  };
}

export function ActivationsView({ api, runId, about }: InspectTabProps) {
  const [sample, setSample] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  // A drawn or uploaded example instead of the test sample, while the pad is open.
  const drawable = takesDrawing(about.inputShape);
  const dims = imageDims(about.inputShape) ?? (drawable ? { h: MNIST_SIDE, w: MNIST_SIDE, c: 1 } : null);
  const [padOpen, setPadOpen] = useState(false);
  const [own, setOwn] = useState<InspectParamsIn<'predict'> | null>(null);
  const { value, error, loading } = useInspect(api, runId, 'activations', own ?? { sample });
  const label = value?.label;
  const opened = open === 'kernels' ? 'kernels' : value?.nodes.find((n) => n.id === open);
  return (
    <div className="activations" data-view="activations" data-sample={value?.sample ?? undefined}>
      <SamplePicker
        api={api}
        runId={runId}
        about={about}
        value={sample}
        onChange={(i) => {
          setSample(i);
          setOwn(null);
          setPadOpen(false);
        }}
      />
      {dims && (
        <div className="act-own">
          <button
            className="btn small"
            aria-expanded={padOpen}
            onClick={() => {
              setPadOpen(!padOpen);
              setOwn(null);
            }}
          >
            {padOpen ? 'Back to the test samples' : drawable ? 'Draw or upload a digit' : 'Upload an image'}
          </button>
          {padOpen && <ImageInput drawable={drawable} dims={dims} onParams={setOwn} />}
        </div>
      )}
      {error && <div className="diag error">{error}</div>}
      {loading && !value && <p className="muted">running the sample through the network…</p>}
      {value && (
        <>
          <p className="muted act-caption">
            {value.sample === null ? (own?.drawing ? 'Your drawing, framed as the MNIST digits were (fitted to 20×20, centred by its mass)' : 'Your image, resized to the input') : `Test sample ${value.sample}`}
            {label !== undefined && ` (class ${about.classNames?.[label] ?? label})`}, through every node in order. Each tile is one channel, black its lowest value and white its highest{label !== undefined ? '; ✓ marks the true class' : ''}. Click a block to see it large.
          </p>
          {value.kernels && (
            <div {...opener(() => setOpen('kernels'))} className="act-node kernels" data-node="kernels" aria-label={`Filters of ${value.kernels.nodeId}, open large`}>
              <span className="act-head">
                <b>Filters of {value.kernels.nodeId}</b> <span className="muted">{kernelsNote(value.kernels)}</span>
              </span>
              <KernelsBody k={value.kernels} large={false} />
            </div>
          )}
          {value.nodes.map((n) => (
            <div key={n.id} {...opener(() => setOpen(n.id))} className="act-node" data-node={n.id} data-show={n.show} data-channels={n.show === 'image' ? n.image.tiles.length : undefined} aria-label={`${n.id}, open large`}>
              <span className="act-head">
                <b>{n.id}</b> <span className="kind">{n.kind}</span> <span className="mono muted">[{n.shape.join(' × ')}]</span> <span className="muted">{describe(n)}</span>
              </span>
              <NodeBody n={n} large={false} label={label} />
            </div>
          ))}
        </>
      )}
      {opened && value && (
        <Modal title={opened === 'kernels' ? `Filters of ${value.kernels!.nodeId}` : `${opened.id} (${opened.kind}) for ${value.sample === null ? 'your example' : `test sample ${value.sample}`}`} onClose={() => setOpen(null)}>
          <div className="act-large" data-large={opened === 'kernels' ? 'kernels' : opened.id}>
            <p className="muted">{opened === 'kernels' ? kernelsNote(value.kernels!) : `[${opened.shape.join(' × ')}]: ${describe(opened)}`}</p>
            {opened === 'kernels' ? <KernelsBody k={value.kernels!} large /> : <NodeBody n={opened} large label={label} />}
          </div>
        </Modal>
      )}
    </div>
  );
}
