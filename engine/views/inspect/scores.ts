// Every test example's predicted probabilities and true class (see ./scores.schema.ts).
import { SCORES_ALL_CLASSES, SCORES_ALL_SAMPLES } from './scores.schema.js';
import { classifies, round7, testPredictions } from './predictions.js';
import type { InspectParams, InspectReply } from './schemas.js';
import type { InspectCompute } from './types.js';

export const scores: InspectCompute<InspectParams<'scores'>, InspectReply<'scores'>> = {
  applies: classifies,
  async compute(ctx, p) {
    const t = await testPredictions(ctx);
    const from = Math.min(p.offset, t.count);
    const to = Math.min(t.count, from + p.limit);
    const k = t.classes;
    const base = { count: t.count, offset: from, classNames: t.classNames, actual: Array.from(t.actual.subarray(from, to)), predicted: Array.from(t.predicted.subarray(from, to)) };
    if (t.positive) return { ...base, positive: Array.from(t.positive.subarray(from, to), round7), threshold: 0.5 };
    const confidence: number[] = [];
    for (let i = from; i < to; i++) confidence.push(round7(t.probs[i * k + t.predicted[i]!]!));
    const all = k <= SCORES_ALL_CLASSES && t.count <= SCORES_ALL_SAMPLES;
    const probs = all ? Array.from({ length: to - from }, (_, b) => Array.from(t.probs.subarray((from + b) * k, (from + b + 1) * k), round7)) : undefined;
    return { ...base, confidence, ...(probs ? { probs } : {}) };
  },
};
