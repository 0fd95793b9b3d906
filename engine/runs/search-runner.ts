// Hyper-parameter search, the orchestration shared by the CLI (`layerlab search`, each trial a
// `layerlab train` child process) and the app's host (electron/search.ts, each trial a
// training worker): planning the trials from a search space, and running them up to K at a
// time, plain or by successive halving, ranking them by a metric. How ONE trial trains (and
// where its run is recorded) is the caller's `runTrial`; everything else is here, once.
//
//   planSearch(project, input)  → SearchPlan   the checked space, metric, trials, skipped ones
//   runSearch(plan, options)    → SearchResult the trials ranked, the best, runs trained
//   defaultParallel(trials)                    trials at a time when the user gives none
import { availableParallelism } from 'node:os';
import { check } from '../check/check.js';
import { parseProject, serializeProject } from '../project/io.js';
import type { Project } from '../project/types.js';
import type { RunDoc } from './schema.js';
import {
  applyParams,
  expandGrid,
  halvingSchedule,
  metricOf,
  rankHalving,
  rankTrials,
  resolveSpace,
  sampleRandom,
  type Rung,
  type SearchSpace,
  type Trial,
  type TrialParams,
} from './search.js';

export interface SearchInput {
  space: SearchSpace;
  /** N random trials (ranges drawn, grid values picked); without it, the grid's product. */
  random?: number;
  /** Seed of the random draws, and the training seed of a project without one. Default 42. */
  seed?: number;
  /** What ranks the trials; default val_loss with a validation split, loss without. */
  metric?: string;
  /** Epochs per trial instead of the project's. */
  epochs?: number;
  halving?: boolean;
}

/** A trial ready to train: its values applied to the project, checked. */
export interface TrialJob {
  index: number;
  params: TrialParams;
  project: Project;
}

export interface SearchPlan {
  space: SearchSpace;
  /** The searched paths, in the order given. */
  searched: string[];
  metric: string;
  /** No metric was given and the project has no validation split: ranked by the training loss. */
  metricFallback: boolean;
  /** The project had no training seed: every trial trains with `seed`. */
  seeded: boolean;
  seed: number;
  points: TrialParams[];
  jobs: TrialJob[];
  /** Trials whose graph or settings do not check (a unit count of 0): never trained. */
  skipped: (Trial & { index: number })[];
  fullEpochs: number;
  halving: boolean;
  rungs: Rung[];
}

/** Checks the input against the project and lays out the trials; throws an Error naming the
 *  bad path, value or metric. */
export function planSearch(project: Project, input: SearchInput): SearchPlan {
  const { random, halving = false } = input;
  const seed = input.seed ?? 42;
  if (!input.space.grid.length && !input.space.ranges.length) throw new Error('nothing to search: give a parameter and its values (a grid) or a range with a number of random trials');
  if (input.space.ranges.length && random === undefined) throw new Error('a range is drawn from by random trials: give how many (--random N)');
  if (input.epochs !== undefined && !(Number.isInteger(input.epochs) && input.epochs >= 1)) throw new Error(`epochs per trial must be a whole number ≥ 1, got ${input.epochs}`);
  const space = resolveSpace(project, input.space);
  const searched = [...space.grid, ...space.ranges].map((a) => a.path);
  const hasValidation = project.training.validationSplit > 0 || searched.includes('training.validationSplit');
  const metric = input.metric ?? (hasValidation ? 'val_loss' : 'loss');
  if (metric.startsWith('val_') && !hasValidation)
    throw new Error(`the metric ${metric} needs a validation split, and training.validationSplit is 0; rank by ${metric.slice(4)} or set a validation split`);
  const points = random !== undefined ? sampleRandom(space, random, seed) : expandGrid(space.grid);
  // Every trial trains with one seed, so that the values, not the luck, differ between them.
  const seeded = project.training.seed === undefined && !searched.includes('training.seed');
  const base: Project = seeded ? { ...project, training: { ...project.training, seed } } : project;
  const jobs: TrialJob[] = [];
  const skipped: SearchPlan['skipped'] = [];
  points.forEach((params, index) => {
    let p = applyParams(base, params);
    if (input.epochs !== undefined) p = { ...p, training: { ...p.training, epochs: input.epochs } };
    const parsed = parseProject(serializeProject(p), `trial ${index + 1}`);
    const errors = parsed.ok ? check(parsed.project).errors : [];
    const problem = !parsed.ok ? parsed.error : errors.length ? errors.map((d) => `${d.nodeId ? `${d.nodeId}: ` : ''}${d.message}`).join('; ') : null;
    if (problem) skipped.push({ index, runId: null, params, metric: null, error: `skipped: ${problem}` });
    else jobs.push({ index, params, project: parsed.ok ? parsed.project : p });
  });
  const fullEpochs = input.epochs ?? base.training.epochs;
  const rungs = halving ? halvingSchedule(Math.max(1, jobs.length), fullEpochs) : [{ trials: jobs.length, epochs: fullEpochs }];
  return { space, searched, metric, metricFallback: input.metric === undefined && !hasValidation, seeded, seed, points, jobs, skipped, fullEpochs, halving, rungs };
}

