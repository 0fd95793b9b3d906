// Early stopping: watches one epoch metric, remembers the best epoch, and says when
// `patience` epochs have passed without an improvement of more than minDelta (Keras rules).
import type { EarlyStoppingConfig } from '../project/types.js';
import type { Metrics } from './events.js';

export class EarlyStopping {
  readonly monitor: string;
  private readonly sign: number;
  best = Infinity;
  bestEpoch = 0;
  private wait = 0;

  constructor(private readonly cfg: EarlyStoppingConfig, hasValidation: boolean) {
    // Without a validation split there is no val_ metric; watch the training one instead.
    this.monitor = hasValidation ? cfg.monitor : cfg.monitor.replace(/^val_/, '');
    this.sign = this.monitor.endsWith('accuracy') ? -1 : 1;
  }

  /** Records an epoch; returns whether it is the new best and whether training should stop. */
  update(epoch: number, metrics: Metrics): { improved: boolean; stop: boolean } {
    const v = metrics[this.monitor];
    if (v === undefined || Number.isNaN(v)) throw new Error(`early stopping watches '${this.monitor}', which this run does not report (it reports ${Object.keys(metrics).join(', ')})`);
    const score = this.sign * v;
    if (score < this.best - (this.cfg.minDelta ?? 0)) {
      this.best = score;
      this.bestEpoch = epoch;
      this.wait = 0;
      return { improved: true, stop: false };
    }
    this.wait++;
    return { improved: false, stop: this.wait >= this.cfg.patience };
  }

  get bestValue(): number {
    return this.sign * this.best;
  }
}
