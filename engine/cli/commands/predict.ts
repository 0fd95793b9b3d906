// `layerlab predict <project> [--run ID] --input FILE [--out OUT.npy] [--json]`: a run's
// model on raw inputs (a .npy shaped [n, ...Input shape], as the dataset stores them, or a CSV
// of rows of numbers), the run's scaling applied as in training. This is the contract every
// export keeps: an exported model given the same file prints the same outputs.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { useBackend } from '../../backend/index.js';
import { npyBytes, readNpy } from '../../export/npy.js';
import { writeFileAtomic } from '../../project/atomic.js';
import { predictedClass, predictRaw } from '../../runs/inference.js';
import { loadRunModel } from '../../runs/store.js';
import { parseOptions, stringOption, UsageError } from '../args.js';
import { EXIT, type CliIO, type Command } from '../io.js';
import { readProject } from '../project.js';
import { chooseRun } from '../runs.js';

const USAGE = `usage: layerlab predict <project.layerlab.json> --input FILE [--run ID] [--out OUT.npy]
                        [--backend NAME] [--json]

  Runs a trained run's model on raw inputs and prints its outputs: the class probabilities
  and the predicted class per example (or the regression outputs).

  --input FILE  a .npy of raw examples shaped [n, ...Input shape] (float32/64, uint8 or
                int32/64; MNIST pixels 0–255 as the dataset stores them), or a .csv with one
                example per row (numbers only; a first row that is not numbers is a header)
  --run ID      the run (see 'layerlab runs'); default: the newest that matches the project
  --out FILE    also write the outputs as a float32 .npy [n, outputs]
  --json        one object: {"runId", "predictions": [[p0, p1, …], …], "classes": [...]}`;

/** Rows of numbers from CSV text; a header row of words is skipped. */
export function csvRows(text: string, file: string): { values: Float32Array; count: number; width: number } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const rows: number[][] = [];
  lines.forEach((line, i) => {
    const cells = line.split(',').map((c) => c.trim());
    const nums = cells.map(Number);
    if (nums.some((v, j) => !Number.isFinite(v) || cells[j] === '')) {
      if (i === 0) return; // a header
      const j = nums.findIndex((v, k) => !Number.isFinite(v) || cells[k] === '');
      throw new UsageError(`${file}, line ${i + 1}, column ${j + 1}: '${cells[j]}' is not a number`);
    }
    if (rows.length && nums.length !== rows[0]!.length) throw new UsageError(`${file}, line ${i + 1}: ${nums.length} values, the rows before have ${rows[0]!.length}`);
    rows.push(nums);
  });
  if (!rows.length) throw new UsageError(`${file}: no rows of numbers`);
  return { values: Float32Array.from(rows.flat()), count: rows.length, width: rows[0]!.length };
}

export const command: Command = {
  name: 'predict',
  summary: "run a trained model on raw inputs (.npy or .csv) and print its predictions",
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { positionals, values } = parseOptions(
      args,
      { input: { type: 'string' }, run: { type: 'string' }, out: { type: 'string' }, backend: { type: 'string' }, json: { type: 'boolean' } },
      1,
    );
    const path = positionals[0];
    if (!path) throw new UsageError('missing <project.layerlab.json>');
    const input = stringOption(values, 'input');
    if (!input) throw new UsageError('missing --input FILE (.npy or .csv)');
    const bytes = await readFile(resolve(input)).catch((e: NodeJS.ErrnoException) => {
      throw new UsageError(`--input ${input}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
    });
    let raw: Float32Array;
    let count: number;
    if (/\.npy$/i.test(input)) {
      let arr: ReturnType<typeof readNpy>;
      try {
        arr = readNpy(new Uint8Array(bytes), input);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      raw = arr.data;
      count = arr.shape[0] ?? 0;
    } else if (/\.csv$/i.test(input)) {
      ({ values: raw, count } = csvRows(bytes.toString('utf8'), input));
    } else throw new UsageError(`--input ${input}: give a .npy or a .csv file (image files are not read yet)`);

    const loaded = await readProject(path, io);
    if (!loaded) return EXIT.failed;
    const run = await chooseRun(path, loaded, stringOption(values, 'run'), io);
    await useBackend(stringOption(values, 'backend') ?? 'auto');
    const model = await loadRunModel(path, run);
    let p: ReturnType<typeof predictRaw>;
    try {
      p = predictRaw(model, run, raw, count);
    } catch (e) {
      throw new UsageError(`--input ${input}: ${(e as Error).message}`);
    } finally {
      model.dispose();
    }
    const out = stringOption(values, 'out');
    if (out) await writeFileAtomic(out, npyBytes([p.count, p.width], p.values));
    const rows = Array.from({ length: p.count }, (_, i) => Array.from(p.values.subarray(i * p.width, (i + 1) * p.width)));
    if (values.json) {
      io.out(JSON.stringify({ runId: run.id, predictions: rows, ...(p.classes ? { classes: p.classes } : {}) }));
      return EXIT.ok;
    }
    io.out(`run ${run.id}${run.label ? ` '${run.label}'` : ''}: ${p.count} example(s)${run.dataset.preprocessing && run.dataset.preprocessing.method !== 'none' ? `, scaled '${run.dataset.preprocessing.method}' as in training` : ''}`);
    rows.forEach((r, i) => {
      const shown = r.map((v) => v.toFixed(4)).join(' ');
      io.out(p.classes ? `${i}: ${p.classes[predictedClass(p, i)]}  (${shown})` : `${i}: ${shown}`);
    });
    if (out) io.out(`wrote ${p.count} × ${p.width} outputs to ${out}`);
    return EXIT.ok;
  },
};
