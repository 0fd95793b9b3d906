// The test examples of one confusion-matrix cell (see ./cell.schema.ts).
import { classifies, round7, testPredictions } from './predictions.js';
import { rawExample } from './samples.js';
import type { InspectParams, InspectReply } from './schemas.js';
import type { InspectCompute } from './types.js';

/** As samples.ts rounds raw inputs: whole pixels stay whole, other values keep 6 digits. */
const round = (v: number) => (Number.isInteger(v) ? v : Number(v.toPrecision(6)));

export const cell: InspectCompute<InspectParams<'cell'>, InspectReply<'cell'>> = {
  applies: classifies,
  async compute(ctx, p) {
    const t = await testPredictions(ctx);
    const k = t.classes;
    for (const [what, c] of [['actual', p.actual], ['predicted', p.predicted]] as const)
      if (c >= k) throw new Error(`${what} class ${c} is not one of the run's ${k} classes (0–${k - 1})`);
    if (p.threshold !== undefined && !t.positive) throw new Error(`a threshold needs two classes; this run has ${k}`);
    // At a threshold, the score as the wire carries it (round7), so the renderer counting the
    // `scores` reply gets these very cells.
    const guess = (i: number) => (p.threshold === undefined ? t.predicted[i]! : round7(t.positive![i]!) > p.threshold ? 1 : 0);
    const members: number[] = [];
    for (let i = 0; i < t.count; i++) if (t.actual[i] === p.actual && guess(i) === p.predicted) members.push(i);
    const conf = (i: number) => t.probs[i * k + p.predicted]!;
    // Most confident first: the cell's surest mistakes (or successes) lead; ties by index.
    members.sort((a, b) => conf(b) - conf(a) || a - b);
    const ds = ctx.dataset;
    return {
      actual: p.actual,
      predicted: p.predicted,
      ...(p.threshold === undefined ? {} : { threshold: p.threshold }),
      total: members.length,
      offset: p.offset,
      count: t.count,
      inputShape: ds.inputShape,
      classNames: t.classNames,
      ...(ds.featureNames ? { featureNames: ds.featureNames } : {}),
      items: members.slice(p.offset, p.offset + p.limit).map((index) => ({
        index,
        confidence: Number(conf(index).toPrecision(6)),
        ...(t.positive ? { positive: Number(t.positive[index]!.toPrecision(6)) } : {}),
        x: Array.from(rawExample(ds, ds.test, index), round),
      })),
    };
  },
};
