// `layerlab search <project> --grid PATH=V1,V2 … [--random N --range PATH=MIN:MAX[:log]] …`:
// hyper-parameter search. Each trial is a `layerlab train` child process that records a run
// of the project (with `search: {id, params}`), up to --parallel at a time; the result is a
// table sorted by the metric, and --apply writes the best values into the project file.
// The pure parts (grid, sampling, paths, applying) are engine/runs/search.ts.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from '../../check/check.js';
import { parseProject, saveProjectFile, serializeProject } from '../../project/io.js';
import type { Project } from '../../project/types.js';
import {
  applyParams,
  expandGrid,
  getParam,
  halvingSchedule,
  rankHalving,
  metricDirection,
  metricOf,
  parseGridArg,
  parseRangeArg,
  rankTrials,
  resolveSpace,
  sampleRandom,
  type SearchSpace,
  type Trial,
  type TrialParams,
} from '../../runs/search.js';
import { newRunId, readRun, runsDirFor } from '../../runs/store.js';
import { intOption, parseOptions, stringOption, UsageError } from '../args.js';
import { EXIT, type CliIO, type Command } from '../io.js';
import { readProject } from '../project.js';
import { fixed, table } from '../table.js';

const BIN = fileURLToPath(new URL('../../../bin/layerlab.mjs', import.meta.url));

const USAGE = `usage: layerlab search <project.layerlab.json> --grid PATH=V1,V2,… [--grid …]
                       [--random N --range PATH=MIN:MAX[:log][:int] …] [--metric NAME]
                       [--parallel K] [--epochs E] [--halving] [--seed S] [--backend NAME]
                       [--apply] [--json]

  Trains one run of the project per trial, each with the trial's values, and ranks them.
  A PATH is <nodeId>.<param> (d1.units, drop.rate) or training.<setting>
  (training.optimizer.learningRate, training.batchSize).

  --grid PATH=V,…     values to try; several --grid give every combination
  --random N          N trials drawn at random (seeded) instead: each --range drawn, each
                      --grid value picked
  --range PATH=A:B    a range for --random; ':log' draws in log space (learning rates),
                      ':int' whole numbers (implied for whole-number parameters)
  --metric NAME       what to rank by: an epoch metric of the last epoch (val_loss, loss,
                      val_accuracy, accuracy, mae, …) or test_loss / test_accuracy;
                      default val_loss with a validation split, loss without
  --parallel K        trials at a time, each in its own process (default: the cores, each
                      trial then gets cores / K threads)
  --epochs E          train each trial E epochs instead of the project's
  --halving           successive halving: every trial trains a short budget, the better
                      half goes on with twice the epochs, … until the best trains all E;
                      the result lists each trial at the furthest rung it reached
  --seed S            seed of the random draws, and the training seed of projects without one
                      (every trial trains with the same seed); default 42
  --apply             write the best trial's values into the project file
  --json              a JSON line per finished trial ({"event": "trial", …}), then
                      {"trials": [{"runId", "params", "metric"}], "best": {"runId", "params", "metric"}}`;

function collect(args: string[], flag: string): { rest: string[]; values: string[] } {
  // parseArgs keeps only the last of a repeated string option, so --grid/--range are taken here.
  const rest: string[] = [];
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === flag) {
      const v = args[i + 1];
      if (v === undefined) throw new UsageError(`${flag} needs a value, e.g. ${flag} '${flag === '--grid' ? 'd1.units=16,64' : 'drop.rate=0:0.5'}'`);
      values.push(v);
      i++;
    } else if (a.startsWith(`${flag}=`)) values.push(a.slice(flag.length + 1));
    else rest.push(a);
  }
  return { rest, values };
}

const paramsText = (p: TrialParams) =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(' ');

interface TrialJob {
  index: number;
  params: TrialParams;
  project: Project;
}

interface ChildResult {
  runId: string | null;
  status: string;
  message?: string;
}

