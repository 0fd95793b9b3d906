// `layerlab train <project> [--epochs N] [--dataset ID|FILE] [--backend NAME] [--out DIR] [--json]`:
// trains with streamed metrics, evaluates on the test split, records the run beside the
// project (engine/runs/store.ts) as it goes, optionally saves a copy of the model.
import { useBackend } from '../../backend/index.js';
import { datasetRefFromArg, loadProjectDataset } from '../../data/index.js';
import type { Dataset } from '../../data/types.js';
import { exportTfjs } from '../../export/tfjs.js';
import { serializeProject } from '../../project/io.js';
import type { Project } from '../../project/types.js';
import type { FinishedEvent, TrainingEvent } from '../../train/events.js';
import { startTraining } from '../../train/train.js';
import { initReportLines, type InitReport } from '../../train/init-from.js';
import { loadInitSource, resolveInitSource } from '../../runs/init-source.js';
import { projectHash } from '../../runs/hash.js';
import { createRun, runsDirFor, type RunWriter } from '../../runs/store.js';
import { intOption, parseOptions, stringOption, UsageError } from '../args.js';
import { EXIT, type CliIO, type Command } from '../io.js';
import { checkOrReport, diagnosticLines, projectBase, readProject } from '../project.js';
import { epochLine, evaluationLines, progressBar } from '../report.js';

const USAGE = `usage: layerlab train <project.layerlab.json> [--epochs N] [--dataset ID|FILE]
                      [--backend NAME] [--out DIR] [--json] [--batch-every K]
                      [--label TEXT] [--no-record] [--init-from RUN]

  Trains the project on its dataset, printing metrics per epoch (and a progress bar on a
  terminal), then evaluates on the test split. The training is recorded as a run in
  <stem>.runs/<run-id>/ beside the project (settings, metrics, weights after every epoch);
  'layerlab runs' lists them, 'export' and 'evaluate' use them.

  --epochs N       override the project's epochs
  --dataset X      train on a dataset id (e.g. xor, mnist) or a data file instead
  --backend NAME   TensorFlow.js backend (auto, cpu, wasm, …); default auto
  --out DIR        save the trained model there (TensorFlow.js: model.json + weights.bin)
                   with a copy of the project, for 'layerlab evaluate --model DIR'
  --json           one JSON object per line: the job's events, each with "runId"; the
                   last is {"event": "finished", "runId", "test": {"loss", "accuracy"}, …}
  --batch-every K  a batch event every K batches (default 10)
  --label TEXT     a label for the run
  --no-record      a dry run: record nothing ("runId" is null)
  --init-from RUN  start from a run's weights (transfer learning): a run id of this project,
                   OTHER.layerlab.json:ID, or OTHER.layerlab.json for its newest run (an
                   imported model's run too). Nodes are matched by id and weight shapes; it
                   prints which take the weights and which start fresh. Nodes with
                   "trainable": false keep them through training.
  --runs-for P     record the run among P's runs instead (used by 'layerlab search')
  --search JSON    {"id", "params"}: the search trial this run is (used by 'layerlab search')`;

interface SearchTag {
  id: string;
  params: Record<string, unknown>;
  rung?: number;
}

function searchTag(text: string | undefined): SearchTag | undefined {
  if (text === undefined) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new UsageError(`--search must be JSON like {"id": "…", "params": {…}}, got '${text}'`);
  }
  const o = v as Partial<SearchTag> | null;
  if (!o || typeof o.id !== 'string' || !o.params || typeof o.params !== 'object') throw new UsageError('--search must be {"id": "…", "params": {…}}');
  return { id: o.id, params: o.params, ...(Number.isInteger(o.rung) && o.rung! >= 0 ? { rung: o.rung! } : {}) };
}

