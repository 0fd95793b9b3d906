// Two-class metrics at a decision threshold: an example is predicted positive when its
// positive-class score is above the threshold (strictly, as the evaluation's sigmoid rule
// `p > 0.5` in compile/head.ts), so at 0.5 these counts are the run's confusion matrix.
// Pure (no tfjs): the renderer's threshold slider imports it.

/** A ratio kept with its parts, so a view can say "0 of 0" instead of a bare 0. */
export interface Ratio {
  /** num / den, and 0 when den is 0 (as metricsFromConfusion counts it). */
  value: number;
  num: number;
  den: number;
}

export interface BinaryMetrics {
  /** Rows true class, columns predicted: [[TN, FP], [FN, TP]]. */
  confusion: [[number, number], [number, number]];
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  accuracy: Ratio;
  /** TP / (TP + FP): of the examples flagged positive, how many are. 0 of 0 when none is flagged. */
  precision: Ratio;
  /** TP / (TP + FN): of the positive examples, how many were flagged. */
  recall: Ratio;
  /** 2PR / (P + R), 0 when P + R is 0. */
  f1: number;
}

const ratio = (num: number, den: number): Ratio => ({ value: den === 0 ? 0 : num / den, num, den });

/** The counts of scores against labels (1 positive, anything else negative) at `threshold`. */
export function confusionAtThreshold(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): [[number, number], [number, number]] {
  if (scores.length !== labels.length) throw new Error(`${scores.length} scores but ${labels.length} labels`);
  let tn = 0, fp = 0, fn = 0, tp = 0;
  for (let i = 0; i < scores.length; i++) {
    const flagged = scores[i]! > threshold;
    if (labels[i] === 1) flagged ? tp++ : fn++;
    else flagged ? fp++ : tn++;
  }
  return [[tn, fp], [fn, tp]];
}

/** Accuracy, precision, recall and F1 of the positive class (1) from a 2×2 matrix. */
export function binaryMetrics(confusion: readonly (readonly number[])[]): BinaryMetrics {
  if (confusion.length !== 2 || confusion.some((r) => r.length !== 2)) throw new Error('binaryMetrics needs a 2×2 confusion matrix');
  const [[tn, fp], [fn, tp]] = confusion as [[number, number], [number, number]];
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const pr = precision.value + recall.value;
  return {
    confusion: [[tn, fp], [fn, tp]],
    tp, fp, fn, tn,
    accuracy: ratio(tp + tn, tp + tn + fp + fn),
    precision,
    recall,
    f1: pr === 0 ? 0 : (2 * precision.value * recall.value) / pr,
  };
}

/** Both at once: the metrics of `scores` at `threshold`. */
export function metricsAtThreshold(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): BinaryMetrics {
  return binaryMetrics(confusionAtThreshold(scores, labels, threshold));
}
