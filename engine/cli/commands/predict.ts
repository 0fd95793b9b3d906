// `layerlab predict <project> [--run ID] --input FILE [--out OUT.npy] [--json]`: a run's
// model on raw inputs (a .npy shaped [n, ...Input shape], as the dataset stores them, a CSV
// of rows of numbers, or image files read as an image dataset reads them), the run's scaling
// applied as in training. This is the contract every
// export keeps: an exported model given the same file prints the same outputs.
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { IMAGE_EXT, readImageFile } from '../../data/io/images.js';
import { npyBytes, readNpy } from '../../export/npy.js';
import { writeFileAtomic } from '../../project/atomic.js';
import { predictedClass, predictRaw, probabilityRows } from '../../runs/inference.js';
import type { RunDoc } from '../../runs/schema.js';
import { parseOptions, stringOption, UsageError } from '../args.js';
import { EXIT, type CliIO, type Command } from '../io.js';
import { runModel } from '../runs.js';

const USAGE = `usage: layerlab predict <project.layerlab.json> --input FILE [IMAGE…] [--run ID]
                        [--out OUT.npy] [--backend NAME] [--json]

  Runs a trained run's model on raw inputs and prints its outputs: the class probabilities
  and the predicted class per example (or the regression outputs).

  --input FILE  a .npy of raw examples shaped [n, ...Input shape] (float32/64, uint8 or
                int32/64; MNIST pixels 0–255 as the dataset stores them), or a .csv with one
                example per row (numbers only; a first row that is not numbers is a header),
                or image files (.png, .jpg, .webp, …; several may follow), each resized to
                the run's input and made grayscale or RGB as an image dataset reads them
  --run ID      the run (see 'layerlab runs'); default: the newest that matches the project
  --out FILE    also write the outputs as a float32 .npy [n, outputs]
  --json        one object: {"runId", "predictions": [[p0, p1, …], …], "classes": [...]}:
                one probability per class (a single sigmoid output's p as [1 − p, p]);
                the outputs themselves for regression. --out writes the model's outputs
                as they are (one column for a sigmoid)`;

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

/** [height, width, channels] of the images a run's model takes: its Input's shape when that
 *  is an image, the image folder's size and colour it trained on, or a flat square (784 →
 *  28×28 grayscale, 3·s² → s×s RGB). */
export function imageShapeOf(modelShape: number[], run: RunDoc): [number, number, number] {
  const [a, b, c] = modelShape;
  if (modelShape.length === 3 && (c === 1 || c === 3)) return [a!, b!, c];
  if (modelShape.length === 2) return [a!, b!, 1];
  const per = modelShape.reduce((x, y) => x * y, 1);
  const o = run.dataset.ref.options ?? {};
  const size = o.size as [number, number] | undefined;
  const ch = (o.channels as number | undefined) ?? (o.color === 'rgb' ? 3 : 1);
  if (Array.isArray(size) && size[0]! * size[1]! * ch === per) return [size[0]!, size[1]!, ch];
  for (const k of [1, 3]) {
    const s = Math.round(Math.sqrt(per / k));
    if (s * s * k === per) return [s, s, k];
  }
  throw new UsageError(`this run's input [${modelShape.join(', ')}] is not an image: give a .npy or a .csv`);
}

export const command: Command = {
  name: 'predict',
  summary: "run a trained model on raw inputs (.npy, .csv or image files) and print its predictions",
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { positionals, values } = parseOptions(
      args,
      { input: { type: 'string' }, run: { type: 'string' }, out: { type: 'string' }, backend: { type: 'string' }, json: { type: 'boolean' } },
      Infinity,
    );
    const path = positionals[0];
    if (!path) throw new UsageError('missing <project.layerlab.json>');
    const input = stringOption(values, 'input');
    if (!input) throw new UsageError('missing --input FILE (.npy, .csv or images)');
    // Image files after the first (`--input digits/*.png`) come as positionals.
    const images = IMAGE_EXT.test(input) ? [input, ...positionals.slice(1)] : null;
    if (!images && positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}' (only image files may follow --input)`);
    const notImage = images?.find((f) => !IMAGE_EXT.test(f));
    if (notImage) throw new UsageError(`'${notImage}' is not an image file (.png, .jpg, .webp, …)`);
    if (images) return predictImages(path, images, values, io);
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
    } else throw new UsageError(`--input ${input}: give a .npy, a .csv or image files (.png, .jpg, .webp, …)`);
    return predictAndPrint(path, values, io, input, () => ({ raw, count }));
  },
};

type Values = ReturnType<typeof parseOptions>['values'];
/** Raw examples, and what to call each in the printout (an image's file name). */
type Inputs = { raw: Float32Array; count: number; names?: string[] };

/** Image files read to the run's input shape, then predicted like a .npy of them. */
async function predictImages(path: string, files: string[], values: Values, io: CliIO): Promise<number> {
  return predictAndPrint(path, values, io, files[0]!, async (shape, run) => {
    const [h, w, c] = imageShapeOf(shape, run);
    const per = h * w * c;
    const raw = new Float32Array(files.length * per);
    for (const [i, f] of files.entries()) {
      try {
        raw.set(await readImageFile(resolve(f), [h, w], c as 1 | 3), i * per);
      } catch (e) {
        throw new UsageError(`--input ${f}: ${(e as Error).message}`);
      }
    }
    return { raw, count: files.length, names: files.map((f) => basename(f)) };
  });
}

async function predictAndPrint(
  path: string,
  values: Values,
  io: CliIO,
  input: string,
  read: (modelShape: number[], run: RunDoc) => Inputs | Promise<Inputs>,
): Promise<number> {
  const got = await runModel(path, stringOption(values, 'run'), stringOption(values, 'backend'), io);
  if (!got) return EXIT.failed;
  const { run, model } = got;
  let p: ReturnType<typeof predictRaw>;
  let names: string[] | undefined;
  try {
    const { raw, count, ...named } = await read(model.inputs[0]!.shape.slice(1) as number[], run);
    p = predictRaw(model, run, raw, count);
    names = named.names;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--input ${input}: ${(e as Error).message}`);
  } finally {
    model.dispose();
  }
  const out = stringOption(values, 'out');
  if (out) await writeFileAtomic(out, npyBytes([p.count, p.width], p.values));
  // One probability per class (a sigmoid's p as [1 − p, p]), as the classes name them.
  const rows = probabilityRows(p);
  if (values.json) {
    io.out(JSON.stringify({ runId: run.id, predictions: rows, ...(p.classes ? { classes: p.classes } : {}) }));
    return EXIT.ok;
  }
  io.out(`run ${run.id}${run.label ? ` '${run.label}'` : ''}: ${p.count} example(s)${run.dataset.preprocessing && run.dataset.preprocessing.method !== 'none' ? `, scaled '${run.dataset.preprocessing.method}' as in training` : ''}`);
  rows.forEach((r, i) => {
    const shown = r.map((v) => v.toFixed(4)).join(' ');
    const name = names?.[i] ?? String(i);
    io.out(p.classes ? `${name}: ${p.classes[predictedClass(p, i)]}  (${shown})` : `${name}: ${shown}`);
  });
  if (out) io.out(`wrote ${p.count} × ${p.width} outputs to ${out}`);
  return EXIT.ok;
}
