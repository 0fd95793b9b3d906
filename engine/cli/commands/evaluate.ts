// `layerlab evaluate [<project>] --model DIR [--dataset ID|FILE] [--split test|train] [--json]`:
// loss, accuracy, per-class precision/recall/F1 and the confusion matrix of a saved model.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { useBackend } from '../../backend/index.js';
import { datasetRefFromArg, loadProjectDataset } from '../../data/index.js';
import { evaluateModel } from '../../evaluate/evaluate.js';
import { loadTfjsModel } from '../../export/tfjs.js';
import type { Project } from '../../project/types.js';
import { parseOptions, stringOption, UsageError } from '../args.js';
import { EXIT, type CliIO, type Command } from '../io.js';
import { checkOrReport, readProject } from '../project.js';
import { evaluationLines } from '../report.js';

const USAGE = `usage: layerlab evaluate [<project.layerlab.json>] --model DIR [--dataset ID|FILE]
                         [--split test|train] [--backend NAME] [--json]

  Evaluates a model saved by 'layerlab train --out DIR' on the project's dataset: loss,
  accuracy, per-class precision, recall and F1 with macro averages, confusion matrix.
  Without a project, the copy saved in DIR (project.layerlab.json) is used.

  --json   one JSON object: {"loss", "accuracy", "confusion", "perClass", "macro", …}`;

export const command: Command = {
  name: 'evaluate',
  summary: 'evaluate a saved model on the test split (confusion matrix, precision, recall)',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { positionals, values } = parseOptions(
      args,
      { model: { type: 'string' }, dataset: { type: 'string' }, split: { type: 'string' }, backend: { type: 'string' }, json: { type: 'boolean' } },
      1,
    );
    const dir = stringOption(values, 'model');
    if (!dir) throw new UsageError('missing --model DIR (a folder written by layerlab train --out DIR)');
    const split = stringOption(values, 'split') ?? 'test';
    if (split !== 'test' && split !== 'train') throw new UsageError(`--split must be test or train, got '${split}'`);
    const path = positionals[0] ?? join(dir, 'project.layerlab.json');
    if (!positionals[0] && !existsSync(path)) throw new UsageError(`no project given and ${path} does not exist`);

    const loaded = await readProject(path, io);
    if (!loaded) return EXIT.failed;
    const dsArg = stringOption(values, 'dataset');
    const project: Project = dsArg ? { ...loaded, dataset: datasetRefFromArg(dsArg) } : loaded;
    if (!checkOrReport(project, io, path)) return EXIT.failed;

    await useBackend(stringOption(values, 'backend') ?? 'auto');
    const model = await loadTfjsModel(dir);
    try {
      const dataset = await loadProjectDataset(project);
      const ev = await evaluateModel(model, project, dataset[split], dataset);
      if (values.json) io.out(JSON.stringify({ split, dataset: dataset.id, examples: dataset[split].count, ...ev }));
      else for (const line of evaluationLines(ev, `${split} (${dataset[split].count} examples of ${dataset.name})`)) io.out(line);
    } finally {
      model.dispose();
    }
    return EXIT.ok;
  },
};