/** Runs one trial as `layerlab train <trial file> --json --runs-for <project>`. */
function runTrial(file: string, projectPath: string, tag: string, backend: string | undefined, threads: number | undefined, children: Set<ReturnType<typeof spawn>>): Promise<ChildResult> {
  return new Promise((resolve) => {
    const args = [BIN, 'train', file, '--json', '--runs-for', projectPath, '--search', tag, ...(backend ? ['--backend', backend] : [])];
    const env = { ...process.env, ...(threads ? { LAYERLAB_WASM_THREADS: String(threads) } : {}) };
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let runId: string | null = null;
    let status = 'failed';
    let message: string | undefined;
    let buf = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        try {
          const e = JSON.parse(line) as { event: string; runId?: string | null; message?: string; reason?: string };
          if (e.runId) runId = e.runId;
          if (e.event === 'finished') status = 'finished';
          if (e.event === 'stopped') (status = 'stopped'), (message = e.reason);
          if (e.event === 'failed') message = e.message;
        } catch {
          /* not an event line */
        }
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => {
      message = e.message;
    });
    child.on('close', (code) => {
      children.delete(child);
      if (status === 'failed' && !message) message = stderr.trim().split('\n').filter(Boolean).slice(-1)[0] ?? `the trial process exited with ${code}`;
      resolve({ runId, status, ...(message ? { message } : {}) });
    });
  });
}

