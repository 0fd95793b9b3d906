// `layerlab check <project> [--json] [--dataset ID|FILE]`: every node's output shape and
// parameter count, then errors and warnings. Exit 1 when there are errors.
import { check, datasetInfoOf } from '../../check/check.js';
import type { CheckReport } from '../../check/types.js';
import { datasetRefFromArg, loadProjectDataset } from '../../data/index.js';
import { parseOptions, stringOption, UsageError } from '../args.js';
import { EXIT, type CliIO, type Command } from '../io.js';
import { diagnosticLines, projectBase, readProject } from '../project.js';
import { count, shapeText, table } from '../table.js';

const USAGE = `usage: layerlab check <project.layerlab.json> [--json] [--dataset ID|FILE] [--no-data]

  Prints each node's output shape and parameter count, then errors and warnings.
  Exits 1 when the project has errors.

  --json       one JSON object: {"ok", "totalParams", "nodes": [{"id", "kind",
               "outputShape", "params"}], "errors": [{"nodeId", "message"}], "warnings": [...]}
  --dataset    check the network against this dataset instead of the project's own
               (its input shape, classes and targets)
  --no-data    check the graph alone, without loading any dataset`;

/** The --json document (the issue's format; `code`, `param` and `fix`, the edit that fixes it
 *  as data, added for tools). */
export function reportJson(report: CheckReport) {
  const diag = (d: CheckReport['errors'][number]) => ({
    nodeId: d.nodeId ?? null,
    message: d.message,
    code: d.code,
    ...(d.param ? { param: d.param } : {}),
    ...(d.fix ? { fix: d.fix } : {}),
  });
  return {
    ok: report.ok,
    totalParams: report.totalParams,
    trainableParams: report.trainableParams,
    nodes: report.nodes.map((n) => ({ id: n.id, kind: n.kind, outputShape: n.outputShape, params: n.params })),
    errors: report.errors.map(diag),
    warnings: report.warnings.map(diag),
  };
}

function print(report: CheckReport, io: CliIO): void {
  const rows = report.nodes.map((n) => [n.id, n.kind, shapeText(n.outputShape), count(n.params)]);
  for (const l of table(['node', 'kind', 'output shape', 'params'], rows, new Set([3]))) io.out(l);
  const nonTrainable = report.totalParams - report.trainableParams;
  io.out(`total parameters: ${count(report.totalParams)}${nonTrainable ? ` (${count(nonTrainable)} not trainable)` : ''}`);
  const lines = diagnosticLines(report);
  if (lines.length) io.out('');
  for (const l of lines) io.out(l);
  const e = report.errors.length;
  const w = report.warnings.length;
  io.out(e === 0 ? `ok${w ? ` (${w} warning${w === 1 ? '' : 's'})` : ''}` : `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}`);
}

export const command: Command = {
  name: 'check',
  summary: 'shapes, parameter counts, errors and warnings of a project',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { positionals, values } = parseOptions(args, { json: { type: 'boolean' }, dataset: { type: 'string' }, 'no-data': { type: 'boolean' } }, 1);
    const path = positionals[0];
    if (!path) throw new UsageError('missing <project.layerlab.json>');
    const project = await readProject(path, io);
    if (!project) return EXIT.failed;
    const dsArg = stringOption(values, 'dataset');
    if (dsArg && values['no-data']) throw new UsageError('--dataset and --no-data exclude each other');
    let opts;
    // A project that names no dataset is checked on its graph alone, unless --dataset names one.
    if (!values['no-data'] && (dsArg || project.dataset)) {
      const withData = dsArg ? { ...project, dataset: datasetRefFromArg(dsArg) } : project;
      try {
        opts = { dataset: datasetInfoOf(await loadProjectDataset(withData, projectBase(path, dsArg))) };
      } catch (e) {
        // The graph can still be checked; a dataset named on the command line must load.
        if (dsArg) throw e;
        io.err(`warning: the project's dataset could not be loaded, so it was checked without it: ${(e as Error).message}`);
      }
    }
    const report = check(project, opts);
    if (values.json) io.out(JSON.stringify(reportJson(report)));
    else print(report, io);
    return report.ok ? EXIT.ok : EXIT.failed;
  },
};