/** Trials at a time when none is asked for: one per core (each then trains on
 *  cores / K threads), never more than there are trials, nor than `cap`. */
export function defaultParallel(trials: number, cap = Infinity): number {
  return Math.max(1, Math.min(availableParallelism(), trials || 1, cap));
}

/** What `runTrial` is asked to train. */
export interface TrialRequest {
  index: number;
  params: TrialParams;
  /** The project to train: the trial's values and (under halving) the rung's epochs applied. */
  project: Project;
  /** What the run records as its `search` field. */
  tag: { id: string; params: TrialParams; rung?: number };
  rung?: number;
  epochs: number;
}

/** How a trial's training ended, as its trainer saw it. */
export interface TrialOutcome {
  runId: string | null;
  status: 'finished' | 'stopped' | 'failed' | string;
  message?: string;
}

export interface RunSearchOptions {
  /** The search's id, recorded in each trial's run. */
  id: string;
  parallel: number;
  runTrial(req: TrialRequest): Promise<TrialOutcome>;
  /** Reads a trial's recorded run, for its metric. */
  readRun(runId: string): Promise<RunDoc>;
  /** Each trial as it ends; `done` of `of` in its rung. */
  onTrial?(trial: Trial, info: { index: number; done: number; of: number }): void;
  /** True once the search is stopped: no further trial starts (the running ones are the caller's to stop). */
  stopped?(): boolean;
}

export interface SearchResult {
  /** Best first (under halving: the furthest rung first); trials without a metric last. */
  trials: (Trial & { index: number })[];
  best: (Trial & { index: number }) | null;
  /** Runs trained (a halving trial counts once per rung). */
  trained: number;
}

/** Runs the plan's trials, up to `parallel` at a time, and ranks them. */
export async function runSearch(plan: SearchPlan, opts: RunSearchOptions): Promise<SearchResult> {
  const stopped = opts.stopped ?? (() => false);
  const parallel = Math.max(1, opts.parallel);
  let trained = 0;
  const runJobs = async (list: TrialJob[], rung: number | undefined, rungEpochs: number): Promise<[number, Trial][]> => {
    const out: [number, Trial][] = [];
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < list.length && !stopped()) {
        const job = list[next++]!;
        const project = rung === undefined ? job.project : { ...job.project, training: { ...job.project.training, epochs: rungEpochs } };
        const tag = { id: opts.id, params: job.params, ...(rung === undefined ? {} : { rung }) };
        const res = await opts.runTrial({ index: job.index, params: job.params, project, tag, ...(rung === undefined ? {} : { rung }), epochs: rungEpochs });
        let value: number | undefined;
        let error = res.status === 'finished' ? undefined : `${res.status}${res.message ? `: ${res.message}` : ''}`;
        if (res.runId) {
          try {
            const run = await opts.readRun(res.runId);
            value = metricOf(run, plan.metric);
            if (value === undefined && !error) error = `the run reports no '${plan.metric}' (it has ${Object.keys(run.epochs.at(-1)?.metrics ?? {}).join(', ') || 'no epochs'})`;
          } catch (e) {
            error ??= (e as Error).message;
          }
        } else error ??= 'the trial recorded no run';
        const trial: Trial = { runId: res.runId, params: job.params, metric: value ?? null, ...(error ? { error } : {}), ...(rung === undefined ? {} : { rung, epochs: rungEpochs }) };
        out.push([job.index, trial]);
        done++;
        trained++;
        opts.onTrial?.(trial, { index: job.index, done, of: list.length });
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, Math.max(1, list.length)) }, worker));
    return out;
  };
  const results: (Trial & { index: number })[] = [...plan.skipped];
  if (!plan.halving) results.push(...(await runJobs(plan.jobs, undefined, plan.fullEpochs)).map(([index, t]) => ({ ...t, index })));
  else {
    // Each trial's latest result stands for it; the better ones go on to the next rung.
    const latest = new Map<number, Trial>();
    let survivors = plan.jobs;
    for (const [k, rung] of plan.rungs.entries()) {
      if (stopped() || !survivors.length) break;
      const rr = await runJobs(survivors.slice(0, rung.trials), k, rung.epochs);
      for (const [index, t] of rr) latest.set(index, t);
      const ranked = rankTrials(rr.map(([index, t]) => ({ index, metric: t.metric })), plan.metric).filter((t) => t.metric !== null);
      survivors = ranked.map((t) => plan.jobs.find((j) => j.index === t.index)!);
    }
    results.push(...[...latest.entries()].map(([index, t]) => ({ ...t, index })));
  }
  const ranked = plan.halving ? rankHalving(results, plan.metric) : rankTrials(results, plan.metric);
  return { trials: ranked, best: ranked.find((t) => t.metric !== null) ?? null, trained };
}
