// Human-readable lines for training progress and evaluation results.
import type { Evaluation } from '../evaluate/evaluate.js';
import type { BatchEvent, EpochEvent, Metrics } from '../train/events.js';
import { count, fixed, table } from './table.js';

/** "loss 0.1234  accuracy 0.9612  val_loss 0.2001" in a stable order (training first). */
export function metricsText(m: Metrics): string {
  const keys = Object.keys(m).sort((a, b) => Number(a.startsWith('val_')) - Number(b.startsWith('val_')));
  return keys.map((k) => `${k} ${fixed(m[k])}`).join('  ');
}

export function epochLine(e: EpochEvent, epochs: number): string {
  const w = String(epochs).length;
  return `epoch ${String(e.epoch).padStart(w)}/${epochs}  ${metricsText(e.metrics)}  (${e.seconds.toFixed(1)} s, ${count(Math.round(e.imagesPerSec))} examples/s)`;
}

export function progressBar(e: BatchEvent, epochs: number, batchesPerEpoch: number, width = 24): string {
  const frac = Math.min(1, e.batch / Math.max(1, batchesPerEpoch));
  const filled = Math.round(frac * width);
  return `epoch ${e.epoch}/${epochs} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${Math.round(frac * 100)}%  ${metricsText(e.metrics)}  ${count(Math.round(e.imagesPerSec))}/s`;
}

export function evaluationLines(ev: Evaluation, title = 'test'): string[] {
  const head = [`${title}: loss ${fixed(ev.loss)}`];
  if (ev.accuracy !== undefined) head.push(`accuracy ${fixed(ev.accuracy)}`);
  if (ev.mae !== undefined) head.push(`mae ${fixed(ev.mae)}`);
  if (ev.macro) head.push(`macro precision ${fixed(ev.macro.precision)}  recall ${fixed(ev.macro.recall)}  f1 ${fixed(ev.macro.f1)}`);
  const lines = [head.join('  ')];
  if (ev.perClass?.length) {
    const rows = ev.perClass.map((c) => [c.name, fixed(c.precision), fixed(c.recall), fixed(c.f1), count(c.support)]);
    lines.push('', ...table(['class', 'precision', 'recall', 'f1', 'support'], rows, new Set([1, 2, 3, 4])));
  }
  if (ev.confusion && ev.confusion.length <= 12) {
    const names = ev.classNames ?? ev.confusion.map((_, i) => String(i));
    const rows = ev.confusion.map((r, i) => [names[i] ?? String(i), ...r.map(count)]);
    lines.push('', 'confusion matrix (rows: true class, columns: predicted)');
    lines.push(...table(['', ...names], rows, new Set(names.map((_, i) => i + 1))));
  }
  return lines;
}
