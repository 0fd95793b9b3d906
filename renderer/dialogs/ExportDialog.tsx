// Export: the formats the contract lists, written by the host (a save dialog in Electron,
// the workspace's exports/ folder in browser mode).
import { useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat } from '../../electron/contract.js';
import type { Project } from '../../engine/project/types.js';
import { fileStem } from '../../engine/project/file-name.js';
import type { LayerLabApi } from '../api/client.js';
import { Modal } from './Modal.js';

const FORMAT_INFO: Record<ExportFormat, { title: string; doc: string }> = {
  tfjs: { title: 'TensorFlow.js model', doc: 'model.json and weight files; loads with tf.loadLayersModel. Uses the trained weights when a run has finished.' },
  'keras-py': { title: 'Keras Python script', doc: 'A Python program that builds (and trains) this network with Keras.' },
  'tfjs-js': { title: 'TensorFlow.js script', doc: 'A JavaScript program that builds this network with tf.layers.' },
  project: { title: 'LayerLab project', doc: 'The .layerlab.json file itself.' },
};

export function ExportDialog(props: { api: LayerLabApi | null; project: Project; jobId: string | null; onClose(): void }) {
  const [format, setFormat] = useState<ExportFormat>('tfjs');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string; files?: string[] } | null>(null);

  const run = async () => {
    if (!props.api) return;
    setBusy(true);
    setResult(null);
    try {
      const slug = fileStem(props.project.name, 'model');
      const r = await props.api.invoke('export', {
        format,
        project: props.project,
        suggestedName: slug,
        ...(props.jobId ? { jobId: props.jobId } : {}),
      });
      setResult(r.canceled ? { ok: true, text: 'Export canceled.' } : { ok: true, text: `Written to ${r.location}`, files: r.files });
    } catch (e) {
      setResult({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="Export model"
      small
      onClose={props.onClose}
      footer={
        <>
          <button className="btn" onClick={props.onClose}>
            Close
          </button>
          <button className="btn primary" disabled={busy || !props.api} onClick={run} data-action="export-confirm">
            {busy ? 'Writing…' : 'Write files'}
          </button>
        </>
      }
    >
      <div className="formats" role="radiogroup" aria-label="Format">
        {EXPORT_FORMATS.map((f) => (
          <label key={f} className="format" data-format={f}>
            <input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} />
            <div>
              <b>{FORMAT_INFO[f]?.title ?? f}</b>
              <span>{FORMAT_INFO[f]?.doc}</span>
            </div>
          </label>
        ))}
      </div>
      {!props.jobId && format === 'tfjs' && <p className="muted">No trained run yet: the model is exported with its initial weights.</p>}
      {result && (
        <div className={`diag ${result.ok ? '' : 'error'}`} role={result.ok ? 'status' : 'alert'} data-export-result={result.ok ? 'ok' : 'error'} style={{ marginTop: 12, background: result.ok ? 'var(--ok-soft)' : undefined }}>
          {result.text}
          {result.files && (
            <ul style={{ margin: '6px 0 0', paddingLeft: 18, fontFamily: 'var(--mono)', fontSize: 11.5 }}>
              {result.files.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Modal>
  );
}
