// A CSV file's columns and what the loader made of each — numeric, categorical (one-hot), the
// label, an identifier left out — with a choice per column. A choice sets the dataset option
// `columns` in the project (one undoable edit); "as detected" removes it.
import { choicesFor, describeColumn, type ColumnChoice, type ColumnWire } from './columnTypes.js';

export interface ColumnTypesProps {
  columns: ColumnWire[];
  /** The project's `columns` option. */
  choices: Record<string, ColumnChoice>;
  warnings?: string[];
  onChoose(name: string, choice: ColumnChoice | null): void;
}

export function ColumnTypes({ columns, choices, warnings, onChoose }: ColumnTypesProps) {
  return (
    <div className="col-types">
      {warnings?.map((w, i) => (
        <div key={i} className="data-warning" data-data-warning>
          {w}
        </div>
      ))}
      <table className="rows col-table" data-view="column-types">
        <thead>
          <tr>
            <th>Column</th>
            <th>Type</th>
            <th>Means</th>
            <th>Read as</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => {
            const d = describeColumn(c);
            const id = `col-type-${c.name}`;
            return (
              <tr key={c.name} data-column={c.name} data-type={d.type}>
                <td className="col-name">{c.name}</td>
                <td>
                  <span className={`tag col-tag col-${d.type}`}>{d.type === 'identifier' ? 'identifier · left out' : d.type === 'ignored' ? 'left out' : d.type}</span>
                </td>
                <td className="muted col-detail">{d.detail}</td>
                <td>
                  <select
                    className="select"
                    id={id}
                    aria-label={`Read column ${c.name} as`}
                    value={choices[c.name] ?? ''}
                    onChange={(e) => onChoose(c.name, (e.target.value || null) as ColumnChoice | null)}
                  >
                    <option value="">as detected</option>
                    {choicesFor(c).map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.text}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
