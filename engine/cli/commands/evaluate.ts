// `layerlab evaluate <project> [--run ID] [--dataset ID|FILE] [--split test|train] [--json]`:
// loss, accuracy, per-class precision/recall/F1 and the confusion matrix of a run's model
// (by default the newest run that matches the project; never one of another graph), or of
// a folder saved by `train --out DIR` (--model DIR).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { useBackend } from '../../backend/index.js';
import { datasetRefFromArg, loadProjectDataset } from '../../data/index.js';
import { evaluateModel } from '../../evaluate/evaluate.js';
import { loadTfjsModel } from '../../export/tfjs.js';
import { loadRunModel } from '../../runs/store.js';
import type { Project } from '../../project/types.js';
import { parseOptions, stringOption, UsageError } from '../args.js';
import { EXIT, type CliIO, type Command } from '../io.js';
import { checkOrReport, projectBase, readProject } from '../project.js';
import { evaluationLines } from '../report.js';
import { chooseRun } from '../runs.js';

const USAGE = `usage: layerlab evaluate <project.layerlab.json> [--run ID] [--dataset ID|FILE]
                         [--split test|train] [--backend NAME] [--json]
       layerlab evaluate [<project.layerlab.json>] --model DIR …

  Evaluates a trained model on the project's dataset: loss, accuracy, per-class precision,
  recall and F1 with macro averages, confusion matrix.

  --run ID     the run to evaluate (see 'layerlab runs'); default: the newest run whose graph
               and training settings match the project. If none matches, an error that says
               so and lists the runs. A run of other settings is evaluated with its own.
  --model DIR  a folder written by 'layerlab train --out DIR' instead; without a project,
               the copy saved in DIR (project.layerlab.json) is used
  --json       one JSON object: {"runId", "loss", "accuracy", "confusion", "perClass", "macro", …}`;

export const command: Command = {
  name: 'evaluate',
  summary: 'evaluate a saved model on the test split (confusion matrix, precision, recall)',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { positionals, values } = parseOptions(
      args,
      { run: { type: 'string' }, model: { type: 'string' }, dataset: { type: 'string' }, split: { type: 'string' }, backend: { type: 'string' }, json: { type: 'boolean' } },
      1,
    );
    const dir = stringOption(values, 'model');
    const runArg = stringOption(values, 'run');
    if (dir && runArg) throw new UsageError('--run and --model name two different models; give one');
    const split = stringOption(values, 'split') ?? 'test';
    if (split !== 'test' && split !== 'train') throw new UsageError(`--split must be test or train, got '${split}'`);
    if (!positionals[0] && !dir) throw new UsageError('missing <project.layerlab.json> (its runs are evaluated), or --model DIR');
    const path = positionals[0] ?? join(dir!, 'project.layerlab.json');
    if (!positionals[0] && !existsSync(path)) throw new UsageError(`no project given and ${path} does not exist`);

    const loaded = await readProject(path, io);
    if (!loaded) return EXIT.failed;
    // A run is evaluated with the settings it trained (its loss, its dataset), not the file's.
    const run = dir ? undefined : await chooseRun(path, loaded, runArg, io);
    const base = run ? run.project : loaded;
    const dsArg = stringOption(values, 'dataset');
    const project: Project = dsArg ? { ...base, dataset: datasetRefFromArg(dsArg) } : base;
    if (!checkOrReport(project, io, path)) return EXIT.failed;

    await useBackend(stringOption(values, 'backend') ?? 'auto');
    const model = run ? await loadRunModel(path, run) : await loadTfjsModel(dir!);
    try {
      const dataset = await loadProjectDataset(project, projectBase(path, dsArg));
      const ev = await evaluateModel(model, project, dataset[split], dataset);
      if (!values.json && run) io.out(`run ${run.id}${run.label ? ` '${run.label}'` : ''} (${run.epochs.length} epochs, ${run.createdAt})`);
      if (values.json) io.out(JSON.stringify({ ...(run ? { runId: run.id } : {}), split, dataset: dataset.id, examples: dataset[split].count, ...ev }));
      else for (const line of evaluationLines(ev, `${split} (${dataset[split].count} examples of ${dataset.name})`)) io.out(line);
    } finally {
      model.dispose();
    }
    return EXIT.ok;
  },
};
