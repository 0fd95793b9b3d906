// What the data view says about a CSV file's columns, and the edit that changes a column's
// type: the dataset option `columns` ({"name": "numeric" | "categorical" | "ignore"}), which
// the loader reads. Pure, so the words and the edit are tested without a page.
import type { DatasetPreviewWire } from '../../electron/contract.js';
import type { ColumnChoice } from '../../engine/data/io/csvSchema.js';
import type { DatasetRef } from '../../engine/project/types.js';

export type ColumnWire = NonNullable<DatasetPreviewWire['columns']>[number];
export type { ColumnChoice };

/** The choices a column offers, in the order shown; the label column cannot be left out. */
export function choicesFor(c: ColumnWire): { value: ColumnChoice; text: string }[] {
  return [
    { value: 'numeric', text: 'numeric' },
    { value: 'categorical', text: 'categorical' },
    ...(c.label ? [] : [{ value: 'ignore' as const, text: 'leave out' }]),
  ];
}

/** The type the loader decided, in one word (the badge), and what it means for the network. */
export function describeColumn(c: ColumnWire): { type: 'numeric' | 'categorical' | 'label' | 'identifier' | 'ignored'; detail: string } {
  const numbers = `numbers${c.decimal ? ' with decimal commas' : ''}`;
  if (c.label) return { type: 'label', detail: `what the network learns to predict: ${c.kind === 'numeric' ? numbers : `${c.categories ?? 0} classes`}` };
  if (c.kind === 'numeric') return { type: 'numeric', detail: `one feature, ${numbers}` };
  if (c.kind === 'categorical') return { type: 'categorical', detail: `${c.categories ?? 0} one-hot features` };
  if (c.identifier) return { type: 'identifier', detail: 'left out: nearly every row differs (a name or an id)' };
  return { type: 'ignored', detail: 'left out, as chosen' };
}

/** The column choices a project has set (the `columns` option), ignoring anything malformed. */
export function columnChoices(ref: DatasetRef): Record<string, ColumnChoice> {
  const v = ref.options?.columns;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter(([, c]) => c === 'numeric' || c === 'categorical' || c === 'ignore')) as Record<string, ColumnChoice>;
}

/** The reference with `name` read as `choice`, or as detected when `choice` is null. Other
 *  options are kept; an empty `columns` option is dropped. */
export function withColumnChoice(ref: DatasetRef, name: string, choice: ColumnChoice | null): DatasetRef {
  const { columns: _old, ...rest } = ref.options ?? {};
  const next = { ...columnChoices(ref) };
  if (choice) next[name] = choice;
  else delete next[name];
  const options = { ...rest, ...(Object.keys(next).length ? { columns: next } : {}) };
  const { options: _o, ...bare } = ref;
  return Object.keys(options).length ? { ...bare, options } : bare;
}

/** The fixes a loader error proposes, as it writes them (`columns: {"a": "categorical"}`),
 *  so the data view can offer them as buttons. */
export function columnFixes(error: string): { column: string; choice: ColumnChoice }[] {
  const out: { column: string; choice: ColumnChoice }[] = [];
  for (const m of error.matchAll(/columns: \{("(?:[^"\\]|\\.)*"): "(numeric|categorical|ignore)"\}/g)) {
    try {
      out.push({ column: JSON.parse(m[1]!) as string, choice: m[2] as ColumnChoice });
    } catch {
      // Not a name the loader wrote.
    }
  }
  return out;
}
