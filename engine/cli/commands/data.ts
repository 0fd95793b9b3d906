// `layerlab data list` and `layerlab data inspect <file-or-id> [--json]`.
import { DatasetError, inspectDataset, listDatasets, type DatasetInspection } from '../../data/index.js';
import type { DatasetRef } from '../../project/types.js';
import { EXIT, type CliIO, type Command } from '../io.js';
import { plainShape } from '../../layers/shape-text.js';

const USAGE = `usage: layerlab data list [--json]
       layerlab data inspect <file-or-id> [--json] [--format idx|csv|images] [--option key=value]...

  list      the built-in datasets, their task and whether they can load here
  inspect   format, shape, dtype, classes and counts of a dataset id, an IDX or CSV
            file, or a folder of images (one sub-folder per class)
  --json    print one JSON object (inspect: at least format, dtype and shape)
  --option  a dataset option, e.g. --option labelColumn=species --option size=[32,32]`;

function parseValue(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v; // a bare word is a string
  }
}

function list(args: string[], io: CliIO): number {
  const all = listDatasets();
  if (args.includes('--json')) {
    io.out(JSON.stringify(all));
    return EXIT.ok;
  }
  const w = Math.max(...all.map((d) => d.id.length));
  for (const d of all) {
    const state = d.available ? '' : `  (unavailable: ${d.reason})`;
    io.out(`${d.id.padEnd(w)}  ${d.task.padEnd(14)}  ${d.name}${state}`);
  }
  return EXIT.ok;
}

function human(r: DatasetInspection): string[] {
  const lines = [`format: ${r.format}`, `dtype:  ${r.dtype}`, `shape:  ${plainShape(r.shape)}`];
  if (r.name) lines.unshift(`name:   ${r.name}`);
  if (r.source) lines.push(`source: ${r.source}`);
  if (r.task) lines.push(`task:   ${r.task}`);
  if (r.inputShape) lines.push(`input:  ${plainShape(r.inputShape)}   target: ${plainShape(r.targetShape ?? [])}`);
  if (r.counts) {
    const c = r.counts;
    lines.push(`counts: train ${c.train}, test ${c.test}${c.validation !== undefined ? `, validation ${c.validation}` : ''}`);
  }
  if (r.classes) {
    lines.push(`classes (${r.classes.length}):`);
    r.classes.forEach((name, i) => lines.push(`  ${String(i).padStart(3)}  ${name.padEnd(20)} ${r.classCounts?.[i] ?? ''}`));
  }
  if (r.values) lines.push(`values: ${Object.entries(r.values).map(([k, v]) => `${k}×${v}`).join(' ')}`);
  return lines;
}

async function inspect(args: string[], io: CliIO): Promise<number> {
  let target: string | undefined;
  let json = false;
  let format: DatasetRef['format'];
  const options: Record<string, unknown> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--format') {
      const f = args[++i];
      if (f !== 'idx' && f !== 'csv' && f !== 'images') {
        io.err(`--format must be idx, csv or images, got ${f ?? 'nothing'}\n${USAGE}`);
        return EXIT.usage;
      }
      format = f;
    } else if (a === '--option') {
      const kv = args[++i] ?? '';
      const eq = kv.indexOf('=');
      if (eq <= 0) {
        io.err(`--option wants key=value, got "${kv}"`);
        return EXIT.usage;
      }
      options[kv.slice(0, eq)] = parseValue(kv.slice(eq + 1));
    } else if (a.startsWith('--')) {
      io.err(`unknown flag ${a}\n${USAGE}`);
      return EXIT.usage;
    } else if (target === undefined) target = a;
    else {
      io.err(`one file or id at a time; also got "${a}"\n${USAGE}`);
      return EXIT.usage;
    }
  }
  if (target === undefined) {
    io.err(`data inspect needs a file, folder or dataset id\n${USAGE}`);
    return EXIT.usage;
  }
  const ids = listDatasets().map((d) => d.id);
  const ref: DatasetRef = ids.includes(target) && !format ? { id: target } : { file: target, ...(format ? { format } : {}) };
  if (Object.keys(options).length) ref.options = options;
  const report = await inspectDataset(ref);
  if (json) io.out(JSON.stringify(report));
  else human(report).forEach((l) => io.out(l));
  return EXIT.ok;
}

export const command: Command = {
  name: 'data',
  summary: 'list the built-in datasets, inspect a dataset or a data file',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const [sub, ...rest] = args;
    try {
      if (sub === 'list') return list(rest, io);
      if (sub === 'inspect') return await inspect(rest, io);
      if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
        io.out(USAGE);
        return sub === undefined ? EXIT.usage : EXIT.ok;
      }
      io.err(`unknown data command "${sub}"\n${USAGE}`);
      return EXIT.usage;
    } catch (e) {
      // Bad data is the user's to fix: the message names file and place; no stack trace.
      if (e instanceof DatasetError) {
        io.err(`error: ${e.message}`);
        return EXIT.failed;
      }
      io.err(`error: ${e instanceof Error ? e.message : String(e)}`);
      return EXIT.failed;
    }
  },
};
