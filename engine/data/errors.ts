// The one error type of the data layer: it says what is wrong and where (file, row, column,
// index), so the CLI and the data panel can show it as it is, without a stack trace.

export interface DatasetErrorWhere {
  file?: string;
  /** 1-based line/row number in a text file (the header is row 1). */
  row?: number;
  /** Column name or 1-based column number. */
  column?: string | number;
  /** 0-based item or byte index in a binary file. */
  index?: number;
}

export class DatasetError extends Error {
  readonly file?: string;
  readonly row?: number;
  readonly column?: string | number;
  readonly index?: number;

  constructor(message: string, where: DatasetErrorWhere = {}) {
    super(prefix(where) + message);
    this.name = 'DatasetError';
    this.file = where.file;
    this.row = where.row;
    this.column = where.column;
    this.index = where.index;
  }
}

function prefix(w: DatasetErrorWhere): string {
  const parts: string[] = [];
  if (w.file !== undefined) parts.push(w.file);
  if (w.row !== undefined) parts.push(`row ${w.row}`);
  if (w.column !== undefined) parts.push(typeof w.column === 'number' ? `column ${w.column}` : `column "${w.column}"`);
  if (w.index !== undefined) parts.push(`index ${w.index}`);
  return parts.length ? parts.join(', ') + ': ' : '';
}

/** Wraps anything thrown while reading `file` into a DatasetError that names the file. */
export function asDatasetError(e: unknown, file: string): DatasetError {
  if (e instanceof DatasetError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new DatasetError(msg, { file });
}
