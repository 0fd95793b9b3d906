// Datasets from the user's files: IDX (images + labels), CSV, image folders. The format
// comes from the reference, or from the path (folder → images, .csv/.tsv → csv, else idx).
import type { DatasetRef } from '../../project/types.js';
import type { Options, RawDataset } from '../spec.js';
import { DatasetError } from '../errors.js';
import { checkDataPath } from '../io/dataPath.js';
import { COLUMN_CHOICES, readCsvFile, type ColumnChoice, type CsvOptions, type CsvTable } from '../io/csv.js';
import { delimiterName } from '../io/csvDialect.js';
import type { DatasetColumn } from '../types.js';
import { readImageFolder } from '../io/images.js';
import { guessLabelsFile, readIdxPair } from './idxPair.js';
import { readIdxFile } from '../io/idx.js';
import { classCountsOf } from './classes.js';
import { plainShape } from '../../layers/shape-text.js';
import { parts, type Progress } from '../progress.js';

export type FileFormat = 'idx' | 'csv' | 'images';

export function formatOf(file: string, format?: DatasetRef['format']): FileFormat {
  // Checked even when the format is given, so no reader ever opens a device or a /proc file.
  const kind = checkDataPath(file, 'either', 'file or folder not found');
  if (format) return format;
  if (kind === 'folder') return 'images';
  if (/\.(csv|tsv|txt)$/i.test(file)) return 'csv';
  return 'idx';
}

function str(o: Options, key: string, file: string): string | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new DatasetError(`option ${key} must be a path, got ${JSON.stringify(v)}`, { file });
  return v;
}

async function idxDataset(file: string, o: Options, targetIsInput: boolean, progress?: Progress): Promise<RawDataset> {
  const part = parts(progress?.('images'));
  const labels = str(o, 'labels', file) ?? guessLabelsFile(file);
  if (!labels) {
    if (!targetIsInput) {
      throw new DatasetError('no labels file found next to it; name one with the option labels (an IDX file with one label per item), or set target: "input" to use the items as their own targets', { file });
    }
    // Autoencoder use: the items are their own targets, so no labels are needed.
    const onItems = part();
    const only = await readIdxFile(file, onItems ? { onItems } : {});
    const item = only.header.shape.slice(1);
    const images = only.header.dtype === 'ubyte' && item.length === 2;
    return {
      name: file,
      description: `IDX ${only.header.dtype} items of shape ${plainShape(item)}`,
      source: `file ${file}`,
      task: 'regression',
      inputShape: images ? [...item, 1] : item,
      targetShape: [],
      sourceDtype: only.header.dtype,
      all: { x: only.values, y: new Float32Array(only.count), count: only.count },
      defaultPreprocess: images ? 'pixels' : 'none',
    };
  }
  const train = await readIdxPair(file, labels, undefined, part());
  const testImages = str(o, 'testFile', file);
  const testLabels = str(o, 'testLabels', file) ?? (testImages ? guessLabelsFile(testImages) : null);
  if (testImages && !testLabels) throw new DatasetError('no labels file for the test images; set the option testLabels', { file: testImages });
  const test = testImages && testLabels ? await readIdxPair(testImages, testLabels, undefined, part()) : undefined;
  if (test && test.itemShape.join() !== train.itemShape.join()) {
    throw new DatasetError(`test items have shape ${plainShape(test.itemShape)} but training items ${plainShape(train.itemShape)}`, { file: testImages });
  }
  const k = classCountsOf(train.split.y, file);
  const images = train.header.dtype === 'ubyte' && train.itemShape.length === 2;
  return {
    name: file,
    description: `IDX ${train.header.dtype} items of shape ${plainShape(train.itemShape)} with labels from ${labels}`,
    source: `file ${file}`,
    task: 'classification',
    inputShape: images ? [...train.itemShape, 1] : train.itemShape,
    targetShape: [],
    classNames: Array.from({ length: k }, (_, i) => String(i)),
    sourceDtype: train.header.dtype,
    ...(test ? { train: train.split, test: test.split } : { all: train.split }),
    defaultPreprocess: images ? 'pixels' : 'none',
  };
}

