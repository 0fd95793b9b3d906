// The project's dataset as one select (unavailable sets disabled, with why), for the places
// outside the Data view that choose it: the Input layer's inspector and the training form.
// Choosing is one undoable edit, as in the Data view.
import { useApp } from '../app/context.js';
import { useEditorState } from '../state/store.js';
import type { DatasetRef } from '../../engine/project/types.js';
import { baseName } from './DatasetPicker.js';

export function DatasetSelect({ id, hint = true }: { id: string; hint?: boolean }) {
  const { store, datasets } = useApp();
  // A project may name no dataset yet: the select then shows none chosen.
  const ref: DatasetRef = useEditorState(store, (s) => s.history.present.dataset) ?? {};
  const known = datasets.some((d) => d.id === ref.id);
  // A file of the user's own (or a set this host does not list) stays shown as chosen.
  const own = ref.file !== undefined ? `file:${ref.file}` : null;
  const value = own ?? ref.id ?? '';
  return (
    <div className="field">
      <label htmlFor={id}>Dataset</label>
      <select
        id={id}
        className="select"
        data-field="dataset"
        value={value}
        onChange={(e) => {
          if (e.target.value === own) return;
          store.dispatch({ type: 'edit', edits: [{ type: 'setDataset', dataset: { id: e.target.value } }] });
        }}
      >
        {own && <option value={own}>{baseName(ref.file!)}</option>}
        {!own && !known && <option value={ref.id ?? ''}>{ref.id ?? '—'}</option>}
        {datasets.map((d) => (
          <option key={d.id} value={d.id} disabled={!d.available} title={d.reason}>
            {d.name}
            {d.available ? '' : ' (unavailable)'}
          </option>
        ))}
      </select>
      {hint && <div className="hint">{own ? 'Your own data file (change it in the Data view).' : datasets.find((d) => d.id === ref.id)?.description}</div>}
    </div>
  );
}
