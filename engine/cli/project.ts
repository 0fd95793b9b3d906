// Loading the project a command names, with the one clear message the CLI promises.
import { dirname, resolve } from 'node:path';
import { check, datasetInfoOf } from '../check/check.js';
import type { CheckReport } from '../check/types.js';
import type { Dataset } from '../data/types.js';
import { loadProjectFile } from '../project/io.js';
import type { Project } from '../project/types.js';
import type { CliIO } from './io.js';

/** The project, or null after printing why it cannot be read (warnings go to stderr). */
export async function readProject(path: string, io: CliIO): Promise<Project | null> {
  const r = await loadProjectFile(path);
  if (!r.ok) {
    io.err(`layerlab: ${r.error}`);
    return null;
  }
  for (const w of r.warnings) io.err(`warning: ${w}`);
  return r.project;
}

/** One line per diagnostic: "error [shape] c1: Conv2D needs …". */
export function diagnosticLines(report: CheckReport): string[] {
  return [...report.errors, ...report.warnings].map(
    (d) => `${d.severity} [${d.code}]${d.nodeId ? ` ${d.nodeId}` : ''}: ${d.message}`,
  );
}

/** Runs the checker; on errors prints them and returns null (the graph cannot be built). */
export function checkOrReport(project: Project, io: CliIO, path: string, dataset?: Dataset): CheckReport | null {
  const report = check(project, dataset ? { dataset: datasetInfoOf(dataset) } : undefined);
  if (report.errors.length) {
    io.err(`layerlab: ${path} has ${report.errors.length} error${report.errors.length === 1 ? '' : 's'}:`);
    for (const line of diagnosticLines({ ...report, warnings: [] })) io.err(`  ${line}`);
    return null;
  }
  return report;
}

/** Where the project's own dataset file resolves: beside the project file, as in the app. A
 *  `--dataset` named on the command line resolves against the working directory instead. */
export function projectBase(projectPath: string, datasetArg: string | undefined): { baseDir?: string } {
  return datasetArg ? {} : { baseDir: dirname(resolve(projectPath)) };
}
