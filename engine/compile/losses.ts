// The six losses of the training configuration, with Keras's definitions, as functions of
// encoded targets and predictions that return the batch mean. Predictions are clipped away
// from 0 and 1 before a logarithm, as Keras does, so a saturated sigmoid gives a large but
// finite loss.
import * as tf from '@tensorflow/tfjs-core';
import type { LossName } from '../project/types.js';

const EPSILON = 1e-7;

export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

function crossentropy(oneHot: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  const p = tf.clipByValue(tf.div(yPred, tf.sum(yPred, -1, true)), EPSILON, 1 - EPSILON);
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.log(p)), -1))) as tf.Scalar;
}

export const LOSS_FUNCTIONS: Record<LossName, LossFn> = {
  meanSquaredError: (t, p) => tf.mean(tf.squaredDifference(t, p)) as tf.Scalar,
  meanAbsoluteError: (t, p) => tf.mean(tf.abs(tf.sub(t, p))) as tf.Scalar,
  binaryCrossentropy: (t, p) => {
    const q = tf.clipByValue(p, EPSILON, 1 - EPSILON);
    return tf.neg(tf.mean(tf.add(tf.mul(t, tf.log(q)), tf.mul(tf.sub(1, t), tf.log(tf.sub(1, q)))))) as tf.Scalar;
  },
  categoricalCrossentropy: crossentropy,
  // Targets are class indices [batch]; the one-hot is made here, on the device.
  sparseCategoricalCrossentropy: (t, p) => crossentropy(tf.oneHot(tf.cast(tf.reshape(t, [-1]), 'int32'), p.shape[p.shape.length - 1]!), p),
  // Targets are already -1/+1 (the head encodes classes that way for hinge).
  hinge: (t, p) => tf.mean(tf.relu(tf.sub(1, tf.mul(t, p)))) as tf.Scalar,
};

export function lossFunction(name: LossName): LossFn {
  const fn = LOSS_FUNCTIONS[name];
  if (!fn) throw new Error(`unknown loss '${name}' (known: ${Object.keys(LOSS_FUNCTIONS).join(', ')})`);
  return fn;
}
