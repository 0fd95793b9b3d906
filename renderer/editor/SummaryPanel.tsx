// The model summary, as Keras prints it: layer, output shape, parameters; then totals.
import { useApp } from '../app/context.js';
import { formatCount, summarize } from '../state/summary.js';

export function SummaryPanel() {
  const { report, store } = useApp();
  const s = summarize(report);
  return (
    <div data-view="summary">
      <table className="tbl">
        <thead>
          <tr>
            <th>Layer (type)</th>
            <th>Output shape</th>
            <th className="num">Param #</th>
          </tr>
        </thead>
        <tbody>
          {s.rows.map((r) => (
            <tr key={r.id} className="clickable" onClick={() => store.dispatch({ type: 'select', selection: { nodes: [r.id], edges: [] } })}>
              <td>
                {r.id} <span className="muted">({r.kind})</span>
              </td>
              <td className="mono">{r.shape}</td>
              <td className="num">{formatCount(r.params)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="totals">
        <span>Total params</span>
        <b data-total-params={s.total}>{formatCount(s.total)}</b>
        <span>Trainable params</span>
        <b data-trainable-params={s.trainable}>{formatCount(s.trainable)}</b>
        <span>Non-trainable params</span>
        <b>{formatCount(s.nonTrainable)}</b>
      </div>
    </div>
  );
}