export const command: Command = {
  name: 'search',
  summary: 'hyper-parameter search: grid or random trials as runs, ranked by a metric; --apply the best',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const g = collect(args, '--grid');
    const r = collect(g.rest, '--range');
    const { positionals, values } = parseOptions(
      r.rest,
      {
        random: { type: 'string' },
        metric: { type: 'string' },
        parallel: { type: 'string' },
        epochs: { type: 'string' },
        seed: { type: 'string' },
        backend: { type: 'string' },
        apply: { type: 'boolean' },
        json: { type: 'boolean' },
        halving: { type: 'boolean' },
      },
      1,
    );
    const halving = values.halving === true;
    const path = positionals[0];
    if (!path) throw new UsageError('missing <project.layerlab.json>');
    const random = intOption(values, 'random');
    const epochs = intOption(values, 'epochs');
    const parallelArg = intOption(values, 'parallel');
    const seed = intOption(values, 'seed', 0) ?? 42;
    const json = values.json === true;
    const backend = stringOption(values, 'backend');
    let space: SearchSpace;
    try {
      space = { grid: g.values.map(parseGridArg), ranges: r.values.map(parseRangeArg) };
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (!space.grid.length && !space.ranges.length) throw new UsageError("nothing to search: give --grid PATH=V1,V2 (e.g. --grid 'd1.units=16,64') or --random N with --range");
    if (space.ranges.length && random === undefined) throw new UsageError('--range is drawn from by --random N; add --random N (how many trials)');

    const project = await readProject(path, io);
    if (!project) return EXIT.failed;
    try {
      space = resolveSpace(project, space);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const searched = new Set([...space.grid, ...space.ranges].map((a) => a.path));
    const hasValidation = project.training.validationSplit > 0 || searched.has('training.validationSplit');
    const metric = stringOption(values, 'metric') ?? (hasValidation ? 'val_loss' : 'loss');
    if (metric.startsWith('val_') && !hasValidation)
      throw new UsageError(`--metric ${metric} needs a validation split, and training.validationSplit is 0 in ${path}; rank by ${metric.slice(4)} or set a validation split`);
    if (!stringOption(values, 'metric') && !hasValidation) io.err('note: the project has no validation split, so trials are ranked by the training loss (--metric to choose)');

    const points = random !== undefined ? sampleRandom(space, random, seed) : expandGrid(space.grid);
    const searchId = newRunId();
    // Every trial trains with one seed, so that the values, not the luck, differ between them.
    const base: Project =
      project.training.seed === undefined && !searched.has('training.seed') ? { ...project, training: { ...project.training, seed } } : project;
    if (base !== project) io.err(`note: ${path} has no training seed; every trial trains with seed ${seed} (--seed)`);

    const trials: Trial[] = [];
    const jobs: TrialJob[] = [];
    const fullEpochs = epochs ?? base.training.epochs;
    points.forEach((params, index) => {
      let p = applyParams(base, params);
      if (epochs !== undefined) p = { ...p, training: { ...p.training, epochs } };
      const parsed = parseProject(serializeProject(p), `trial ${index + 1}`);
      const errors = parsed.ok ? check(parsed.project).errors : [];
      const problem = !parsed.ok ? parsed.error : errors.length ? errors.map((d) => `${d.nodeId ? `${d.nodeId}: ` : ''}${d.message}`).join('; ') : null;
      if (problem) {
        trials.push({ runId: null, params, metric: null, error: `skipped: ${problem}` });
        io.err(`trial ${index + 1} (${paramsText(params)}) skipped: ${problem}`);
      } else jobs.push({ index, params, project: parsed.ok ? parsed.project : p });
    });

    const rungs = halving ? halvingSchedule(Math.max(1, jobs.length), fullEpochs) : [{ trials: jobs.length, epochs: fullEpochs }];
    const cores = availableParallelism();
    const parallel = Math.max(1, Math.min(parallelArg ?? cores, jobs.length || 1));
    const threads = Math.max(1, Math.floor(cores / parallel));
    if (!json)
      io.out(
        `search ${searchId}: ${points.length} trial${points.length === 1 ? '' : 's'} of ${path}${jobs.length < points.length ? ` (${points.length - jobs.length} skipped)` : ''}, ${parallel} at a time (${threads} thread${threads === 1 ? '' : 's'} each), ranked by ${metric} (${metricDirection(metric) === 'max' ? 'higher' : 'lower'} is better)`,
      );
    if (!json && halving) io.out(`successive halving: ${rungs.map((r) => `${r.trials} × ${r.epochs} epochs`).join(', then ')}`);

    const dir = await mkdtemp(join(tmpdir(), 'layerlab-search-'));
    const children = new Set<ReturnType<typeof spawn>>();
    let interrupted = false;
    const interrupt = () => {
      interrupted = true;
      for (const c of children) c.kill('SIGTERM'); // each trial records itself as stopped
    };
    process.once('SIGINT', interrupt);
    const started = performance.now();
    let trained = 0;
    /** Trains these trials (up to `parallel` at a time); returns [job index, result] in order of finishing. */
    const runJobs = async (list: TrialJob[], rung: number | undefined, rungEpochs: number): Promise<[number, Trial][]> => {
      const out: [number, Trial][] = [];
      let next = 0;
      let done = 0;
      const worker = async () => {
        while (next < list.length && !interrupted) {
          const job = list[next++]!;
          const file = join(dir, `trial-${job.index + 1}${rung === undefined ? '' : `-rung-${rung}`}.layerlab.json`);
          const project = rung === undefined ? job.project : { ...job.project, training: { ...job.project.training, epochs: rungEpochs } };
          await writeFile(file, serializeProject(project));
          const tag = JSON.stringify({ id: searchId, params: job.params, ...(rung === undefined ? {} : { rung }) });
          const res = await runTrial(file, path, tag, backend, parallel > 1 ? threads : undefined, children);
          let value: number | undefined;
          let error = res.status === 'finished' ? undefined : `${res.status}${res.message ? `: ${res.message}` : ''}`;
          if (res.runId) {
            try {
              const run = await readRun(path, res.runId);
              value = metricOf(run, metric);
              if (value === undefined && !error) error = `the run reports no '${metric}' (it has ${Object.keys(run.epochs.at(-1)?.metrics ?? {}).join(', ') || 'no epochs'})`;
            } catch (e) {
              error ??= (e as Error).message;
            }
          }
          const trial: Trial = { runId: res.runId, params: job.params, metric: value ?? null, ...(error ? { error } : {}), ...(rung === undefined ? {} : { rung, epochs: rungEpochs }) };
          out.push([job.index, trial]);
          done++;
          trained++;
          const where = rung === undefined ? `trial ${done}/${list.length}` : `rung ${rung} trial ${done}/${list.length} (${rungEpochs} epochs)`;
          if (json) io.out(JSON.stringify({ event: 'trial', index: job.index + 1, ...trial }));
          else io.out(`${where}  ${paramsText(job.params)}  ${metric} ${value === undefined ? '-' : fixed(value)}${error ? `  (${error})` : ''}  run ${res.runId ?? '-'}`);
        }
      };
      await Promise.all(Array.from({ length: parallel }, worker));
      return out;
    };
    try {
      if (!halving) trials.push(...(await runJobs(jobs, undefined, fullEpochs)).map(([, t]) => t));
      else {
        // Each trial's latest result stands for it; the better ones go on to the next rung.
        const latest = new Map<number, Trial>();
        let survivors = jobs;
        for (const [k, rung] of rungs.entries()) {
          if (interrupted || !survivors.length) break;
          const results = await runJobs(survivors.slice(0, rung.trials), k, rung.epochs);
          for (const [index, t] of results) latest.set(index, t);
          const ranked = rankTrials(results.map(([index, t]) => ({ index, metric: t.metric })), metric).filter((t) => t.metric !== null);
          survivors = ranked.map((t) => jobs.find((j) => j.index === t.index)!);
        }
        trials.push(...latest.values());
      }
    } finally {
      process.off('SIGINT', interrupt);
      await rm(dir, { recursive: true, force: true });
    }
    const seconds = (performance.now() - started) / 1000;

    const ranked = halving ? rankHalving(trials, metric) : rankTrials(trials, metric);
    const best = ranked.find((t) => t.metric !== null);
    if (!json) {
      const keys = [...searched];
      const rows = ranked.map((t, i) => [
        String(i + 1),
        ...keys.map((k) => JSON.stringify(t.params[k])),
        ...(halving ? [t.epochs === undefined ? '-' : String(t.epochs)] : []),
        t.metric === null ? '-' : fixed(t.metric),
        t.runId ?? '-',
        t.error ?? '',
      ]);
      io.out('');
      const head = ['#', ...keys, ...(halving ? ['epochs'] : []), metric, 'run', ''];
      for (const line of table(head, rows, new Set([0, keys.length + 1, ...(halving ? [keys.length + 2] : [])]))) io.out(line);
      io.out('');
      io.out(`${trained} runs trained in ${seconds.toFixed(1)} s; runs in ${runsDirFor(path)}`);
      if (best) io.out(`best: ${paramsText(best.params)} (${metric} ${fixed(best.metric!)}, run ${best.runId})`);
    }
    if (values.apply && best) {
      const applied = applyParams(project, best.params);
      await saveProjectFile(path, applied);
      if (!json) io.out(`applied to ${path}: ${Object.entries(best.params).map(([k, v]) => `${k} ${JSON.stringify(getParam(project, k))} → ${JSON.stringify(v)}`).join(', ')}`);
    }
    if (json)
      io.out(
        JSON.stringify({
          trials: ranked.map((t) => ({ runId: t.runId, params: t.params, metric: t.metric, ...(t.error ? { error: t.error } : {}), ...(t.rung === undefined ? {} : { rung: t.rung, epochs: t.epochs }) })),
          best: best ? { runId: best.runId, params: best.params, metric: best.metric } : null,
        }),
      );
    if (interrupted) return EXIT.interrupted;
    if (!best) {
      io.err('layerlab search: no trial produced a metric');
      return EXIT.failed;
    }
    return EXIT.ok;
  },
};
