// Optimizers of the training configuration with their options and Keras's defaults, and
// a way to change the learning rate between steps (for learning-rate schedules).
import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerConfig } from '../project/types.js';
import { KerasAdadelta } from './adadelta.js';

export function makeOptimizer(cfg: OptimizerConfig): tf.Optimizer {
  const lr = cfg.learningRate;
  if (!(typeof lr === 'number' && Number.isFinite(lr) && lr > 0))
    throw new Error(`training.optimizer.learningRate must be a number > 0, got ${JSON.stringify(lr)}`);
  switch (cfg.kind) {
    case 'sgd':
      return cfg.momentum || cfg.nesterov ? tf.train.momentum(lr, cfg.momentum ?? 0, cfg.nesterov ?? false) : tf.train.sgd(lr);
    case 'adagrad':
      return tf.train.adagrad(lr);
    case 'adadelta':
      return new KerasAdadelta(lr, cfg.rho ?? 0.95, cfg.epsilon ?? 1e-7);
    case 'adam':
      return tf.train.adam(lr, cfg.beta1 ?? 0.9, cfg.beta2 ?? 0.999, cfg.epsilon ?? 1e-7);
    case 'adamax':
      return tf.train.adamax(lr, cfg.beta1 ?? 0.9, cfg.beta2 ?? 0.999, cfg.epsilon ?? 1e-7);
    case 'rmsprop':
      return tf.train.rmsprop(lr, cfg.rho ?? 0.9, cfg.momentum ?? 0, cfg.epsilon ?? 1e-7);
    default:
      throw new Error(`training.optimizer.kind '${(cfg as { kind: string }).kind}' is not one of sgd, adagrad, adadelta, adam, adamax, rmsprop`);
  }
}

/** Sets the learning rate used by the next step. SGD and momentum keep it as a constant
 *  tensor (setLearningRate); the others read their learningRate field on every step. */
export function setLearningRate(opt: tf.Optimizer, lr: number): void {
  const o = opt as unknown as { setLearningRate?: (lr: number) => void; learningRate: number };
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}

export function getLearningRate(opt: tf.Optimizer): number {
  return (opt as unknown as { learningRate: number }).learningRate;
}
