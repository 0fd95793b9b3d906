// Which run the dashboard, evaluation and export act on, and whether the session's training
// job is the open project's. Pure, so the rules are tested without a page.
import type { Response, RunSummary } from '../../electron/contract.js';
import type { RunView } from '../charts/run.js';

type List = Response<'runs.list'>;

/**
 * Whether the job the dashboard follows belongs to the open project: the host says so
 * (runs.list's `job`: started from this document, or recording into its runs folder), or it
 * was started while this document was open (`startedIn`, before the host's next answer).
 */
export function jobIsHere(run: Pick<RunView, 'state' | 'jobId'>, list: List | null, startedIn: string | null): boolean {
  if (run.state === 'idle') return false;
  if (!list) return startedIn === null;
  if (list.job && run.jobId !== null && list.job.jobId === run.jobId) return true;
  return startedIn !== null && startedIn === list.documentId;
}

/** The run evaluation and export use: the one ticked, else the open project's job's run
 *  once it has ended; null when there is none (an export then has fresh weights). */
export function targetRun(list: List | null, selected: readonly string[], jobHere: boolean): RunSummary | null {
  if (!list) return null;
  if (selected.length === 1) return list.runs.find((r) => r.id === selected[0]) ?? null;
  if (selected.length > 1) return null;
  if (jobHere && list.job && !list.job.running && list.job.runId) return list.runs.find((r) => r.id === list.job!.runId) ?? null;
  return null;
}

/** The running job's run when the project was edited since Train: it trains the old graph. */
export function staleJobRun(list: List | null, jobHere: boolean): RunSummary | null {
  if (!list?.job?.running || !jobHere || !list.job.runId) return null;
  const r = list.runs.find((x) => x.id === list.job!.runId);
  return r && !r.matchesProject ? r : null;
}