/** Class names, scaling and shapes travel with the saved model so predictions can use them. */
function modelMetadata(project: Project, dataset: Dataset): Record<string, unknown> {
  return {
    layerlab: {
      project: project.name,
      dataset: dataset.id,
      task: dataset.task,
      inputShape: dataset.inputShape,
      targetShape: dataset.targetShape,
      ...(dataset.classNames ? { classNames: dataset.classNames } : {}),
      ...(dataset.preprocessing ? { preprocessing: dataset.preprocessing } : {}),
    },
  };
}

export const command: Command = {
  name: 'train',
  summary: 'train a project, streaming metrics, then evaluate on the test split',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { positionals, values } = parseOptions(
      args,
      {
        epochs: { type: 'string' },
        dataset: { type: 'string' },
        backend: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
        'batch-every': { type: 'string' },
        label: { type: 'string' },
        'no-record': { type: 'boolean' },
        'runs-for': { type: 'string' },
        search: { type: 'string' },
        'init-from': { type: 'string' },
      },
      1,
    );
    const path = positionals[0];
    if (!path) throw new UsageError('missing <project.layerlab.json>');
    const epochs = intOption(values, 'epochs');
    const batchEvery = intOption(values, 'batch-every');
    const out = stringOption(values, 'out');
    const json = values.json === true;
    const record = values['no-record'] !== true;
    const search = searchTag(stringOption(values, 'search'));
    const runsFor = stringOption(values, 'runs-for');
    if (!record && (runsFor || search || values.label !== undefined)) throw new UsageError('--no-record records nothing, so it takes no --label, --runs-for or --search');

    const loaded = await readProject(path, io);
    if (!loaded) return EXIT.failed;
    const dsArg = stringOption(values, 'dataset');
    let project: Project = dsArg ? { ...loaded, dataset: datasetRefFromArg(dsArg) } : loaded;
    if (epochs !== undefined) project = { ...project, training: { ...project.training, epochs } };
    if (!checkOrReport(project, io, path)) return EXIT.failed;

    // A TTY sees how far a long load has come; --json prints no phases, so it gets none.
    const showLoad = !json && io.progress ? io.progress.bind(io) : undefined;
    const dataset = await loadProjectDataset(project, {
      ...projectBase(path, dsArg),
      ...(showLoad ? { onProgress: (d: number, t: number, unit: string) => showLoad(`loading the dataset: ${d.toLocaleString('en-US')} of ${t.toLocaleString('en-US')} ${unit}`) } : {}),
    });
    const report = checkOrReport(project, io, path, dataset);
    if (!report) return EXIT.failed;
    for (const line of diagnosticLines(report)) io.err(line);

    const backend = await useBackend(stringOption(values, 'backend') ?? 'auto');
    const initArg = stringOption(values, 'init-from');
    const initSource = initArg === undefined ? undefined : await resolveInitSource(path, initArg).catch((e: Error) => {
      throw new Error(`--init-from ${initArg}: ${e.message}`);
    });
    const initFrom = initSource ? await loadInitSource(initSource) : undefined;
    // The run records the source's id when it is one of this project's own runs.
    const initRunId = initSource && initSource.projectPath === path ? initSource.run.id : undefined;
    let writer: RunWriter | undefined;
    if (record) {
      const where = runsFor ?? path;
      writer = await createRun(where, {
        project,
        dataset,
        backend,
        batchEvery: batchEvery ?? 10,
        ...(values.label !== undefined ? { label: String(values.label) } : {}),
        ...(search ? { search } : {}),
      });
      if (!json) io.out(`run ${writer.id} (${writer.dir})`);
      // An override makes a run of other settings than the file's: say so now, not at export.
      if (!runsFor && projectHash(project) !== projectHash(loaded))
        io.err(`note: ${[dsArg ? '--dataset' : '', epochs !== undefined ? '--epochs' : ''].filter(Boolean).join(' and ')} differ from ${path}, so this run will not match the project (export and evaluate it with --run ${writer.id})`);
    }
    const runId = writer?.id ?? null;

    let batchesPerEpoch = 1;
    let held: FinishedEvent | undefined;
    const onEvent = (e: TrainingEvent) => {
      writer?.recordProgress(e);
      if (e.event === 'finished') held = e; // the run records its test metrics
      if (json) {
        // The finished event is printed last, after the run and the model are saved.
        if (e.event !== 'finished') io.out(JSON.stringify({ ...e, runId }));
        return;
      }
      switch (e.event) {
        case 'started':
          batchesPerEpoch = e.batchesPerEpoch;
          io.out(`training '${project.name}' on ${dataset.name}: ${e.trainCount} examples (${e.validationCount} for validation), ${e.epochs} epochs, backend ${e.backend}`);
          break;
        case 'batch':
          io.progress?.(progressBar(e, project.training.epochs, batchesPerEpoch));
          break;
        case 'epoch':
          io.out(epochLine(e, project.training.epochs));
          break;
        case 'finished':
          if (e.stoppedEarly) io.out(`stopped early at epoch ${e.stoppedEarly.epoch} (best: epoch ${e.stoppedEarly.bestEpoch} by ${e.stoppedEarly.monitor})`);
          io.out(`finished ${e.epochs} epochs in ${e.seconds.toFixed(1)} s`);
          break;
        case 'warning':
          io.err(`warning${e.epoch ? ` (epoch ${e.epoch})` : ''}: ${e.message}`);
          break;
        case 'stopped':
          io.err(`stopped at epoch ${e.epoch}: ${e.reason}`);
          break;
        case 'failed':
          io.err(`layerlab train: training failed${e.epoch ? ` in epoch ${e.epoch}` : ''}: ${e.message}`);
          break;
      }
    };

    const job = startTraining({
      project,
      dataset,
      backend: backend.name,
      ...(batchEvery ? { batchEvery } : {}),
      onEvent,
      ...(initFrom
        ? {
            initFrom,
            onInit: (r: InitReport) => {
              writer?.recordInit(r, initRunId);
              if (json) io.out(JSON.stringify({ event: 'init', runId, ...r }));
              else initReportLines(r).forEach((l) => io.out(l));
            },
          }
        : {}),
      ...(writer ? { onEpochEnd: (e, model) => writer.appendEpoch(e, model) } : {}),
    });
    const interrupt = () => job.stop('interrupted (Ctrl-C)');
    const terminate = () => job.stop('terminated (SIGTERM)');
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', terminate);
    let result;
    try {
      result = await job.done;
    } finally {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', terminate);
      initFrom?.model.dispose();
    }

    let recordError: string | undefined;
    if (writer) {
      try {
        await writer.finish({
          status: result.status,
          ...(result.error ? { message: result.error } : {}),
          ...(held ? { finished: held } : {}),
          ...(result.evaluation ? { evaluation: result.evaluation } : {}),
          ...(result.model ? { model: result.model } : {}),
        });
      } catch (e) {
        recordError = (e as Error).message;
        io.err(`layerlab train: the run could not be recorded completely: ${recordError}`);
      }
    }

    let savedTo: string | undefined;
    if (out && result.model) {
      const saved = await exportTfjs(result.model, out, {
        extraFiles: { 'project.layerlab.json': serializeProject(project) },
        metadata: modelMetadata(project, dataset),
      });
      savedTo = saved.dir;
      if (!json) io.out(`saved the model to ${saved.dir} (${saved.files.join(', ')})`);
    }
    result.model?.dispose();

    if (json && held) io.out(JSON.stringify({ ...held, runId, ...(writer ? { run: writer.dir } : {}), ...(savedTo ? { model: savedTo } : {}) }));
    if (!json && result.evaluation) for (const line of evaluationLines(result.evaluation)) io.out(line);
    if (!json && writer && !recordError) io.out(`recorded run ${writer.id} in ${runsFor ? runsDirFor(runsFor) : runsDirFor(path)}`);
    if (recordError) return EXIT.failed;
    if (result.status === 'finished') return EXIT.ok;
    return result.status === 'stopped' ? EXIT.interrupted : EXIT.failed;
  },
};
