// The confusion matrix as a heatmap: rows are the true classes, columns the predictions;
// each cell's colour is its share of the row, so skewed classes stay readable.
export function ConfusionMatrix({ matrix, classNames }: { matrix: number[][]; classNames?: string[] }) {
  const names = matrix.map((_, i) => classNames?.[i] ?? String(i));
  return (
    <div data-view="confusion-matrix" style={{ overflow: 'auto' }}>
      <table className="cm" aria-label="Confusion matrix">
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
                  return (
                    <td
                      key={j}
                      title={`true ${names[i]}, predicted ${names[j]}: ${v} (${(share * 100).toFixed(1)} %)`}
                      style={{ background: v ? `hsl(${hue} / ${0.12 + share * 0.78})` : 'var(--surface-2)', color: share > 0.55 ? '#fff' : 'var(--text)' }}
                    >
                      {v}
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
