// Learning-rate schedules: step decay multiplies the rate by `factor` every `every` epochs;
// exponential decay (Keras ExponentialDecay, continuous) multiplies it by
// decayRate^(step / decaySteps), where step counts batches since the start.
import { settingProblem, TRAINING_BOUNDS } from '../project/bounds.js';
import type { LearningRateSchedule } from '../project/types.js';

/** The learning rate for a batch of 1-based `epoch` after `step` earlier batches. */
export function learningRateAt(initial: number, schedule: LearningRateSchedule | null | undefined, epoch: number, step: number): number {
  if (!schedule) return initial;
  if (schedule.kind === 'step') return initial * schedule.factor ** Math.floor((epoch - 1) / schedule.every);
  return initial * schedule.decayRate ** (step / schedule.decaySteps);
}

/** Says what is wrong with a schedule, or null. */
export function scheduleProblem(s: LearningRateSchedule | null | undefined): string | null {
  if (!s) return null;
  const at = (k: 'every' | 'factor' | 'decayRate' | 'decaySteps', v: unknown) => settingProblem(`training.lrSchedule.${k}`, TRAINING_BOUNDS[k], v);
  if (s.kind === 'step') return at('every', s.every) ?? at('factor', s.factor);
  if (s.kind === 'exponential') return at('decayRate', s.decayRate) ?? at('decaySteps', s.decaySteps);
  return `training.lrSchedule.kind must be 'step' or 'exponential', got ${JSON.stringify((s as { kind: unknown }).kind)}`;
}