async function csvDataset(file: string, o: Options, progress?: Progress): Promise<RawDataset> {
  const co: CsvOptions = {};
  if (typeof o.header === 'boolean') co.header = o.header;
  if (typeof o.labelColumn === 'string' || typeof o.labelColumn === 'number') co.labelColumn = o.labelColumn;
  if (o.task === 'classification' || o.task === 'regression') co.task = o.task;
  if (typeof o.delimiter === 'string') co.delimiter = o.delimiter;
  if (o.missing === 'drop' || o.missing === 'error') co.missing = o.missing;
  if (o.decimal !== undefined) {
    if (o.decimal !== '.' && o.decimal !== ',') throw new DatasetError(`option decimal must be "." or ",", got ${JSON.stringify(o.decimal)}`, { file });
    co.decimal = o.decimal;
  }
  if (o.columns !== undefined) co.columns = columnChoices(o.columns, file);
  const onRows = progress?.('rows');
  if (onRows) co.onRows = onRows;
  const t = await readCsvFile(file, co);
  return {
    name: file,
    description: `CSV${dialect(t)}, ${t.count} rows, ${t.width} features, label column "${t.labelColumn}"`,
    source: `file ${file}`,
    task: t.task,
    inputShape: [t.width],
    targetShape: t.task === 'classification' ? [] : [1],
    ...(t.classNames ? { classNames: t.classNames } : {}),
    featureNames: t.featureNames,
    columns: t.schema.columns.map((c, i): DatasetColumn => ({
      name: c.name,
      kind: c.kind,
      ...(i === t.schema.label ? { label: true as const } : {}),
      ...(c.chosen ? { chosen: true as const } : {}),
      ...(c.identifier ? { identifier: true as const } : {}),
      ...(c.decimal ? { decimal: c.decimal } : {}),
      ...(c.categories ? { categories: c.categories.length } : {}),
    })),
    ...(t.schema.warnings.length ? { warnings: t.schema.warnings } : {}),
    sourceDtype: 'float32',
    all: { x: t.x, y: t.y, count: t.count },
  };
}

/** The option `columns`: an object of column names and what to read each as. */
function columnChoices(v: unknown, file: string): Record<string, ColumnChoice> {
  const bad = () =>
    new DatasetError(`option columns must map column names to ${COLUMN_CHOICES.map((c) => `"${c}"`).join(', ')}, e.g. {"id": "ignore"}; got ${JSON.stringify(v)}`, { file });
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad();
  for (const c of Object.values(v)) if (!COLUMN_CHOICES.includes(c as ColumnChoice)) throw bad();
  return v as Record<string, ColumnChoice>;
}

/** How the file was written, when it is not plain commas and dots: " (semicolons, decimal commas)". */
function dialect(t: CsvTable): string {
  const parts: string[] = [];
  if (t.schema.delimiter !== ',') parts.push(delimiterName(t.schema.delimiter));
  if (t.schema.columns.some((c) => c.decimal === ',')) parts.push('decimal commas');
  return parts.length ? ` (${parts.join(', ')})` : '';
}

async function imageDataset(dir: string, o: Options, progress?: Progress): Promise<RawDataset> {
  const size = o.size;
  if (size !== undefined && !(Array.isArray(size) && size.length === 2)) {
    throw new DatasetError(`option size must be [height, width], got ${JSON.stringify(size)}`, { file: dir });
  }
  const channels = o.channels ?? (o.color === 'rgb' ? 3 : 1);
  const f = await readImageFolder(dir, { ...(size ? { size: size as [number, number] } : {}), channels: channels as 1 | 3, ...(progress ? { onImages: progress('images') } : {}) });
  return {
    name: dir,
    description: `${f.count} images in ${f.classNames.length} class folders, resized to ${f.shape[0]}×${f.shape[1]}, ${f.shape[2] === 1 ? 'grayscale' : 'RGB'}`,
    source: `folder ${dir}`,
    task: 'classification',
    inputShape: f.shape,
    targetShape: [],
    classNames: f.classNames,
    sourceDtype: 'ubyte',
    all: { x: f.x, y: f.y, count: f.count },
    defaultPreprocess: 'pixels',
  };
}

export async function loadFile(ref: DatasetRef, o: Options, targetIsInput = false, progress?: Progress): Promise<RawDataset> {
  const file = ref.file!;
  const format = formatOf(file, ref.format);
  if (format === 'idx') return idxDataset(file, o, targetIsInput, progress);
  if (format === 'csv') return csvDataset(file, o, progress);
  if (format === 'images') return imageDataset(file, o, progress);
  throw new DatasetError(`unknown format "${String(format)}"; expected idx, csv or images`, { file });
}
