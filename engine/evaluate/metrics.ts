// Classification metrics from a confusion matrix, with the lecture's definitions:
// precision = TP / (TP + FP), recall = TP / (TP + FN), F1 their harmonic mean, each 0 when
// its denominator is 0. Rows are true classes, columns predicted classes.

export interface ClassMetrics {
  name: string;
  precision: number;
  recall: number;
  f1: number;
  /** Examples whose true class this is (the row sum). */
  support: number;
}

export interface ConfusionMetrics {
  accuracy: number;
  confusion: number[][];
  classNames: string[];
  perClass: ClassMetrics[];
  /** Unweighted means over the classes. */
  macro: { precision: number; recall: number; f1: number };
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** Pure. Throws when the matrix is not square. */
export function metricsFromConfusion(matrix: number[][], classNames?: string[]): ConfusionMetrics {
  const k = matrix.length;
  for (const [i, row] of matrix.entries())
    if (row.length !== k) throw new Error(`confusion matrix must be square: row ${i} has ${row.length} entries, expected ${k}`);
  let total = 0;
  let correct = 0;
  const colSums = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const v = matrix[i]![j]!;
      total += v;
      colSums[j]! += v;
      if (i === j) correct += v;
    }
  const perClass = matrix.map((row, i) => {
    const tp = row[i]!;
    const support = row.reduce((a, b) => a + b, 0);
    const precision = ratio(tp, colSums[i]!);
    const recall = ratio(tp, support);
    return { name: classNames?.[i] ?? `class ${i}`, precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  const mean = (f: (c: ClassMetrics) => number) => ratio(perClass.reduce((a, c) => a + f(c), 0), k);
  return {
    accuracy: ratio(correct, total),
    confusion: matrix.map((r) => [...r]),
    classNames: perClass.map((c) => c.name),
    perClass,
    macro: { precision: mean((c) => c.precision), recall: mean((c) => c.recall), f1: mean((c) => c.f1) },
  };
}

/** The precision/recall reported as training metrics: of the positive class (1) for two
 *  classes, the macro average otherwise. */
export function headlineMetrics(m: ConfusionMetrics): { accuracy: number; precision: number; recall: number } {
  if (m.perClass.length === 2) return { accuracy: m.accuracy, precision: m.perClass[1]!.precision, recall: m.perClass[1]!.recall };
  return { accuracy: m.accuracy, precision: m.macro.precision, recall: m.macro.recall };
}
