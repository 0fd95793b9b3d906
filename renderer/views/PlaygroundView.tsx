// The prediction playground: the run's model on an example the user makes — a digit drawn
// with the mouse (framed by the engine as MNIST digits were, the 28×28 it saw shown beside),
// an uploaded image (resized and made grayscale or RGB here, as the dataset's images were),
// or typed feature values — with the class probabilities as bars that follow every change.
import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import type { InspectParamsIn, InspectReply } from '../../engine/views/inspect/schemas.js';
import { MNIST_SIDE, takesDrawing } from '../../engine/views/mnistify.js';
import { ImageCanvas } from './ImageCanvas.js';
import { imageDims } from './pixels.js';
import type { InspectTabProps } from './registry.js';
import { useInspect } from './useInspect.js';

/** The drawing's own resolution (shown twice as large): fine enough for smooth strokes,
 *  small enough to send on every animation frame. */
const DRAW_SIDE = 140;
const DRAW_CSS = 280;
/** More values than this are not typed one field each. */
const MAX_FIELDS = 64;

type Params = InspectParamsIn<'predict'>;

export function PlaygroundView({ api, runId, about }: InspectTabProps) {
  const drawable = takesDrawing(about.inputShape);
  const dims = imageDims(about.inputShape) ?? (drawable ? { h: MNIST_SIDE, w: MNIST_SIDE, c: 1 } : null);
  const [params, setParams] = useState<Params | null>(null);
  const { value, error, loading } = useInspect(api, runId, 'predict', params);
  // A cleared drawing asks nothing; the last answer is not shown for it.
  const shown = params ? value : null;
  return (
    <div className="playground" data-view="playground">
      <div className="playground-input">
        {dims ? (
          <ImageInput drawable={drawable} dims={dims} onParams={setParams} />
        ) : (
          <FeatureInput api={api} runId={runId} about={about} onParams={setParams} />
        )}
      </div>
      {dims && (
        <figure className="playground-seen">
          {shown ? <ImageCanvas values={shown.input} h={dims.h} w={dims.w} c={dims.c} size={140} label="the input as the model sees it" /> : <div className="playground-blank" style={{ width: 140, height: (140 * dims.h) / dims.w }} />}
          <figcaption className="muted">
            what the model sees ({dims.h}×{dims.w}
            {dims.c === 3 ? ', RGB' : ''}){params?.drawing ? ': centred and scaled as MNIST digits' : params?.input ? ': the image resized' : ''}
          </figcaption>
        </figure>
      )}
      <div className="playground-out" aria-live="polite">
        {error && <div className="diag error">{error}</div>}
        {!shown && !error && <p className="muted">{dims ? (drawable ? 'Draw a digit, or upload an image.' : 'Upload an image.') : loading ? 'predicting…' : ''}</p>}
        {shown && <Outputs reply={shown} />}
      </div>
    </div>
  );
}

/** Class probabilities as labelled bars (the predicted class marked), or the outputs. */
function Outputs({ reply }: { reply: InspectReply<'predict'> }) {
  if (reply.probabilities && reply.classes) {
    const top = reply.predicted ?? 0;
    return (
      <div className="playground-probs" data-predicted={reply.classes[top]}>
        <div className="playground-top">
          Predicted: <strong data-role="predicted-class">{reply.classes[top]}</strong> <span className="muted">({(reply.probabilities[top]! * 100).toFixed(1)} %)</span>
        </div>
        {reply.probabilities.map((p, i) => (
          <div key={i} className={`prob-row${i === top ? ' top' : ''}`} data-class={reply.classes![i]} data-probability={p.toFixed(6)}>
            <span className="prob-name">{reply.classes![i]}</span>
            <span className="prob-bar">
              <span style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
            </span>
            <span className="prob-value mono">{(p * 100).toFixed(1)} %</span>
          </div>
        ))}
      </div>
    );
  }
  return (
    <div className="playground-outputs" data-outputs={reply.outputs.length}>
      <div className="playground-top">{reply.outputs.length === 1 ? 'Output' : 'Outputs'}</div>
      {reply.outputs.slice(0, MAX_FIELDS).map((v, i) => (
        <div key={i} className="mono" data-output={i}>
          {reply.outputs.length > 1 ? `${i}: ` : ''}
          {Number(v.toPrecision(6))}
        </div>
      ))}
    </div>
  );
}

