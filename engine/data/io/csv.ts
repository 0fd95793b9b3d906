// CSV import with papaparse in two streamed passes, after a look at the first lines for the
// delimiter (csvDialect.ts): the first pass finds the schema (csvSchema.ts), the second
// encodes rows into features (numbers as they are, categorical columns one-hot, left-out
// columns skipped) and labels. Nothing is returned until both passes succeed.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import Papa from 'papaparse';
import { checkDataPath } from './dataPath.js';
import { DatasetError } from '../errors.js';
import { guessDelimiter, SAMPLE_BYTES } from './csvDialect.js';
import { CsvScanner, isMissing, parseNumber, type CsvOptions, type CsvSchema } from './csvSchema.js';

export type { CsvOptions, CsvColumn, CsvSchema, ColumnChoice } from './csvSchema.js';
export { COLUMN_CHOICES } from './csvSchema.js';

export interface CsvTable {
  schema: CsvSchema;
  task: 'classification' | 'regression';
  labelColumn: string;
  featureNames: string[];
  classNames?: string[];
  count: number;
  /** Features per row after one-hot encoding. */
  width: number;
  x: Float32Array;
  /** Class index (classification) or value (regression) per row. */
  y: Float32Array;
}

type Visit = (fields: string[], row: number) => void;

/** Feeds every record of `input` (text or a file path) to `visit`; rejects with the first error. */
function eachRow(input: { text: string } | { file: string }, file: string, delimiter: string, visit: Visit): Promise<void> {
  return new Promise((resolve, reject) => {
    let row = 0;
    let failed: unknown = null;
    const config: Papa.ParseConfig<string[]> & { step: NonNullable<Papa.ParseConfig<string[]>['step']> } = {
      delimiter,
      skipEmptyLines: false,
      step: (res, parser) => {
        if (failed) return;
        row++;
        try {
          const err = res.errors[0];
          if (err) throw new DatasetError(`${err.message} (${err.code})`, { file, row });
          const fields = res.data;
          // Spreadsheets often start the file with a byte-order mark; it is not part of the name.
          if (row === 1 && fields[0]?.startsWith('\ufeff')) fields[0] = fields[0].slice(1);
          // A blank line (usually the last) is not a record.
          if (fields.length === 1 && fields[0]!.trim() === '') return;
          visit(fields, row);
        } catch (e) {
          failed = e instanceof DatasetError ? e : new DatasetError(String(e), { file, row });
          parser.abort();
        }
      },
    };
    const done = () => (failed ? reject(failed) : resolve());
    if ('text' in input) {
      try {
        Papa.parse<string[]>(input.text, { ...config, complete: () => done() } as Papa.ParseConfig<string[]>);
      } catch (e) {
        reject(new DatasetError(`cannot parse: ${e instanceof Error ? e.message : String(e)}`, { file, row }));
      }
      return;
    }
    const stream = createReadStream(input.file, { encoding: 'utf8' });
    stream.on('error', (e) => {
      failed ??= new DatasetError(`read failed: ${e.message}`, { file });
      done();
    });
    Papa.parse<string[], NodeJS.ReadableStream>(stream, {
      ...config,
      complete: () => {
        stream.destroy();
        done();
      },
      error: (e: Error) => {
        failed ??= new DatasetError(`cannot parse: ${e.message}`, { file, row });
        done();
      },
    } as Papa.ParseLocalConfig<string[], NodeJS.ReadableStream>);
  });
}

/** The first bytes of the input, for the delimiter guess; `truncated` when there is more. */
async function sampleOf(input: { text: string } | { file: string }, file: string): Promise<{ text: string; truncated: boolean }> {
  if ('text' in input) return { text: input.text.slice(0, SAMPLE_BYTES), truncated: input.text.length > SAMPLE_BYTES };
  try {
    const h = await open(input.file, 'r');
    try {
      const buf = Buffer.alloc(SAMPLE_BYTES);
      const { bytesRead } = await h.read(buf, 0, SAMPLE_BYTES, 0);
      return { text: new TextDecoder('utf-8').decode(buf.subarray(0, bytesRead)), truncated: bytesRead === SAMPLE_BYTES };
    } finally {
      await h.close();
    }
  } catch (e) {
    throw new DatasetError(`read failed: ${e instanceof Error ? e.message : String(e)}`, { file });
  }
}

