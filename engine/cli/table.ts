// Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned.

export function table(header: string[], rows: string[][], rightAligned: ReadonlySet<number> = new Set()): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

export const count = (n: number): string => n.toLocaleString('en-US');

/** [null, 28, 28, 1] → "[batch, 28, 28, 1]". */
export { batchShape as shapeText } from '../layers/shape-text.js';

export function fixed(n: number | undefined, digits = 4): string {
  return n === undefined || Number.isNaN(n) ? '-' : n.toFixed(digits);
}