/** A drawing canvas (28×28 inputs) and an image upload (also the Activations tab's). */
export function ImageInput({ drawable, dims, onParams }: { drawable: boolean; dims: { h: number; w: number; c: number }; onParams(p: Params | null): void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const frame = useRef<number | null>(null);
  const [upload, setUpload] = useState<string | null>(null);

  const clear = useCallback(() => {
    const ctx = canvas.current?.getContext('2d');
    if (ctx) {
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, DRAW_SIDE, DRAW_SIDE);
    }
    onParams(null);
  }, [onParams]);
  useEffect(() => {
    if (drawable) clear();
    return () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    };
  }, [drawable, clear]);

  // One question per animation frame at most, with the pixels as they are then.
  const send = () => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      const ctx = canvas.current?.getContext('2d');
      if (!ctx) return;
      const rgba = ctx.getImageData(0, 0, DRAW_SIDE, DRAW_SIDE).data;
      const pixels = new Array<number>(DRAW_SIDE * DRAW_SIDE);
      let ink = false;
      for (let i = 0; i < pixels.length; i++) {
        pixels[i] = rgba[i * 4]!;
        if (pixels[i]! > 0) ink = true;
      }
      onParams(ink ? { drawing: { width: DRAW_SIDE, height: DRAW_SIDE, pixels } } : null);
    });
  };

  const at = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * DRAW_SIDE, y: ((e.clientY - r.top) / r.height) * DRAW_SIDE };
  };
  // A thick round brush with a soft edge, about as wide relative to the digit as MNIST's pen.
  const stroke = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.save();
    ctx.strokeStyle = '#fff';
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = DRAW_SIDE / 11;
    ctx.shadowColor = '#fff';
    ctx.shadowBlur = DRAW_SIDE / 40;
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x + 0.01, to.y);
    ctx.stroke();
    ctx.restore();
    send();
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const pixels = await decodeImage(file, dims.h, dims.w, dims.c);
      setUpload(file.name);
      if (drawable) {
        const ctx = canvas.current?.getContext('2d');
        if (ctx) {
          ctx.fillStyle = '#000';
          ctx.fillRect(0, 0, DRAW_SIDE, DRAW_SIDE);
        }
      }
      // An uploaded image goes in as the dataset's images did: resized, not re-centred.
      onParams({ input: pixels });
    } catch (e) {
      setUpload(`cannot read ${file.name}: ${(e as Error).message}`);
    }
  };

  return (
    <div className="playground-draw">
      {drawable && (
        <canvas
          ref={canvas}
          width={DRAW_SIDE}
          height={DRAW_SIDE}
          data-input="draw"
          aria-label="draw a digit here"
          className="draw-canvas"
          style={{ width: DRAW_CSS, height: DRAW_CSS }}
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture(e.pointerId);
            last.current = at(e);
            setUpload(null);
            stroke(last.current, last.current);
          }}
          onPointerMove={(e) => {
            if (!last.current) return;
            const p = at(e);
            stroke(last.current, p);
            last.current = p;
          }}
          onPointerUp={() => (last.current = null)}
          onPointerCancel={() => (last.current = null)}
        />
      )}
      <div className="row">
        {drawable && (
          <button className="btn small" onClick={clear}>
            Clear
          </button>
        )}
        <label className="btn small file-btn">
          Upload image
          <input type="file" accept="image/*" data-input="upload" onChange={(e) => void onFile(e.target.files?.[0]).finally(() => (e.target.value = ''))} />
        </label>
        {upload && <span className="muted">{upload}</span>}
      </div>
      {drawable && <p className="muted small">White on black, like the MNIST digits; the bars follow as you draw.</p>}
    </div>
  );
}

/** An image file's pixels resized to h×w (stretched, as the dataset's images were), grayscale
 *  (luma) or RGB, 0–255, row-major with the channels interleaved. */
async function decodeImage(file: Blob, h: number, w: number, c: number): Promise<number[]> {
  const bitmap = await createImageBitmap(file);
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d')!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, w, h);
  bitmap.close();
  const rgba = ctx.getImageData(0, 0, w, h).data;
  const out = new Array<number>(h * w * c);
  for (let p = 0; p < h * w; p++) {
    const [r, g, b] = [rgba[p * 4]!, rgba[p * 4 + 1]!, rgba[p * 4 + 2]!];
    if (c === 1) out[p] = Math.round(0.2126 * r + 0.7152 * g + 0.0722 * b);
    else for (let k = 0; k < 3; k++) out[p * 3 + k] = [r, g, b][k]!;
  }
  return out;
}

/** One number field per feature, filled from the first test sample. */
function FeatureInput({ api, runId, about, onParams }: InspectTabProps & { onParams(p: Params | null): void }) {
  const width = about.inputShape.reduce((a, b) => a * b, 1);
  const names = useMemo(() => (about.featureNames?.length === width ? about.featureNames : Array.from({ length: width }, (_, i) => `x${i + 1}`)), [about.featureNames, width]);
  const { value: first } = useInspect(api, runId, 'samples', width <= MAX_FIELDS ? { split: 'test', limit: 1 } : null);
  const [text, setText] = useState<string[] | null>(null);
  useEffect(() => {
    if (text === null && first?.items[0]) setText(first.items[0].x.map((v) => String(v)));
  }, [first, text]);
  useEffect(() => {
    if (!text) return;
    const nums = text.map(Number);
    onParams(text.every((t) => t.trim() !== '') && nums.every(Number.isFinite) ? { input: nums } : null);
  }, [text, onParams]);
  if (width > MAX_FIELDS) return <p className="muted">This run's input has {width} values: too many to type one by one.</p>;
  if (!text) return <p className="muted">loading a test sample…</p>;
  return (
    <div className="playground-fields">
      <p className="muted small">Values as in the data (the run's scaling is applied for you), filled from test sample 0.</p>
      {names.map((n, i) => (
        <label key={i} className="feature-field">
          <span className="mono">{n}</span>
          <input type="number" step="any" value={text[i]} data-feature={n} onChange={(e) => setText(text.map((t, j) => (j === i ? e.target.value : t)))} />
        </label>
      ))}
    </div>
  );
}
