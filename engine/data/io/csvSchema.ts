// First pass over a CSV: finds the header, the width, each column's type (numeric,
// categorical, or left out), categories and missing values — row by row, so a big file is
// never held in memory. Every problem is a DatasetError naming the file, row and column.
//
// How a column's type is decided (the `columns` option overrides it per column):
// - every value is a number → numeric. In a file not separated by commas, a column whose
//   numbers are written with decimal commas (`1,5`) is read that way: the reading (dot or
//   comma) that makes more of its values numbers wins, the dot on a tie.
// - more than half of the values are numbers, yet some are not → an error naming the first
//   non-number's row and value. When most of a column is numbers, a word among them is a
//   typo or a code for "missing" far more often than a category, and one-hot encoding the
//   column would silently change what it means; the user says which it is.
// - otherwise → categorical (one-hot encoded), except a feature column of text in which
//   (nearly) every row differs — a name, an id: it is left out with a warning, since as many
//   one-hot features as rows teach a network nothing. See `looksLikeIdentifier`.
// Empty cells (and NA, ?, null…) are missing values, not words: they are an error naming the
// rows and columns unless the option missing: "drop" leaves those rows out. A left-out
// column's missing values do not count.
import { DatasetError } from '../errors.js';

export type ColumnChoice = 'numeric' | 'categorical' | 'ignore';
export const COLUMN_CHOICES: readonly ColumnChoice[] = ['numeric', 'categorical', 'ignore'];
export type DecimalMark = '.' | ',';

export interface CsvOptions {
  /** Whether row 1 names the columns; detected when omitted. */
  header?: boolean;
  /** Label column by name or 0-based index; the last column when omitted. */
  labelColumn?: string | number;
  /** Detected when omitted: words or few integer values mean classification. */
  task?: 'classification' | 'regression';
  /** Detected from the first lines when omitted (`,` `;` tab `|`). */
  delimiter?: string;
  /** The decimal mark of every numeric column; detected per column when omitted. */
  decimal?: DecimalMark;
  /** What to do with rows that have missing values: report them (default) or drop them. */
  missing?: 'error' | 'drop';
  /** A column's type by its name, instead of the one detected. */
  columns?: Record<string, ColumnChoice>;
  /** Called as rows are read into numbers (the second pass): rows done, of how many. */
  onRows?: (done: number, total: number) => void;
}

export interface CsvColumn {
  name: string;
  /** 'ignored': not a feature (chosen, or an identifier). */
  kind: 'numeric' | 'categorical' | 'ignored';
  /** The type came from the `columns` option rather than from the values. */
  chosen?: true;
  /** Left out because nearly every row holds a different text (a name, an id). */
  identifier?: true;
  /** A numeric column written with decimal commas. */
  decimal?: ',';
  /** Sorted categories of a categorical column (one-hot order). */
  categories?: string[];
  /** Distinct values of a numeric column when there are few (for label detection). */
  distinct?: number[];
}

export interface CsvSchema {
  header: boolean;
  /** The field delimiter the file was read with. */
  delimiter: string;
  columns: CsvColumn[];
  /** Index of the label column in `columns`. */
  label: number;
  /** Data rows (not counting the header, nor dropped rows). */
  rows: number;
  /** 1-based row numbers of rows dropped for missing values. */
  dropped: number[];
  /** What was decided that the user should know (a column left out, and how to keep it). */
  warnings: string[];
}

export const MAX_CATEGORIES = 1000;
/** An identifier needs at least this many values: in a ten-row toy file, five different
 *  colours are categories, not names. */
export const IDENTIFIER_MIN_VALUES = 20;
/** …and more than this share of them distinct (a few repeated names still make a name column). */
export const IDENTIFIER_DISTINCT_SHARE = 0.9;
/** The largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;
const MISSING = new Set(['', 'na', 'nan', 'n/a', '?', 'null', 'none']);
const COMMA_NUMBER = /^[+-]?(\d+,?\d*|,\d+)([eE][+-]?\d+)?$/;

export function isMissing(v: string): boolean {
  return MISSING.has(v.trim().toLowerCase());
}

/** A number as written in a column with the given decimal mark, or null. With decimal commas
 *  a dot is not read at all: `1.234` there may be a thousands mark, and is not guessed at. */
