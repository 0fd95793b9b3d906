// `layerlab train <project> [--epochs N] [--dataset ID|FILE] [--backend NAME] [--out DIR] [--json]`:
// trains with streamed metrics, evaluates on the test split, optionally saves the model.
import { datasetRefFromArg, loadProjectDataset } from '../../data/index.js';
import type { Dataset } from '../../data/types.js';
import { exportTfjs } from '../../export/tfjs.js';
import { serializeProject } from '../../project/io.js';
import type { Project } from '../../project/types.js';
import type { FinishedEvent, TrainingEvent } from '../../train/events.js';
import { startTraining } from '../../train/train.js';
import { intOption, parseOptions, stringOption, UsageError } from '../args.js';
import { EXIT, type CliIO, type Command } from '../io.js';
import { checkOrReport, diagnosticLines, readProject } from '../project.js';
import { epochLine, evaluationLines, progressBar } from '../report.js';

const USAGE = `usage: layerlab train <project.layerlab.json> [--epochs N] [--dataset ID|FILE]
                      [--backend NAME] [--out DIR] [--json] [--batch-every K]

  Trains the project on its dataset, printing metrics per epoch (and a progress bar on a
  terminal), then evaluates on the test split.

  --epochs N       override the project's epochs
  --dataset X      train on a dataset id (e.g. xor, mnist) or a data file instead
  --backend NAME   TensorFlow.js backend (auto, cpu, wasm, …); default auto
  --out DIR        save the trained model there (TensorFlow.js: model.json + weights.bin)
                   with a copy of the project, for 'layerlab evaluate --model DIR'
  --json           one JSON object per line: the job's events; the last is
                   {"event": "finished", "test": {"loss": …, "accuracy": …}, …}
  --batch-every K  a batch event every K batches (default 10)`;

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
      },
      1,
    );
    const path = positionals[0];
    if (!path) throw new UsageError('missing <project.layerlab.json>');
    const epochs = intOption(values, 'epochs');
    const batchEvery = intOption(values, 'batch-every');
    const out = stringOption(values, 'out');
    const json = values.json === true;

    const loaded = await readProject(path, io);
    if (!loaded) return EXIT.failed;
    const dsArg = stringOption(values, 'dataset');
    let project: Project = dsArg ? { ...loaded, dataset: datasetRefFromArg(dsArg) } : loaded;
    if (epochs !== undefined) project = { ...project, training: { ...project.training, epochs } };
    if (!checkOrReport(project, io, path)) return EXIT.failed;

    const dataset = await loadProjectDataset(project);
    const report = checkOrReport(project, io, path, dataset);
    if (!report) return EXIT.failed;
    for (const line of diagnosticLines(report)) io.err(line);

    let batchesPerEpoch = 1;
    let held: FinishedEvent | undefined;
    const onEvent = (e: TrainingEvent) => {
      if (json) {
        // The finished event is printed last, after the model is saved.
        if (e.event === 'finished') held = e;
        else io.out(JSON.stringify(e));
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
        case 'stopped':
          io.err(`stopped at epoch ${e.epoch}: ${e.reason}`);
          break;
        case 'failed':
          io.err(`layerlab train: training failed${e.epoch ? ` in epoch ${e.epoch}` : ''}: ${e.message}`);
          break;
      }
    };

    const job = startTraining({ project, dataset, ...(values.backend ? { backend: String(values.backend) } : {}), ...(batchEvery ? { batchEvery } : {}), onEvent });
    const interrupt = () => job.stop('interrupted (Ctrl-C)');
    process.once('SIGINT', interrupt);
    let result;
    try {
      result = await job.done;
    } finally {
      process.off('SIGINT', interrupt);
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

    if (json && held) io.out(JSON.stringify({ ...held, ...(savedTo ? { model: savedTo } : {}) }));
    if (!json && result.evaluation) for (const line of evaluationLines(result.evaluation)) io.out(line);
    if (result.status === 'finished') return EXIT.ok;
    return result.status === 'stopped' ? EXIT.interrupted : EXIT.failed;
  },
};
