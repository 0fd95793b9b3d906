// The six losses of the training configuration, with Keras's definitions, as functions of
// encoded targets and predictions that return the batch mean. Predictions are clipped away
// from 0 and 1 before a logarithm, as Keras does, so a saturated sigmoid gives a large but
// finite loss.
import * as tf from '@tensorflow/tfjs-core';
import type { LossName } from '../project/types.js';

/** Keras' clipping of predictions before a logarithm; the fused kernels clip by it too. */
export const EPSILON = 1e-7;

export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

// Kernels a backend may provide for `crossentropy` (engine/backend/webgpu/crossentropy.ts and
// engine/backend/wasm/fused-kernels.ts register them under these names): the loss, and its
// gradient w.r.t. the predictions times dy. Asked of tfjs-core by name, so this module does
// not depend on any backend.
export const CROSSENTROPY_KERNEL = 'LayerLabCrossentropy';
export const CROSSENTROPY_GRAD_KERNEL = 'LayerLabCrossentropyGrad';

/** Whether the active backend has both fused kernels and they fit these operands. */
function fusedFits(oneHot: tf.Tensor, yPred: tf.Tensor): boolean {
  const backend = tf.getBackend();
  const classes = yPred.shape[yPred.shape.length - 1];
  return yPred.dtype === 'float32' && yPred.rank >= 1 && !!classes && tf.util.arraysEqual(oneHot.shape, yPred.shape) &&
    !!tf.getKernel(CROSSENTROPY_KERNEL, backend) && !!tf.getKernel(CROSSENTROPY_GRAD_KERNEL, backend);
}

/** The same loss in one kernel forward and one backward (each op of the composed form is a
 *  GPU dispatch, or on wasm a kernel call, with its own host cost). Rows are the last axis; other ranks are reshaped,
 *  which costs no kernel, and the reshape's own gradient takes dp back to yPred's shape. */
function fusedCrossentropy(oneHot: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  const classes = yPred.shape[yPred.shape.length - 1]!;
  const t = yPred.rank === 2 ? oneHot : tf.reshape(oneHot, [-1, classes]);
  const p = yPred.rank === 2 ? yPred : tf.reshape(yPred, [-1, classes]);
  const loss = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [probs, save] = args as [tf.Tensor, tf.GradSaveFunc];
    // Kept for the backward pass: what the forward function makes is disposed after it.
    save([t, probs]);
    return {
      value: tf.engine().runKernel(CROSSENTROPY_KERNEL, { t, p: probs }, {}) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, [ts, ps]: tf.Tensor[]) => tf.engine().runKernel(CROSSENTROPY_GRAD_KERNEL, { t: ts!, p: ps!, dy }, {}) as tf.Tensor,
    };
  });
  return loss(p) as tf.Scalar;
}

function crossentropy(oneHot: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  if (fusedFits(oneHot, yPred)) return fusedCrossentropy(oneHot, yPred);
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
