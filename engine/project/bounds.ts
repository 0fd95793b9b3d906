// The range of each numeric setting of the project document, in one place: the schema
// (schema.ts) builds its number checks from it, the trainer words its refusals with it, and
// the training form limits its fields by it, so that none of them can accept what another
// refuses.
import { z } from 'zod';

export interface Bound {
  min?: number;
  /** The minimum itself is not allowed (a learning rate must be > 0). */
  minExclusive?: boolean;
  max?: number;
  /** The maximum itself is not allowed (a validation split must be < 1). */
  maxExclusive?: boolean;
  integer?: boolean;
}

export const TRAINING_BOUNDS = {
  learningRate: { min: 0, minExclusive: true },
  momentum: { min: 0 },
  beta1: { min: 0, max: 1, maxExclusive: true },
  beta2: { min: 0, max: 1, maxExclusive: true },
  epsilon: { min: 0, minExclusive: true },
  rho: { min: 0 },
  epochs: { min: 1, integer: true },
  batchSize: { min: 1, integer: true },
  /** The fraction of the training split held out for validation. */
  validationSplit: { min: 0, max: 1, maxExclusive: true },
  patience: { min: 0, integer: true },
  minDelta: { min: 0 },
  /** Step decay: epochs between two reductions, and the factor of each. */
  every: { min: 1, integer: true },
  factor: { min: 0, minExclusive: true },
  /** Exponential decay: the rate, and the batches over which it applies once (any positive
   *  number, as Keras's ExponentialDecay takes it: the exponent is step / decaySteps). */
  decayRate: { min: 0, minExclusive: true },
  decaySteps: { min: 0, minExclusive: true },
} as const satisfies Record<string, Bound>;

export type TrainingSetting = keyof typeof TRAINING_BOUNDS;

/** Whether `v` is a number the bound allows. */
export function inBound(b: Bound, v: unknown): v is number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return false;
  if (b.integer && !Number.isInteger(v)) return false;
  if (b.min !== undefined && (b.minExclusive ? !(v > b.min) : !(v >= b.min))) return false;
  if (b.max !== undefined && (b.maxExclusive ? !(v < b.max) : !(v <= b.max))) return false;
  return true;
}

/** The bound in words, as refusals say it: "a whole number ≥ 1", "in [0, 1)", "> 0". */
export function boundText(b: Bound): string {
  const lo = b.min === undefined ? null : `${b.minExclusive ? '>' : '≥'} ${b.min}`;
  if (b.max !== undefined && b.min !== undefined) {
    const range = `in ${b.minExclusive ? '(' : '['}${b.min}, ${b.max}${b.maxExclusive ? ')' : ']'}`;
    return b.integer ? `a whole number ${range}` : range;
  }
  const hi = b.max === undefined ? null : `${b.maxExclusive ? '<' : '≤'} ${b.max}`;
  const cmp = lo ?? hi ?? '';
  return b.integer ? `a whole number${cmp ? ` ${cmp}` : ''}` : cmp || 'a number';
}

/** A zod number held to the bound. */
export function boundedNumber(b: Bound): z.ZodNumber {
  let n = z.number();
  if (b.integer) n = n.int();
  if (b.min !== undefined) n = b.minExclusive ? n.gt(b.min) : n.min(b.min);
  if (b.max !== undefined) n = b.maxExclusive ? n.lt(b.max) : n.max(b.max);
  return n;
}

/** The trainer's own check of a setting (it may be given a project no schema saw): null or
 *  the refusal, naming the setting by its path, e.g. "training.epochs must be a whole number ≥ 1, got 0". */
export function settingProblem(path: string, b: Bound, v: unknown): string | null {
  return inBound(b, v) ? null : `${path} must be ${boundText(b)}, got ${JSON.stringify(v)}`;
}
