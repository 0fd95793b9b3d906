// First pass over a CSV: finds the header, the width, each column's type (numeric or
// categorical), categories and missing values — row by row, so a big file is never held
// in memory. Every problem is a DatasetError naming the file, row and column.
import { DatasetError } from '../errors.js';

export interface CsvOptions {
  /** Whether row 1 names the columns; detected when omitted. */
  header?: boolean;
  /** Label column by name or 0-based index; the last column when omitted. */
  labelColumn?: string | number;
  /** Detected when omitted: words or few integer values mean classification. */
  task?: 'classification' | 'regression';
  delimiter?: string;
  /** What to do with rows that have missing values: report them (default) or drop them. */
  missing?: 'error' | 'drop';
}

export interface CsvColumn {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Sorted categories of a categorical column (one-hot order). */
  categories?: string[];
  /** Distinct values of a numeric column when there are few (for label detection). */
  distinct?: number[];
}

export interface CsvSchema {
  header: boolean;
  columns: CsvColumn[];
  /** Data rows (not counting the header, nor dropped rows). */
  rows: number;
  /** 1-based row numbers of rows dropped for missing values. */
  dropped: number[];
}

export const MAX_CATEGORIES = 1000;
/** The largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;
const MISSING = new Set(['', 'na', 'nan', 'n/a', '?', 'null', 'none']);

export function isMissing(v: string): boolean {
  return MISSING.has(v.trim().toLowerCase());
}

export function parseNumber(v: string): number | null {
  const t = v.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

interface ColStats {
  numeric: number;
  words: number;
  firstWord?: { value: string; row: number };
  /** The first number float32 cannot hold (it would become Infinity): features are float32. */
  tooBig?: { value: string; row: number };
  cats: Set<string>;
  nums: Set<number>;
  missing: number[];
}

const newStats = (): ColStats => ({ numeric: 0, words: 0, cats: new Set(), nums: new Set(), missing: [] });

function observe(s: ColStats, v: string, row: number): void {
  if (isMissing(v)) {
    s.missing.push(row);
    return;
  }
  const n = parseNumber(v);
  if (n !== null) {
    s.numeric++;
    if (!Number.isFinite(Math.fround(n)) && !(s.tooBig && s.tooBig.row < row)) s.tooBig = { value: v.trim(), row };
    if (s.nums.size <= 50) s.nums.add(n);
  } else {
    s.words++;
    if (!s.firstWord) s.firstWord = { value: v, row };
  }
  if (s.cats.size <= MAX_CATEGORIES) s.cats.add(v.trim());
}

/** Accumulates rows of pass one; `finish()` decides the schema. */
export class CsvScanner {
  private first: string[] | null = null;
  private width = 0;
  private stats: ColStats[] = [];
  private firstRowStats: ColStats[] = [];
  private rowsAfterFirst = 0;
  private missingRows = new Set<number>();

  constructor(
    private readonly file: string,
    private readonly opts: CsvOptions,
  ) {}

  push(fields: string[], row: number): void {
    if (this.first === null) {
      this.first = fields;
      this.width = fields.length;
      this.stats = fields.map(newStats);
      this.firstRowStats = fields.map(newStats);
      fields.forEach((v, i) => observe(this.firstRowStats[i]!, v, row));
      return;
    }
    if (fields.length !== this.width) {
      throw new DatasetError(`has ${fields.length} fields but row 1 has ${this.width} (ragged rows)`, { file: this.file, row });
    }
    this.rowsAfterFirst++;
    fields.forEach((v, i) => {
      observe(this.stats[i]!, v, row);
      if (isMissing(v)) this.missingRows.add(row);
    });
  }

  finish(): CsvSchema {
    const file = this.file;
    if (this.first === null) throw new DatasetError('the CSV file has no rows', { file });
    const first = this.first;
    const header = this.opts.header ?? this.detectHeader(first);
    const stats = this.stats;
    if (!header) {
      first.forEach((v, i) => {
        observe(stats[i]!, v, 1);
        if (isMissing(v)) this.missingRows.add(1);
      });
    }
    const names = header ? first.map((n, i) => n.trim() || `column${i + 1}`) : first.map((_, i) => `column${i + 1}`);
    const dupe = names.find((n, i) => names.indexOf(n) !== i);
    if (dupe !== undefined) throw new DatasetError(`column name "${dupe}" appears twice in the header`, { file, row: 1 });
    const rows = this.rowsAfterFirst + (header ? 0 : 1);
    if (rows === 0) throw new DatasetError('the CSV file has a header but no data rows', { file });

    const dropped: number[] = [];
    const withMissing = [...this.missingRows].sort((a, b) => a - b);
    if (withMissing.length && (this.opts.missing ?? 'error') === 'error') {
      const where: string[] = [];
      stats.forEach((s, i) => s.missing.slice(0, 5).forEach((r) => where.push(`row ${r} column "${names[i]}"`)));
      where.sort((a, b) => Number(a.split(' ')[1]) - Number(b.split(' ')[1]));
      const total = stats.reduce((a, s) => a + s.missing.length, 0);
      const shown = where.slice(0, 5).join('; ');
      const r0 = withMissing[0]!;
      const c0 = stats.findIndex((s) => s.missing.includes(r0));
      throw new DatasetError(
        `${total} missing value${total === 1 ? '' : 's'} (${shown}${total > 5 ? '; …' : ''}); fill them in, or set the option missing: "drop" to leave those rows out`,
        { file, row: r0, column: names[c0] },
      );
    }
    dropped.push(...withMissing);

    const columns: CsvColumn[] = stats.map((s, i) => {
      const name = names[i]!;
      const known = s.numeric + s.words;
      if (known === 0) throw new DatasetError('the column holds no values', { file, column: name });
      if (s.words === 0) {
        if (s.tooBig) {
          throw new DatasetError(
            `${s.tooBig.value} is beyond the range of 32-bit floats (±${FLOAT32_MAX.toPrecision(3)}), which LayerLab trains with; rescale the column (e.g. divide it by a power of ten)`,
            { file, row: s.tooBig.row, column: name },
          );
        }
        return { name, kind: 'numeric', ...(s.nums.size <= 50 ? { distinct: [...s.nums].sort((a, b) => a - b) } : {}) };
      }
      // Mostly numbers with a few words is a typo in a numeric column, not a category.
      if (s.numeric >= 4 * s.words && s.firstWord) {
        throw new DatasetError(
          `"${s.firstWord.value}" is not a number, but ${s.numeric} of the column's ${known} values are`,
          { file, row: s.firstWord.row, column: name },
        );
      }
      if (s.cats.size > MAX_CATEGORIES) {
        throw new DatasetError(`more than ${MAX_CATEGORIES} distinct words: too many categories to one-hot encode`, { file, column: name });
      }
      return { name, kind: 'categorical', categories: [...s.cats].sort() };
    });
    return { header, columns, rows: rows - dropped.length, dropped };
  }

  /** Row 1 is a header when it has no numbers and either a column below is numeric or none
   *  of its words shows up again in its column. */
  private detectHeader(first: string[]): boolean {
    if (this.rowsAfterFirst === 0) return false;
    const allWords = first.every((v, i) => !isMissing(v) && this.firstRowStats[i]!.words === 1);
    if (!allWords) return false;
    const someNumeric = this.stats.some((s) => s.numeric > 0 && s.words === 0);
    const repeats = first.some((v, i) => this.stats[i]!.cats.has(v.trim()));
    return someNumeric || !repeats;
  }
}
