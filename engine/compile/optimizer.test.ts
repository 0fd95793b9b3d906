import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-layers registers the gradient functions of tfjs-core's ops.
import '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPTIMIZERS, type OptimizerConfig } from '../project/types.js';
import { getLearningRate, makeOptimizer, setLearningRate } from './optimizer.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Minimises (w - 3)² for 200 steps and returns w. */
function descend(cfg: OptimizerConfig): number {
  const opt = makeOptimizer(cfg);
  const w = tf.variable(tf.scalar(0));
  for (let i = 0; i < 200; i++) step(opt, w);
  const v = w.dataSync()[0]!;
  w.dispose();
  opt.dispose();
  return v;
}

/** One step on (w - 3)². */
function step(opt: tf.Optimizer, w: tf.Variable): void {
  tf.tidy(() => {
    opt.minimize(() => tf.square(tf.sub(w, 3)) as tf.Scalar, false, [w]);
  });
}

describe('optimizers', () => {
  it('every optimizer of the configuration descends', () => {
    const lr: Record<string, number> = { sgd: 0.1, adagrad: 0.5, adadelta: 50, adam: 0.1, adamax: 0.1, rmsprop: 0.05 };
    for (const kind of OPTIMIZERS) expect(descend({ kind, learningRate: lr[kind]! }), kind).toBeCloseTo(3, 0);
  });

  it('sgd takes momentum and Nesterov', () => {
    const plain = makeOptimizer({ kind: 'sgd', learningRate: 0.1 });
    const nesterov = makeOptimizer({ kind: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: true });
    expect(plain.getClassName()).toBe('SGD');
    expect(nesterov.getClassName()).toBe('Momentum');
    expect(nesterov.getConfig()).toMatchObject({ momentum: 0.9, useNesterov: true });
    // Momentum accelerates a slow plain step: after 20 steps at lr 0.01 it is nearer the minimum.
    const slow = descendSteps({ kind: 'sgd', learningRate: 0.01 }, 20);
    const fast = descendSteps({ kind: 'sgd', learningRate: 0.01, momentum: 0.9 }, 20);
    expect(Math.abs(3 - fast)).toBeLessThan(Math.abs(3 - slow));
    plain.dispose();
    nesterov.dispose();
  });

  it('adadelta follows Keras (tfjs 4.22 divides by the stale accumulator)', () => {
    const opt = makeOptimizer({ kind: 'adadelta', learningRate: 1 });
    const w = tf.variable(tf.scalar(0));
    step(opt, w);
    // g = -6: update = sqrt(0 + ε) / sqrt(0.05·36 + ε) · g, far smaller than tfjs's full step of 6.
    expect(w.dataSync()[0]).toBeCloseTo((Math.sqrt(1e-7) / Math.sqrt(1.8 + 1e-7)) * 6, 6);
    w.dispose();
    opt.dispose();
  });

  it('passes options with Keras defaults', () => {
    expect(makeOptimizer({ kind: 'adam', learningRate: 0.01 }).getConfig()).toMatchObject({ learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
    expect(makeOptimizer({ kind: 'adam', learningRate: 0.01, beta1: 0.5 }).getConfig()).toMatchObject({ beta1: 0.5 });
    expect(makeOptimizer({ kind: 'rmsprop', learningRate: 0.001, rho: 0.8, momentum: 0.1 }).getConfig()).toMatchObject({ decay: 0.8, momentum: 0.1 });
    expect(makeOptimizer({ kind: 'adadelta', learningRate: 1 }).getConfig()).toMatchObject({ rho: 0.95 });
    expect(() => makeOptimizer({ kind: 'adam', learningRate: 0 })).toThrow(/learningRate must be a number > 0, got 0/);
    expect(() => makeOptimizer({ kind: 'nadam' as never, learningRate: 0.1 })).toThrow(/'nadam' is not one of/);
  });

  it('changes the learning rate between steps, for every kind', () => {
    for (const kind of OPTIMIZERS) {
      const opt = makeOptimizer({ kind, learningRate: 0.1 });
      setLearningRate(opt, 0.025);
      expect(getLearningRate(opt), kind).toBe(0.025);
      opt.dispose();
    }
    // And it takes effect: a rate of 0 leaves the variable where it is.
    const opt = makeOptimizer({ kind: 'sgd', learningRate: 0.1 });
    setLearningRate(opt, 0);
    const w = tf.variable(tf.scalar(1));
    tf.tidy(() => {
      opt.minimize(() => tf.square(w) as tf.Scalar, false, [w]);
    });
    expect(w.dataSync()[0]).toBe(1);
    w.dispose();
    opt.dispose();
  });
});

function descendSteps(cfg: OptimizerConfig, steps: number): number {
  const opt = makeOptimizer(cfg);
  const w = tf.variable(tf.scalar(0));
  for (let i = 0; i < steps; i++) step(opt, w);
  const v = w.dataSync()[0]!;
  w.dispose();
  opt.dispose();
  return v;
}
