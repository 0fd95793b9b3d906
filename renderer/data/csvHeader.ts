// The column names of a CSV file's first line, read in the page before an upload so the
// user can pick the label column. Quotes and the delimiter follow RFC 4180 well enough for
// a header; the host's real parser decides everything else.

/** The first line's fields; `delimiter` defaults to the most frequent of , ; and tab. */
export function csvHeader(text: string, delimiter?: string): string[] {
  const end = text.search(/\r?\n/);
  const line = (end < 0 ? text : text.slice(0, end)).replace(/^\uFEFF/, '');
  if (!line.trim()) return [];
  const d = delimiter ?? [',', ';', '\t'].map((c) => [c, line.split(c).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === d) out.push(field.trim()), (field = '');
    else field += c;
  }
  out.push(field.trim());
  return out;
}

/** Whether the first line looks like names rather than data (any field not a number). */
export function looksLikeHeader(fields: string[]): boolean {
  return fields.some((f) => f !== '' && !Number.isFinite(Number(f)));
}
