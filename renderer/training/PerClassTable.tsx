// Precision, recall and F1 per class, with the macro average.
import type { Evaluation } from '../../electron/contract.js';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export function PerClassTable({ evaluation }: { evaluation: Evaluation }) {
  const rows = evaluation.perClass ?? [];
  if (!rows.length) return null;
  return (
    <table className="tbl" data-view="per-class">
      <thead>
        <tr>
          <th>Class</th>
          <th className="num">Precision</th>
          <th className="num">Recall</th>
          <th className="num">F1</th>
          <th className="num">Support</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name}>
            <td>{r.name}</td>
            <td className="num">{pct(r.precision)}</td>
            <td className="num">{pct(r.recall)}</td>
            <td className="num">{pct(r.f1)}</td>
            <td className="num">{r.support}</td>
          </tr>
        ))}
        {evaluation.macro && (
          <tr>
            <td>
              <b>macro average</b>
            </td>
            <td className="num">{pct(evaluation.macro.precision)}</td>
            <td className="num">{pct(evaluation.macro.recall)}</td>
            <td className="num">{pct(evaluation.macro.f1)}</td>
            <td className="num">{rows.reduce((a, r) => a + r.support, 0)}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
