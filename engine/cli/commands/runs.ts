// `layerlab runs <project> [--json]`, `--label ID TEXT`, `--delete ID`: the project's runs.
import { deleteRun, labelRun, listRuns, runMatchesProject, runsDirFor } from '../../runs/store.js';
import { parseOptions, stringOption, UsageError } from '../args.js';
import { EXIT, type CliIO, type Command } from '../io.js';
import { readProject } from '../project.js';
import { runsTable } from '../runs.js';

const USAGE = `usage: layerlab runs <project.layerlab.json> [--json]
       layerlab runs <project.layerlab.json> --label ID TEXT
       layerlab runs <project.layerlab.json> --delete ID

  Lists the project's runs (kept in <stem>.runs/ beside it), newest first: id, label, date,
  epochs finished, status, backend, test loss and accuracy, and whether the project still
  matches the graph and training settings the run trained.

  --json        {"runs": [{"id", "label", "createdAt", "epochs", "backend",
                 "test": {"loss", "accuracy"}, "matchesProject"}]}
  --label ID    give run ID the label TEXT ('' clears it)
  --delete ID   delete run ID and its weights`;

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

export const command: Command = {
  name: 'runs',
  summary: "list a project's runs (label, epochs, test metrics, whether they match), label or delete one",
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { positionals, values } = parseOptions(args, { json: { type: 'boolean' }, label: { type: 'string' }, delete: { type: 'string' } }, 2);
    const path = positionals[0];
    if (!path) throw new UsageError('missing <project.layerlab.json>');
    const labelId = stringOption(values, 'label');
    const deleteId = stringOption(values, 'delete');
    if (labelId !== undefined && deleteId !== undefined) throw new UsageError('--label and --delete cannot be used together');
    if (labelId === undefined && positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'`);

    if (labelId !== undefined) {
      const text = positionals[1];
      if (text === undefined) throw new UsageError('--label ID needs the label text after the project: layerlab runs P --label ID "TEXT"');
      const run = await labelRun(path, labelId, text);
      io.out(run.label ? `run ${run.id} is labelled '${run.label}'` : `run ${run.id} has no label now`);
      return EXIT.ok;
    }
    if (deleteId !== undefined) {
      await deleteRun(path, deleteId);
      io.out(`deleted run ${deleteId}`);
      return EXIT.ok;
    }

    const project = await readProject(path, io);
    if (!project) return EXIT.failed;
    const { runs, warnings } = await listRuns(path);
    for (const w of warnings) io.err(`warning: ${w}`);
    if (values.json) {
      const rows = runs.map((r) => ({
        id: r.id,
        label: r.label,
        createdAt: r.createdAt,
        epochs: r.epochs.length,
        backend: r.backend.name,
        test: { loss: num(r.test?.loss), accuracy: num(r.test?.accuracy) },
        matchesProject: runMatchesProject(r, project),
      }));
      io.out(JSON.stringify({ runs: rows }));
      return EXIT.ok;
    }
    if (!runs.length) {
      io.out(`no runs of ${path} yet (they go to ${runsDirFor(path)}); 'layerlab train ${path}' makes one`);
      return EXIT.ok;
    }
    for (const line of runsTable(runs, project)) io.out(line);
    return EXIT.ok;
  },
};
