// The confusion matrix as a heatmap: rows are the true classes, columns the predictions;
// each cell's colour is its share of the row, so skewed classes stay readable. With `onCell`
// each cell is a button that opens its test samples (renderer/views/ErrorsView.tsx).
export interface CellRef {
  actual: number;
  predicted: number;
}

export function ConfusionMatrix({ matrix, classNames, onCell, selected }: { matrix: number[][]; classNames?: string[]; onCell?: (cell: CellRef) => void; selected?: CellRef | null }) {
  const names = matrix.map((_, i) => classNames?.[i] ?? String(i));
  return (
    <div data-view="confusion-matrix" style={{ overflow: 'auto' }}>
      <table className={`cm${onCell ? ' clickable' : ''}`} aria-label="Confusion matrix">
        <thead>
          <tr>
            <th className="axis">true ↓ / predicted →</th>
            {names.map((n) => (
              <th key={n}>{n}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, i) => {
            const total = row.reduce((a, b) => a + b, 0) || 1;
            return (
              <tr key={i}>
                <th style={{ textAlign: 'right' }}>{names[i]}</th>
                {row.map((v, j) => {
                  const share = v / total;
                  const hue = i === j ? '152 60% 40%' : '0 70% 55%';
                  const title = `true ${names[i]}, predicted ${names[j]}: ${v} (${(share * 100).toFixed(1)} %)`;
                  const on = selected?.actual === i && selected.predicted === j;
                  return (
                    <td
                      key={j}
                      data-cell={`${i}-${j}`}
                      data-count={v}
                      className={on ? 'on' : undefined}
                      title={onCell ? `${title} — click to see them` : title}
                      style={{ background: v ? `hsl(${hue} / ${0.12 + share * 0.78})` : 'var(--surface-2)', color: share > 0.55 ? '#fff' : 'var(--text)' }}
                    >
                      {onCell ? (
                        <button type="button" className="cm-cell" aria-pressed={on} aria-label={`true ${names[i]}, predicted ${names[j]}: ${v}`} onClick={() => onCell({ actual: i, predicted: j })}>
                          {v}
                        </button>
                      ) : (
                        v
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