export function parseNumber(v: string, decimal: DecimalMark = '.'): number | null {
  let t = v.trim();
  if (t === '') return null;
  if (decimal === ',') {
    if (!COMMA_NUMBER.test(t)) return null;
    t = t.replace(',', '.');
  }
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** A column's values as read with one decimal mark. */
interface Reading {
  mark: DecimalMark;
  numeric: number;
  words: number;
  firstWord?: { value: string; row: number };
  /** The first number float32 cannot hold (it would become Infinity): features are float32. */
  tooBig?: { value: string; row: number };
  nums: Set<number>;
}

interface ColStats {
  readings: Reading[];
  /** Distinct trimmed values, up to MAX_CATEGORIES + 1. */
  cats: Set<string>;
  /** Values (not missing) seen, and how many of them were already in `cats`. Once `cats` is
   *  full, repeats of its values still count, so a column of a few thousand town names
   *  that come round again is told from one of ids that never do. */
  values: number;
  repeats: number;
  missing: number[];
}

const newStats = (marks: DecimalMark[]): ColStats => ({
  readings: marks.map((mark) => ({ mark, numeric: 0, words: 0, nums: new Set() })),
  cats: new Set(),
  values: 0,
  repeats: 0,
  missing: [],
});

function observe(s: ColStats, v: string, row: number): void {
  if (isMissing(v)) {
    s.missing.push(row);
    return;
  }
  const t = v.trim();
  for (const r of s.readings) {
    const n = parseNumber(t, r.mark);
    if (n !== null) {
      r.numeric++;
      if (!Number.isFinite(Math.fround(n)) && !(r.tooBig && r.tooBig.row < row)) r.tooBig = { value: t, row };
      if (r.nums.size <= 50) r.nums.add(n);
    } else {
      r.words++;
      // Row 1 of a header-less file is observed last; the first word is the lowest row.
      if (!r.firstWord || row < r.firstWord.row) r.firstWord = { value: v, row };
    }
  }
  s.values++;
  if (s.cats.has(t)) s.repeats++;
  else if (s.cats.size <= MAX_CATEGORIES) s.cats.add(t);
}

/** A text column is an identifier when it has enough values and nearly all differ. */
function looksLikeIdentifier(s: ColStats): boolean {
  return s.values >= IDENTIFIER_MIN_VALUES && s.values - s.repeats > IDENTIFIER_DISTINCT_SHARE * s.values;
}

/** How the option that sets a column's type is written, for messages. */
export function columnsOption(name: string, choice: ColumnChoice): string {
  return `columns: {${JSON.stringify(name)}: "${choice}"}`;
}

function labelIndex(names: string[], want: string | number | undefined, file: string): number {
  if (want === undefined) return names.length - 1;
  if (typeof want === 'number') {
    if (!Number.isInteger(want) || want < 0 || want >= names.length) {
      throw new DatasetError(`label column ${want} does not exist; there are ${names.length} columns (0-based)`, { file });
    }
    return want;
  }
  const i = names.indexOf(want);
  if (i < 0) throw new DatasetError(`label column "${want}" not found; columns are ${names.join(', ')}`, { file });
  return i;
}

function checkChoices(choices: Record<string, ColumnChoice>, names: string[], label: number, file: string): void {
  for (const [name, choice] of Object.entries(choices)) {
    if (!names.includes(name)) throw new DatasetError(`option columns names "${name}", which is not a column; columns are ${names.join(', ')}`, { file });
    if (!COLUMN_CHOICES.includes(choice)) {
      throw new DatasetError(`option columns: "${name}" must be one of ${COLUMN_CHOICES.join(', ')}, got ${JSON.stringify(choice)}`, { file });
    }
    if (choice === 'ignore' && names.indexOf(name) === label) {
      throw new DatasetError('is the label column and cannot be left out; choose another label column first', { file, column: name });
    }
  }
}

/** Accumulates rows of pass one; `finish()` decides the schema. */
export class CsvScanner {
  private first: string[] | null = null;
  private width = 0;
  private stats: ColStats[] = [];
  private firstRowStats: ColStats[] = [];
  private rowsAfterFirst = 0;
  private readonly marks: DecimalMark[];

  constructor(
    private readonly file: string,
    private readonly opts: CsvOptions,
    private readonly delimiter = ',',
  ) {
    // Decimal commas only where a comma cannot be the delimiter.
    this.marks = opts.decimal ? [opts.decimal] : delimiter === ',' ? ['.'] : ['.', ','];
  }

  push(fields: string[], row: number): void {
    if (this.first === null) {
      this.first = fields;
      this.width = fields.length;
      this.stats = fields.map(() => newStats(this.marks));
      this.firstRowStats = fields.map(() => newStats(this.marks));
      fields.forEach((v, i) => observe(this.firstRowStats[i]!, v, row));
      return;
    }
    if (fields.length !== this.width) {
      throw new DatasetError(`has ${fields.length} fields but row 1 has ${this.width} (ragged rows)`, { file: this.file, row });
    }
    this.rowsAfterFirst++;
    fields.forEach((v, i) => observe(this.stats[i]!, v, row));
  }

  finish(): CsvSchema {
    const file = this.file;
    if (this.first === null) throw new DatasetError('the CSV file has no rows', { file });
    const first = this.first;
    const header = this.opts.header ?? this.detectHeader(first);
    const stats = this.stats;
    if (!header) first.forEach((v, i) => observe(stats[i]!, v, 1));
    for (const s of stats) s.missing.sort((a, b) => a - b);
    const names = header ? first.map((n, i) => n.trim() || `column${i + 1}`) : first.map((_, i) => `column${i + 1}`);
    const dupe = names.find((n, i) => names.indexOf(n) !== i);
    if (dupe !== undefined) throw new DatasetError(`column name "${dupe}" appears twice in the header`, { file, row: 1 });
    const rows = this.rowsAfterFirst + (header ? 0 : 1);
    if (rows === 0) throw new DatasetError('the CSV file has a header but no data rows', { file });
    if (names.length < 2) throw new DatasetError(`needs at least two columns (features and a label), found ${names.length}`, { file });

    const label = labelIndex(names, this.opts.labelColumn, file);
    const choices = this.opts.columns ?? {};
    checkChoices(choices, names, label, file);
    const warnings: string[] = [];
    const columns = stats.map((s, i) => this.decide(s, names[i]!, i === label, choices[names[i]!], warnings));
    if (columns.every((c, i) => i === label || c.kind === 'ignored')) {
      const out = columns.filter((c) => c.kind === 'ignored').map((c) => `"${c.name}"`);
      throw new DatasetError(`no feature columns are left: ${out.join(', ')} ${out.length === 1 ? 'is' : 'are'} left out; keep one with the option columns`, { file });
    }

    // Missing values, in the columns that are read.
    const kept = stats.map((s, i) => (columns[i]!.kind === 'ignored' ? null : s));
    const withMissing = [...new Set(kept.flatMap((s) => s?.missing ?? []))].sort((a, b) => a - b);
    if (withMissing.length && (this.opts.missing ?? 'error') === 'error') {
      const where: { row: number; text: string }[] = [];
      kept.forEach((s, i) => s?.missing.slice(0, 5).forEach((r) => where.push({ row: r, text: `row ${r} column "${names[i]}"` })));
      where.sort((a, b) => a.row - b.row);
      const total = kept.reduce((a, s) => a + (s?.missing.length ?? 0), 0);
      const shown = where.slice(0, 5).map((w) => w.text).join('; ');
      const r0 = withMissing[0]!;
      const c0 = kept.findIndex((s) => s?.missing.includes(r0));
      throw new DatasetError(
        `${total} missing value${total === 1 ? '' : 's'} (${shown}${total > 5 ? '; …' : ''}); fill them in, or set the option missing: "drop" to leave those rows out`,
        { file, row: r0, column: names[c0] },
      );
    }
    return { header, delimiter: this.delimiter, columns, label, rows: rows - withMissing.length, dropped: withMissing, warnings };
  }

  private decide(s: ColStats, name: string, isLabel: boolean, choice: ColumnChoice | undefined, warnings: string[]): CsvColumn {
    const file = this.file;
    const chosen = choice ? { chosen: true as const } : {};
    if (choice === 'ignore') return { name, kind: 'ignored', chosen: true };
    // The reading that makes the most values numbers; the dot on a tie.
    const r = s.readings.reduce((a, b) => (b.numeric > a.numeric ? b : a));
    const known = r.numeric + r.words;
    if (known === 0) {
      throw new DatasetError(`the column holds no values${isLabel ? '' : `; leave it out with the option ${columnsOption(name, 'ignore')}`}`, { file, column: name });
    }
    if (choice === 'numeric' || (!choice && r.words === 0)) {
      if (r.firstWord) {
        throw new DatasetError(`"${r.firstWord.value}" is not a number, and the option columns reads the column as numbers`, { file, row: r.firstWord.row, column: name });
      }
      if (r.tooBig) {
        throw new DatasetError(
          `${r.tooBig.value} is beyond the range of 32-bit floats (±${FLOAT32_MAX.toPrecision(3)}), which LayerLab trains with; rescale the column (e.g. divide it by a power of ten)`,
          { file, row: r.tooBig.row, column: name },
        );
      }
      return {
        name,
        kind: 'numeric',
        ...chosen,
        ...(r.mark === ',' ? { decimal: ',' as const } : {}),
        ...(r.nums.size <= 50 ? { distinct: [...r.nums].sort((a, b) => a - b) } : {}),
      };
    }
    if (!choice && r.numeric > r.words) {
      const w = r.firstWord!;
      throw new DatasetError(
        `"${w.value}" is not a number, but ${r.numeric} of the column's ${known} values are${r.words > 1 ? ` (the first of ${r.words} that are not)` : ''}. ` +
          `Correct it, or read the column as categories with the option ${columnsOption(name, 'categorical')}` +
          (isLabel ? '' : ` or leave it out with ${columnsOption(name, 'ignore')}`),
        { file, row: w.row, column: name },
      );
    }
    if (!choice && !isLabel && looksLikeIdentifier(s)) {
      const share = s.cats.size > MAX_CATEGORIES ? `more than ${MAX_CATEGORIES} different values` : `${s.cats.size} different values in ${s.values} rows`;
      warnings.push(
        `column "${name}" is left out: it holds ${share}, like a name or an id, which would become as many one-hot features; keep it with the option ${columnsOption(name, 'categorical')}`,
      );
      return { name, kind: 'ignored', identifier: true };
    }
    if (s.cats.size > MAX_CATEGORIES) {
      throw new DatasetError(`more than ${MAX_CATEGORIES} distinct words: too many categories to one-hot encode`, { file, column: name });
    }
    // Numbers read as categories (chosen) sort as numbers: 2 before 10.
    const categories = r.words === 0 ? [...s.cats].sort((a, b) => parseNumber(a, r.mark)! - parseNumber(b, r.mark)!) : [...s.cats].sort();
    return { name, kind: 'categorical', ...chosen, categories };
  }

  /** Row 1 is a header when it has no numbers and either a column below is numeric or none
   *  of its words shows up again in its column. */
  private detectHeader(first: string[]): boolean {
    if (this.rowsAfterFirst === 0) return false;
    const allWords = first.every((v, i) => !isMissing(v) && this.firstRowStats[i]!.readings.every((r) => r.words === 1));
    if (!allWords) return false;
    const someNumeric = this.stats.some((s) => s.readings.some((r) => r.numeric > 0 && r.words === 0));
    const repeats = first.some((v, i) => this.stats[i]!.cats.has(v.trim()));
    return someNumeric || !repeats;
  }
}
