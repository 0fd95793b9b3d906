// Examples per class as horizontal bars, so a skewed set looks skewed at a glance.
import { classColor } from './colors.js';

export function ClassBalance({ names, counts }: { names: string[]; counts: number[] }) {
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  const max = Math.max(1, ...counts);
  return (
    <div className="balance" data-view="class-balance" data-classes={names.length}>
      {names.map((name, i) => {
        const n = counts[i] ?? 0;
        return (
          <div className="balance-row" key={i} data-class={name} data-count={n}>
            <span className="balance-name" title={name}>
              <span className="swatch" style={{ background: classColor(i) }} />
              {name}
            </span>
            <span className="balance-track">
              <span className="balance-bar" style={{ width: `${(n / max) * 100}%`, background: classColor(i) }} />
            </span>
            <span className="balance-count">
              {n.toLocaleString('en-US')} <small>{((n / total) * 100).toFixed(1)} %</small>
            </span>
          </div>
        );
      })}
    </div>
  );
}
