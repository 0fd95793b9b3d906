// Picking a test example for a view: thumbnails of the split (images) or rows (tabular),
// filtered by class, and an index to type. Shared by every view that looks at one example.
import { useState } from 'react';
import type { LayerLabApi } from '../api/client.js';
import type { InspectReply } from '../../engine/views/inspect/schemas.js';
import { ImageCanvas } from './ImageCanvas.js';
import { imageDims } from './pixels.js';
import { useInspect } from './useInspect.js';

export function SamplePicker(props: { api: LayerLabApi; runId: string; about: InspectReply<'about'>; value: number; onChange(index: number): void }) {
  const { about } = props;
  const [cls, setCls] = useState<number | null>(null);
  const [offset, setOffset] = useState(0);
  const limit = 12;
  const { value: page, error } = useInspect(props.api, props.runId, 'samples', { split: 'test', offset, limit, ...(cls === null ? {} : { classIndex: cls }) });
  const dims = imageDims(about.inputShape);
  const total = page ? (cls === null ? page.count : page.matching) : 0;
  const name = (label: number) => about.classNames?.[label] ?? String(label);
  return (
    <div className="sample-picker" data-control="sample">
      <div className="row">
        <label>
          Test sample{' '}
          <input type="number" min={0} max={Math.max(0, about.testCount - 1)} value={props.value} onChange={(e) => props.onChange(Math.max(0, Math.min(about.testCount - 1, Number(e.target.value) || 0)))} style={{ width: 72 }} aria-label="test sample index" />
        </label>
        {about.classNames && (
          <label>
            class{' '}
            <select
              value={cls ?? ''}
              onChange={(e) => {
                setCls(e.target.value === '' ? null : Number(e.target.value));
                setOffset(0);
              }}
              aria-label="show samples of class"
            >
              <option value="">any</option>
              {about.classNames.map((c, i) => (
                <option key={i} value={i}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        )}
        <button className="btn small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - limit))} aria-label="previous samples">
          ‹
        </button>
        <button className="btn small" disabled={offset + limit >= total} onClick={() => setOffset(offset + limit)} aria-label="next samples">
          ›
        </button>
        <span className="muted">{total ? `${offset + 1}–${Math.min(total, offset + limit)} of ${total}` : ''}</span>
      </div>
      {error && <div className="diag error">{error}</div>}
      <div className="sample-strip">
        {page?.items.map((it) => (
          <button key={it.index} className={`sample-thumb${it.index === props.value ? ' on' : ''}`} onClick={() => props.onChange(it.index)} data-sample={it.index} aria-pressed={it.index === props.value} title={`test sample ${it.index}: ${name(it.label)}`}>
            {dims ? <ImageCanvas values={it.x} h={dims.h} w={dims.w} c={dims.c} size={40} /> : <span className="mono">{it.x.slice(0, 3).map((v) => v.toFixed(2)).join(', ')}</span>}
            <span className="muted">{about.task === 'classification' ? name(it.label) : `#${it.index}`}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
