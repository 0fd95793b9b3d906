// Which character separates the fields of a CSV file, guessed from its first lines the way
// people's tools write them: commas (most), semicolons (spreadsheets set to a language that
// writes decimal commas), tabs, pipes. Papaparse's own guess is not used: it takes the first
// delimiter that splits every line into the same number of fields, so a header-less
// `1,5;2,0;yes` file splits on commas ("1" | "5;2" | "0;yes") as well as on semicolons, and
// it picks the comma. This one also asks which split yields clean fields.
import Papa from 'papaparse';

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** How much of a file the guess reads. */
export const SAMPLE_BYTES = 64 * 1024;
/** How many records of the sample are compared. */
const SAMPLE_RECORDS = 30;

const NUMBER_DOT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NUMBER_COMMA = /^[+-]?(\d+,?\d*|,\d+)([eE][+-]?\d+)?$/;

/** Whether a field split by `d` looks like one field: a number (either decimal mark) or text
 *  holding none of the other delimiters. A field that still holds one was probably split on
 *  the wrong character. */
function clean(field: string, d: string): boolean {
  const t = field.trim();
  if (NUMBER_DOT.test(t) || (d !== ',' && NUMBER_COMMA.test(t))) return true;
  return !DELIMITERS.some((o) => o !== d && t.includes(o));
}

/**
 * The delimiter of `sample` (the file's first bytes): among `,` `;` tab `|`, those that split
 * every sampled record into the same number of fields, more than one, quotes respected; of
 * those, the one whose fields are cleanest, then the most fields, then the order above.
 * When none is consistent the file is ragged whatever the delimiter: the one that splits the
 * first record into the most fields is returned (`fallback` when none splits it), so the
 * reader reports the ragged rows as they are. `truncated`: the sample is the start of a
 * longer text.
 */
export function guessDelimiter(sample: string, fallback: string, truncated = false): string {
  // A sample cut from a longer file may end in the middle of a record; that one is not compared.
  const cut = truncated ? sample.slice(0, Math.max(sample.lastIndexOf('\n'), 0)) : sample;
  const text = cut.replace(/^\uFEFF/, '');
  let best: { d: string; clean: number; fields: number } | null = null;
  let widest: { d: string; fields: number } | null = null;
  for (const d of DELIMITERS) {
    let rows: string[][];
    try {
      rows = Papa.parse<string[]>(text, { delimiter: d, preview: SAMPLE_RECORDS, skipEmptyLines: 'greedy' }).data;
    } catch {
      continue;
    }
    if (rows.length === 0) continue;
    const fields = rows[0]!.length;
    if (fields > (widest?.fields ?? 1)) widest = { d, fields };
    if (fields < 2 || rows.some((r) => r.length !== fields)) continue;
    let ok = 0;
    for (const r of rows) for (const f of r) if (clean(f, d)) ok++;
    const score = ok / (rows.length * fields);
    if (!best || score > best.clean || (score === best.clean && fields > best.fields)) best = { d, clean: score, fields };
  }
  return best?.d ?? widest?.d ?? fallback;
}

/** The name of a delimiter in words, for descriptions and messages. */
export function delimiterName(d: string): string {
  return d === ',' ? 'commas' : d === ';' ? 'semicolons' : d === '\t' ? 'tabs' : d === '|' ? 'pipes' : JSON.stringify(d);
}