async function readTable(input: { text: string } | { file: string }, file: string, opts: CsvOptions): Promise<CsvTable> {
  let delimiter = opts.delimiter;
  if (delimiter === undefined) {
    const sample = await sampleOf(input, file);
    delimiter = guessDelimiter(sample.text, file.toLowerCase().endsWith('.tsv') ? '\t' : ',', sample.truncated);
  }
  const scanner = new CsvScanner(file, opts, delimiter);
  await eachRow(input, file, delimiter, (f, r) => scanner.push(f, r));
  const schema = scanner.finish();
  const cols = schema.columns;
  const li = schema.label;
  const label = cols[li]!;
  const labelMark = label.decimal ?? '.';
  const integerFew = label.kind === 'numeric' && !!label.distinct && label.distinct.length <= 20 && label.distinct.every(Number.isInteger);
  const task = opts.task ?? (label.kind === 'categorical' || integerFew ? 'classification' : 'regression');
  if (task === 'regression' && label.kind === 'categorical') {
    throw new DatasetError('is a column of words; it cannot be a regression target', { file, column: label.name });
  }
  let classNames: string[] | undefined;
  let classOf: ((v: string) => number) | undefined;
  if (task === 'classification') {
    if (label.kind === 'categorical') {
      classNames = label.categories!;
    } else {
      if (!label.distinct) throw new DatasetError('has too many distinct values to be classes', { file, column: label.name });
      classNames = label.distinct.map(String);
    }
    const index = new Map(classNames.map((c, i) => [c, i]));
    classOf = label.kind === 'categorical' ? (v) => index.get(v.trim())! : (v) => index.get(String(parseNumber(v, labelMark)))!;
  }
  const featureNames: string[] = [];
  // One encoder per column, null for the label and left-out columns; each writes at its offset.
  const encoders: (((v: string, out: Float32Array, at: number) => void) | null)[] = [];
  const offsets: number[] = [];
  cols.forEach((c, i) => {
    offsets.push(featureNames.length);
    if (i === li || c.kind === 'ignored') {
      encoders.push(null);
    } else if (c.kind === 'numeric') {
      const mark = c.decimal ?? '.';
      featureNames.push(c.name);
      encoders.push((v, out, at) => {
        out[at] = parseNumber(v, mark)!;
      });
    } else {
      const cats = new Map(c.categories!.map((k, j) => [k, j]));
      c.categories!.forEach((k) => featureNames.push(`${c.name}=${k}`));
      encoders.push((v, out, at) => {
        out[at + cats.get(v.trim())!] = 1;
      });
    }
  });
  const width = featureNames.length;
  const count = schema.rows;
  const x = new Float32Array(count * width);
  const y = new Float32Array(count);
  const dropped = new Set(schema.dropped);
  let k = 0;
  let seen = 0;
  const onRows = opts.onRows;
  onRows?.(0, count);
  await eachRow(input, file, delimiter, (fields, row) => {
    seen++;
    if (schema.header && seen === 1) return;
    if (dropped.has(row)) return;
    if (k >= count || fields.length !== cols.length) throw new DatasetError('the file changed while it was being read', { file, row });
    fields.forEach((v, i) => encoders[i]?.(v, x, k * width + offsets[i]!));
    const lv = fields[li]!;
    y[k] = classOf ? classOf(lv) : parseNumber(lv, labelMark)!;
    if (isMissing(lv) || Number.isNaN(y[k])) throw new DatasetError(`label "${lv}" cannot be read`, { file, row, column: label.name });
    k++;
    onRows?.(k, count);
  });
  if (k !== count) throw new DatasetError(`the file changed while it was being read (${k} rows, expected ${count})`, { file });
  return { schema, task, labelColumn: label.name, featureNames, ...(classNames ? { classNames } : {}), count, width, x, y };
}

/** Parses CSV text (tests, pasted data, fuzzing). */
export function parseCsvText(text: string, opts: CsvOptions = {}, file = '<text>'): Promise<CsvTable> {
  return readTable({ text }, file, opts);
}

/** Streams a CSV file in two passes. */
export async function readCsvFile(file: string, opts: CsvOptions = {}): Promise<CsvTable> {
  if (checkDataPath(file, 'either') === 'folder') throw new DatasetError('is a folder, not a CSV file', { file });
  return readTable({ file }, file, opts);
}
