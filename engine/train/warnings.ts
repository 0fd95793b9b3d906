// Warnings a run gives as it goes: the network trains, but likely not as meant. Pure
// functions of what the loop knows, so each rule is tested on its own.
import type { OptimizerKind } from '../project/types.js';

/** Epochs the loss must stay flat before a run blames the learning rate. */
export const STUCK_EPOCHS = 5;
/** Flat: over those epochs the loss moved by less than this fraction of itself. */
export const STUCK_RELATIVE_CHANGE = 1e-4;

/**
 * From which learning rate a flat loss is put down to the learning rate, per optimizer, and
 * what to try instead.
 * - adam, adamax, rmsprop, adagrad scale each step to about the learning rate itself,
 *   whatever the gradient: from 1 on, every weight jumps by about 1 per batch, far beyond
 *   the ~0.1 scale weights start at, so units saturate or die and the loss freezes. Their
 *   usual rates are 0.001 (0.01 for adagrad).
 * - adadelta multiplies an already unit-scaled step by the rate (its paper uses 1), so only
 *   from 10 on is it far too high.
 * - sgd steps by rate × gradient, which has no scale-free bound; from 10 on, a flat loss on
 *   scaled data is the rate (its usual one is 0.01).
 * Below these a flat loss has other causes (dead units, a plateau), so nothing is said.
 */
export const LEARNING_RATE_TOO_HIGH: Record<OptimizerKind, { from: number; suggest: number }> = {
  adam: { from: 1, suggest: 0.001 },
  adamax: { from: 1, suggest: 0.001 },
  rmsprop: { from: 1, suggest: 0.001 },
  adagrad: { from: 1, suggest: 0.01 },
  adadelta: { from: 10, suggest: 1 },
  sgd: { from: 10, suggest: 0.01 },
};

/** 1000000 → "1e6", 0.5 → "0.5": rates as people write them. */
export function formatRate(lr: number): string {
  if (lr !== 0 && (Math.abs(lr) >= 1e4 || Math.abs(lr) < 1e-4)) return lr.toExponential().replace(/\.?0*e\+?/, 'e');
  return String(Number(lr.toPrecision(6)));
}

/**
 * The loss-stuck warning, or null: the last STUCK_EPOCHS epochs left the training loss where
 * it was (relative change < STUCK_RELATIVE_CHANGE) while the learning rate is at or above the
 * optimizer's too-high mark. `losses` are the epoch losses so far, oldest first.
 */
export function stuckLossWarning(losses: readonly number[], learningRate: number, optimizer: OptimizerKind): string | null {
  const bound = LEARNING_RATE_TOO_HIGH[optimizer];
  if (!bound || !(learningRate >= bound.from) || losses.length < STUCK_EPOCHS + 1) return null;
  const last = losses.slice(-(STUCK_EPOCHS + 1)); // 6 values span 5 epochs of change
  if (!last.every(Number.isFinite)) return null;
  const hi = Math.max(...last);
  const lo = Math.min(...last);
  const scale = Math.max(Math.abs(hi), Math.abs(lo));
  // A loss at about 0 has nothing left to learn: flat there is success, not a stuck run.
  if (scale < 1e-6 || (hi - lo) / scale >= STUCK_RELATIVE_CHANGE) return null;
  return (
    `the loss has not changed for ${STUCK_EPOCHS} epochs (${Number(last.at(-1)!.toPrecision(5))}) at learning rate ${formatRate(learningRate)}: ` +
    `the learning rate is probably far too high for ${optimizer}; try ${bound.suggest}`
  );
}

/** The words for a batch larger than the training split, which is then trained in one batch. */
export function batchSizeWarning(batchSize: number, trainCount: number, validationCount: number): string {
  const after = validationCount > 0 ? ` (${validationCount} of the split's examples are held out for validation)` : '';
  return (
    `batch size ${batchSize} is larger than the ${trainCount} training example${trainCount === 1 ? '' : 's'}${after}: ` +
    `each epoch trains them as one batch of ${trainCount}; set the batch size to ${trainCount} or less to make this explicit`
  );
}
