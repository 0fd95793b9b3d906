// The list of datasets to choose from (teaching sets, real data, the project's own file),
// with the unavailable ones shown disabled and why, and the CSV import.
import type { DatasetSummaryWire } from '../../electron/contract.js';
import type { DatasetRef } from '../../engine/project/types.js';

export interface PickerProps {
  datasets: DatasetSummaryWire[];
  current: DatasetRef;
  onPick(id: string): void;
  onImport(): void;
  /** An image folder: one sub-folder of images per class. */
  onImportImages?(): void;
  importing: boolean;
  /** Column names of the current CSV file, when known: the label column choice. */
  columns: string[] | null;
  onLabelColumn(name: string): void;
}

function Item({ d, selected, onPick }: { d: DatasetSummaryWire; selected: boolean; onPick(id: string): void }) {
  return (
    <button
      className="ds-item"
      data-dataset={d.id}
      aria-pressed={selected}
      disabled={!d.available}
      title={d.available ? d.description : d.reason}
      onClick={() => onPick(d.id)}
    >
      <span className="ds-name">
        {d.name}
        <span className="tag">{d.task}</span>
      </span>
      {!d.available && <span className="ds-reason">{d.reason ?? 'unavailable here'}</span>}
    </button>
  );
}

export function DatasetPicker(p: PickerProps) {
  const file = p.current.file;
  const groups: [string, DatasetSummaryWire[]][] = [
    ['Teaching sets', p.datasets.filter((d) => d.format === 'generated')],
    ['Real data', p.datasets.filter((d) => d.format !== 'generated')],
  ];
  const label = p.current.options?.labelColumn;
  return (
    <aside className="panel left" aria-label="Datasets">
      <div className="panel-head">Datasets</div>
      <div className="panel-body ds-list">
        {groups.map(([title, list]) =>
          list.length ? (
            <section key={title}>
              <div className="pal-cat">{title}</div>
              {list.map((d) => (
                <Item key={d.id} d={d} selected={!file && p.current.id === d.id} onPick={p.onPick} />
              ))}
            </section>
          ) : null,
        )}
        <section>
          <div className="pal-cat">Your data</div>
          {file && (
            <div className="ds-item" aria-pressed="true" data-dataset-file={baseName(file)}>
              <span className="ds-name">
                {baseName(file)}
                <span className="tag">{p.current.format ?? 'file'}</span>
              </span>
            </div>
          )}
          {file && p.columns && (
            <div className="field" style={{ marginTop: 8 }}>
              <label htmlFor="data-label-column">Label column</label>
              <select
                id="data-label-column"
                className="select"
                value={typeof label === 'string' ? label : typeof label === 'number' ? (p.columns[label] ?? '') : (p.columns.at(-1) ?? '')}
                onChange={(e) => p.onLabelColumn(e.target.value)}
              >
                {p.columns.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </div>
          )}
          <button className="btn" style={{ width: '100%', justifyContent: 'center', marginTop: 8 }} disabled={p.importing} onClick={p.onImport} data-action="import-data">
            {p.importing ? 'Importing…' : 'Import CSV…'}
          </button>
          <div className="hint">A CSV file with one example per row; the last column is the label unless you choose another.</div>
          {p.onImportImages && (
            <>
              <button className="btn" style={{ width: '100%', justifyContent: 'center', marginTop: 8 }} disabled={p.importing} onClick={p.onImportImages} data-action="import-images">
                Import image folder…
              </button>
              <div className="hint">A folder with one sub-folder of images per class (cat/, dog/, …); read as 28×28 grayscale unless you choose otherwise.</div>
            </>
          )}
        </section>
      </div>
    </aside>
  );
}

/** A file's name without its folders (either separator: the host may be Windows). */
export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
