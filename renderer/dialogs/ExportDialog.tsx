// Export: the formats the contract lists, written by the host (a save dialog in Electron,
// the workspace's exports/ folder in browser mode), from the run the user chose. When the
// graph was edited since that run, the dialog says what changed before anything is written
// and offers the run's own graph (its trained model) or the current graph (fresh weights).
import { useEffect, useRef, useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat, type Response, type RunRecord, type RunSummary } from '../../electron/contract.js';
import { describeChanges } from '../../engine/runs/diff.js';
import type { Project } from '../../engine/project/types.js';
import { fileStem } from '../../engine/project/file-name.js';
import { runName } from '../runs/runView.js';
import type { LayerLabApi } from '../api/client.js';
import { Modal } from './Modal.js';

const FORMAT_INFO: Record<ExportFormat, { title: string; doc: string }> = {
  tfjs: { title: 'TensorFlow.js model', doc: 'model.json and weight files with the input scaling as its first layers; loads with tf.loadLayersModel. Checked after writing: loaded back and run on test samples against the app\'s predictions.' },
  // The opset is engine/export/onnx/graph.ts's OPSET (not imported: that module brings protobufjs into the page).
  onnx: { title: 'ONNX model', doc: 'One .onnx file (opset 17) with the input scaling inside; checked after writing: onnxruntime runs it on test samples against the app\'s predictions.' },
  pytorch: { title: 'PyTorch model', doc: 'A folder: model.py (an nn.Module with predict and train commands, torchrun-ready), weights.npz and metadata.json, the input scaling inside; checked with python3 where torch is installed.' },
  'keras-py': { title: 'Keras Python script', doc: 'A Python program that builds (and trains) this network with Keras; from a run, with its weights and input scaling in NAME.weights.npz beside it.' },
  'tfjs-js': { title: 'TensorFlow.js script', doc: 'A JavaScript program that builds this network with tf.layers.' },
  project: { title: 'LayerLab project', doc: 'The .layerlab.json file itself.' },
};

type Parity = NonNullable<Extract<Response<'export'>, { canceled: false }>['parity']>;

/** The formats that carry weights (the others are code or the project). */
const WEIGHTS: ReadonlySet<ExportFormat> = new Set(['tfjs', 'onnx', 'pytorch']);

export function ExportDialog(props: { api: LayerLabApi | null; project: Project; run: RunSummary | null; onClose(): void }) {
  const [format, setFormat] = useState<ExportFormat>('tfjs');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string; files?: string[]; parity?: Parity; untrained?: boolean } | null>(null);
  const weights = WEIGHTS.has(format);
  // The outcome (files and parity line) sits below six formats: bring it into view when it comes.
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result) outcome.current?.scrollIntoView({ block: 'nearest' });
  }, [result]);
  const run = props.run?.hasModel ? props.run : null;
  const stale = run !== null && !run.matchesProject;
  /** For a run of an older graph: export its own graph (default) or the current one. */
  const [graph, setGraph] = useState<'run' | 'project'>('run');
  const [record, setRecord] = useState<RunRecord | null>(null);
  useEffect(() => {
    if (!props.api || !run || run.matchesProject) return;
    props.api.invoke('runs.read', { runId: run.id }).then(({ run: r }) => setRecord(r), () => undefined);
  }, [props.api, run]);
  const changes = stale && record ? describeChanges(record.project, props.project).text : null;
  const useRun = run !== null && (!stale || graph === 'run');

  const write = async () => {
    if (!props.api) return;
    setBusy(true);
    setResult(null);
    try {
      const slug = fileStem(props.project.name, 'model');
      const r = await props.api.invoke('export', {
        format,
        project: props.project,
        suggestedName: slug,
        ...(useRun ? { runId: run.id, ...(stale ? { graph: 'run' as const } : {}) } : {}),
      });
      setResult(
        r.canceled
          ? { ok: true, text: 'Export canceled.' }
          : { ok: true, text: `Written to ${r.location}`, files: r.files, ...(r.parity ? { parity: r.parity } : {}), ...(r.untrained ? { untrained: true } : {}) },
      );
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
          <button className="btn primary" disabled={busy || !props.api} onClick={write} data-action="export-confirm">
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
      {!run && weights && <p className="muted">No trained run yet: the model is exported with its initial weights.</p>}
      {run && !stale && (
        <p className="muted" data-export-run={run.id}>
          From run <b>{runName(run)}</b>: {weights ? `its trained weights (${run.epochs} epochs).` : 'the graph it trained, which is the project as it is now.'}
        </p>
      )}
      {run && stale && (
        <div className="diag warning" role="alert" data-export-stale style={{ marginTop: 10 }}>
          <div style={{ fontWeight: 600, marginBottom: 6 }}>
            This run ({runName(run)}) trained an older graph{changes ? `: ${changes}` : ''}.
          </div>
          <label className="check" style={{ fontWeight: 400, marginBottom: 4 }}>
            <input type="radio" name="export-graph" checked={graph === 'run'} onChange={() => setGraph('run')} data-export-graph="run" />
            Export the run's own graph, as it was trained{weights ? ', with its trained weights' : ''}
          </label>
          <label className="check" style={{ fontWeight: 400 }}>
            <input type="radio" name="export-graph" checked={graph === 'project'} onChange={() => setGraph('project')} data-export-graph="project" />
            Export the current graph{weights ? ' with fresh, untrained weights' : ''}
          </label>
        </div>
      )}
      {result && (
        <div className={`diag ${result.ok ? '' : 'error'}`} role={result.ok ? 'status' : 'alert'} data-export-result={result.ok ? 'ok' : 'error'} style={{ marginTop: 12, background: result.ok ? 'var(--ok-soft)' : undefined }}>
          {result.text}
          {result.untrained && <div className="muted">The untrained network: its initial weights (no run was selected).</div>}
          {result.files && (
            <ul style={{ margin: '6px 0 0', paddingLeft: 18, fontFamily: 'var(--mono)', fontSize: 11.5 }}>
              {result.files.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {result?.parity && <ParityLine parity={result.parity} />}
      <div ref={outcome} />
    </Modal>
  );
}

/** The exported file's predictions against the app's: green when they match, red with the
 *  first differing sample when not, plain when the check could not run. */
function ParityLine({ parity }: { parity: Parity }) {
  const state = !parity.checked ? 'unchecked' : parity.ok ? 'match' : 'mismatch';
  const color = state === 'match' ? 'var(--ok)' : state === 'mismatch' ? 'var(--danger)' : 'var(--text-2)';
  return (
    <div
      className={`diag ${state === 'mismatch' ? 'error' : ''}`}
      role={state === 'mismatch' ? 'alert' : 'status'}
      data-export-parity={state}
      style={{ marginTop: 8, color, fontWeight: 600, background: state === 'match' ? 'var(--ok-soft)' : undefined }}
    >
      {state === 'match' ? '✓ ' : state === 'mismatch' ? '✗ ' : ''}
      {parity.message}
    </div>
  );
}
