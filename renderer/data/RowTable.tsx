// The first rows of a tabular set, features as the network sees them, with the label.
import type { DatasetPreviewWire } from '../../electron/contract.js';

export function RowTable({ table, labelName }: { table: NonNullable<DatasetPreviewWire['table']>; labelName: string }) {
  return (
    <div className="rows-wrap">
      <table className="rows" data-view="rows" data-rows={table.rows.length}>
        <thead>
          <tr>
            <th>#</th>
            {table.columns.map((c, i) => (
              <th key={i}>{c}</th>
            ))}
            <th className="label-col">{labelName}</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              <td className="muted">{r + 1}</td>
              {row.map((v, c) => (
                <td key={c}>{v}</td>
              ))}
              <td className="label-col">{table.labels[r]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
