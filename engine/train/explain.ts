// Words for the user when training breaks down numerically.
import type { Split } from '../data/types.js';

export class NonFiniteLossError extends Error {
  constructor(message: string, readonly epoch: number, readonly batch: number) {
    super(message);
    this.name = 'NonFiniteLossError';
  }
}

function largestMagnitude(split: Split): number {
  let max = 0;
  for (let i = 0; i < split.x.length; i++) {
    const v = Math.abs(split.x[i]!);
    if (v > max) max = v;
  }
  return max;
}

/** "loss became NaN at epoch 2, batch 17: the learning rate 5 is probably too high, …" */
export function nonFiniteLoss(loss: number, epoch: number, batch: number, learningRate: number, train: Split): NonFiniteLossError {
  const what = Number.isNaN(loss) ? 'NaN' : 'infinite';
  const suggestion = learningRate > 0.01 ? 0.01 : Number((learningRate / 10).toPrecision(2));
  const range = largestMagnitude(train);
  const scaling =
    range > 10
      ? `the inputs are not scaled (they reach ${Number(range.toPrecision(3))}) — scale them to [0, 1] (divide pixels by 255) or normalise them`
      : 'the inputs are not scaled — scale pixels to [0, 1] and normalise other features';
  return new NonFiniteLossError(
    `loss became ${what} at epoch ${epoch}, batch ${batch}: the learning rate ${learningRate} is probably too high, or ${scaling}; try a learning rate of ${suggestion}`,
    epoch,
    batch,
  );
}
