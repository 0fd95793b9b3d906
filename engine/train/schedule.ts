// Learning-rate schedules: step decay multiplies the rate by `factor` every `every` epochs;
// exponential decay (Keras ExponentialDecay, continuous) multiplies it by
// decayRate^(step / decaySteps), where step counts batches since the start.
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
  if (s.kind === 'step') {
    if (!(Number.isInteger(s.every) && s.every >= 1)) return `training.lrSchedule.every must be a whole number ≥ 1, got ${JSON.stringify(s.every)}`;
    if (!(s.factor > 0)) return `training.lrSchedule.factor must be > 0, got ${JSON.stringify(s.factor)}`;
    return null;
  }
  if (s.kind === 'exponential') {
    if (!(s.decayRate > 0)) return `training.lrSchedule.decayRate must be > 0, got ${JSON.stringify(s.decayRate)}`;
    if (!(s.decaySteps > 0)) return `training.lrSchedule.decaySteps must be > 0, got ${JSON.stringify(s.decaySteps)}`;
    return null;
  }
  return `training.lrSchedule.kind must be 'step' or 'exponential', got ${JSON.stringify((s as { kind: unknown }).kind)}`;
}
