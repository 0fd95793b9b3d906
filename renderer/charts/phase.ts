// The words and the bar for a job's phase before its first batch: "Loading the dataset:
// 12,000 of 60,000 images".
import type { PhaseEvent } from '../../engine/train/events.js';

export type PhaseView = Pick<PhaseEvent, 'phase' | 'message' | 'progress'>;

const count = (n: number) => Math.round(n).toLocaleString('en-US');

export function phaseText(p: PhaseView): string {
  const pr = p.progress;
  if (!pr || !(pr.total > 0)) return p.message;
  const unit = pr.total === 1 ? pr.unit.replace(/s$/u, '') : pr.unit;
  const amount = `${count(Math.min(pr.done, pr.total))} of ${count(pr.total)} ${unit}`;
  return p.phase === 'dataset' ? `Loading the dataset: ${amount}` : `${p.message.replace(/…$/u, '')}: ${amount}`;
}

/** 0..1 for the thin bar under the words, or null when the phase has no count. */
export function phaseFraction(p: PhaseView | null): number | null {
  const pr = p?.progress;
  if (!pr || !(pr.total > 0)) return null;
  return Math.max(0, Math.min(1, pr.done / pr.total));
}
