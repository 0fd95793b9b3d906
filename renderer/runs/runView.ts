// A stored run (runs.read) as the dashboard's RunView, so a run selected in the runs panel is
// drawn by the same charts and results as a live job; and the series a comparison overlays.
import type { RunRecord, RunSummary } from '../../electron/contract.js';
import type { Metrics } from '../../engine/train/events.js';
import { createRun, type RunView } from '../charts/run.js';

/** JSON keeps NaN and ±Infinity as null; the charts skip NaN. */
function metrics(m: Record<string, number | null>): Metrics {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v ?? NaN]));
}

export function runViewFromRecord(r: RunRecord, status: RunSummary['status'] = r.status): RunView {
  const v = createRun();
  v.state = status === 'interrupted' ? 'stopped' : status;
  v.jobId = null;
  v.backend = r.backend.name;
  v.epochs = r.plannedEpochs;
  v.trainCount = r.dataset.trainCount;
  const lastBatch = r.batches.points.at(-1);
  // Batches per epoch from the points' numbering (the last point of a finished epoch).
  const perEpoch = r.batches.points.reduce((m, p) => Math.max(m, p.batch), 1);
  v.batchesPerEpoch = perEpoch;
  v.epoch = r.epochs.length;
  v.step = lastBatch?.step ?? 0;
  v.batch = lastBatch?.batch ?? 0;
  v.startedAt = 0;
  v.elapsedSec = r.timing.totalSeconds ?? r.timing.trainSeconds;
  v.imagesPerSec = r.epochs.at(-1)?.examplesPerSec ?? 0;
  for (const p of r.batches.points) {
    const n = v.batches.step.length;
    v.batches.step.push(p.step);
    for (const [k, val] of Object.entries(p.metrics)) (v.batches.values[k] ??= new Array<number>(n).fill(NaN)).push(val ?? NaN);
    for (const s of Object.values(v.batches.values)) if (s.length < n + 1) s.push(NaN);
  }
  v.epochRows = r.epochs.map((e) => ({ epoch: e.epoch, metrics: metrics(e.metrics) }));
  v.test = r.test ? { loss: r.test.loss ?? NaN, ...(r.test.accuracy != null ? { accuracy: r.test.accuracy } : {}) } : null;
  v.message = r.message ?? (status === 'interrupted' ? 'interrupted: its process ended before the run did' : null);
  v.stoppedEarly = r.stoppedEarly ?? null;
  v.init = r.initFrom ? { from: r.initFrom.from, loaded: r.initFrom.loaded.map((l) => ({ ...l })), fresh: r.initFrom.fresh.map((f) => ({ ...f })) } : null;
  v.version = 1;
  return v;
}

/** A run's name in the app: its label, else its date and time. */
export function runName(r: Pick<RunSummary, 'label' | 'createdAt'>): string {
  if (r.label) return r.label;
  const d = new Date(r.createdAt);
  return Number.isNaN(d.getTime()) ? r.createdAt : d.toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** Per-epoch points of one metric of a run (`val` for the validation series); tfjs may call
 *  accuracy `acc`. */
export function epochSeries(r: RunRecord, metric: 'loss' | 'accuracy', val: boolean): { x: number; y: number }[] {
  const keys = metric === 'accuracy' ? ['accuracy', 'acc'] : ['loss'];
  const out: { x: number; y: number }[] = [];
  for (const e of r.epochs) {
    for (const k of keys) {
      const y = e.metrics[val ? `val_${k}` : k];
      if (typeof y === 'number' && Number.isFinite(y)) {
        out.push({ x: e.epoch, y });
        break;
      }
    }
  }
  return out;
}

/** Distinct colours for overlaid runs, legible on light and dark backgrounds. */
export const RUN_COLORS = ['#2563eb', '#e11d48', '#059669', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];
