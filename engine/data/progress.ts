// Progress while a dataset loads ("12,000 of 60,000 images"), so a long wait is never silent.
// Readers call their hook on every item; the throttle here keeps listeners (and the IPC
// behind them) to a bounded rate: one report per 5 % or per 100 ms, and always the last.

export type ProgressUnit = 'images' | 'rows' | 'files';
export type OnProgress = (done: number, total: number, unit: ProgressUnit) => void;
/** What a reader calls: items done so far, of how many. */
export type Report = (done: number, total: number) => void;

export function throttle(cb: OnProgress, unit: ProgressUnit, ms = 100, now: () => number = Date.now): Report {
  let lastDone = -1;
  let lastTotal = -1;
  let lastAt = -Infinity;
  let calls = 0;
  return (done, total) => {
    if (done <= lastDone && total === lastTotal) return;
    const end = done >= total;
    if (!end && lastDone >= 0 && done - lastDone < Math.max(1, total / 20)) {
      // The clock is read only now and then: rows can come a million a second.
      if (++calls % 64 !== 0) return;
      if (now() - lastAt < ms) return;
    }
    lastDone = Math.max(lastDone, done);
    lastTotal = total;
    lastAt = now();
    cb(Math.min(done, total), total, unit);
  };
}

/** Sums the progress of parts read at the same time (train and test images). Nothing is
 *  reported until every part made so far has said its total, so the whole does not jump
 *  from 60,000 to 70,000 when the second file's header arrives. */
export function parts(report: Report | undefined): () => Report | undefined {
  if (!report) return () => undefined;
  const done: number[] = [];
  const total: (number | null)[] = [];
  return () => {
    const i = done.length;
    done.push(0);
    total.push(null);
    return (d, t) => {
      done[i] = d;
      total[i] = t;
      if (total.some((x) => x === null)) return;
      report(done.reduce((a, b) => a + b, 0), total.reduce<number>((a, b) => a + b!, 0));
    };
  };
}

/** What loadDataset hands its readers: a throttled report in the unit the reader counts. */
export type Progress = (unit: ProgressUnit) => Report;

export function progressOf(cb: OnProgress | undefined): Progress | undefined {
  return cb ? (unit) => throttle(cb, unit) : undefined;
}
