// `layerlab search <project> --grid PATH=V1,V2 … [--random N --range PATH=MIN:MAX[:log]] …`:
// hyper-parameter search. Each trial is a `layerlab train` child process that records a run
// of the project (with `search: {id, params}`), up to --parallel at a time; the result is a
// table sorted by the metric, and --apply writes the best values into the project file.
// The pure parts (grid, sampling, paths, applying) are engine/runs/search.ts.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { requireDataset } from '../../project/dataset.js';
import { saveProjectFile, serializeProject } from '../../project/io.js';
import { applyParams, getParam, metricDirection, parseGridArg, parseRangeArg, type SearchSpace, type TrialParams } from '../../runs/search.js';
import { defaultParallel, planSearch, runSearch, type SearchPlan, type SearchResult } from '../../runs/search-runner.js';
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
    let stderr = '';
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const e = JSON.parse(line) as { event: string; runId?: string | null; message?: string; reason?: string };
        if (e.runId) runId = e.runId;
        if (e.event === 'finished') status = 'finished';
        if (e.event === 'stopped') (status = 'stopped'), (message = e.reason);
        if (e.event === 'failed') message = e.message;
      } catch {
        /* not an event line */
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
    // Every trial trains: refuse once, before any starts, rather than fail each one.
    requireDataset(project);
    let plan: SearchPlan;
    try {
      plan = planSearch(project, { space, random, seed, metric: stringOption(values, 'metric'), epochs, halving });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const { metric, points, jobs, rungs } = plan;
    const searched = plan.searched;
    if (plan.metricFallback) io.err('note: the project has no validation split, so trials are ranked by the training loss (--metric to choose)');
    const searchId = newRunId();
    if (plan.seeded) io.err(`note: ${path} has no training seed; every trial trains with seed ${seed} (--seed)`);
    for (const t of plan.skipped) io.err(`trial ${t.index + 1} (${paramsText(t.params)}) ${t.error}`);

    const cores = availableParallelism();
    const parallel = parallelArg !== undefined ? Math.max(1, Math.min(parallelArg, jobs.length || 1)) : defaultParallel(jobs.length);
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
    let result: SearchResult;
    try {
      result = await runSearch(plan, {
        id: searchId,
        parallel,
        stopped: () => interrupted,
        readRun: (id) => readRun(path, id),
        runTrial: async (req) => {
          const file = join(dir, `trial-${req.index + 1}${req.rung === undefined ? '' : `-rung-${req.rung}`}.layerlab.json`);
          await writeFile(file, serializeProject(req.project));
          return runTrial(file, path, JSON.stringify(req.tag), backend, parallel > 1 ? threads : undefined, children);
        },
        onTrial: (trial, { index, done, of }) => {
          const where = trial.rung === undefined ? `trial ${done}/${of}` : `rung ${trial.rung} trial ${done}/${of} (${trial.epochs} epochs)`;
          if (json) io.out(JSON.stringify({ event: 'trial', index: index + 1, ...trial }));
          else io.out(`${where}  ${paramsText(trial.params)}  ${metric} ${trial.metric === null ? '-' : fixed(trial.metric)}${trial.error ? `  (${trial.error})` : ''}  run ${trial.runId ?? '-'}`);
        },
      });
    } finally {
      process.off('SIGINT', interrupt);
      await rm(dir, { recursive: true, force: true });
    }
    const trained = result.trained;
    const seconds = (performance.now() - started) / 1000;

    const ranked = result.trials;
    const best = result.best;
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
