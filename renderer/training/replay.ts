// A run rebuilt from the host's replay (training.replay): what a page that comes back to its
// session (a reload in browser mode) shows before it follows the live stream again.
import type { TrainingReplay } from '../../electron/contract.js';
import type { TrainingEvent } from '../../engine/train/events.js';
import { applyEvent, createRun, type RunView } from '../charts/run.js';

/**
 * Folds the replayed events into a fresh run, each at the time the host saw it (mapped onto
 * this page's clock), so elapsed time and pace read as if the page had never gone away.
 * Null when the session has no job to show.
 */
export function runFromReplay(replay: TrainingReplay, nowMs: number): RunView | null {
  if (replay.events.length === 0 && !replay.running) return null;
  const base = nowMs - replay.nowMs;
  const run = createRun();
  for (const { atMs, event } of replay.events) applyEvent(run, event, base + atMs);
  if (replay.running) {
    // Still loading its data when the page left: no events yet, but a job runs.
    if (run.state === 'idle') run.state = 'running';
    if (run.jobId === null && replay.jobId) run.jobId = replay.jobId;
    if (run.startedAt !== null) run.elapsedSec = (nowMs - run.startedAt) / 1000;
  }
  return run;
}

/**
 * Whether a live event carries the run past where `run` stands: a new job, a later batch or
 * epoch, or the end of a run still running. Events that crossed the replay's answer on the
 * wire (a client may see them before it sees the answer) are in the replay already; this
 * tells them from the new ones.
 */
export function isNewer(run: RunView, e: TrainingEvent): boolean {
  if (e.event === 'started') return e.jobId !== run.jobId;
  if (run.jobId !== null && e.jobId !== run.jobId) return false;
  switch (e.event) {
    case 'batch':
      return e.step > run.step;
    case 'epoch':
      return e.epoch > (run.epochRows.at(-1)?.epoch ?? 0);
    default:
      return run.state === 'running';
  }
}
