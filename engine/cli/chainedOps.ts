// The union package @tensorflow/tfjs registers "chained ops" (t.flatten(), t.toInt(), …) on
// the Tensor class, and tfjs-layers relies on some of them (LSTM's orthogonal initializer
// calls rMat.flatten()). With the split packages in Node nothing registers them, and tfjs-core's
// own register_all_chained_ops cannot be imported by Node (its ESM uses folder imports), so
// the same methods are defined here, each calling the op with the tensor first.
import * as tf from '@tensorflow/tfjs-core';

type Op = (...args: unknown[]) => unknown;

/** Chained ops that are plain `op(this, ...args)`. */
const PLAIN = `abs acos acosh add all any argMax argMin asin asinh atan atan2 atanh avgPool batchToSpaceND
  broadcastTo cast ceil clipByValue conv1d conv2d conv2dTranspose cos cosh cumprod cumsum depthToSpace
  depthwiseConv2d dilation2d div divNoNan dot elu equal erf euclideanNorm exp expandDims expm1 floor
  floorDiv gather greater greaterEqual isFinite isInf isNaN leakyRelu less lessEqual localResponseNormalization
  log log1p logSigmoid logSoftmax logSumExp logicalAnd logicalNot logicalOr logicalXor matMul max maxPool
  maximum mean min minimum mirrorPad mod mul neg norm notEqual oneHot onesLike pad pool pow prelu prod
  reciprocal relu relu6 reshape reverse round rsqrt selu separableConv2d sigmoid sign sin sinh slice
  softmax softplus spaceToBatchND split sqrt square squaredDifference squeeze stridedSlice sub sum tan
  tanh tile topk transpose unique unsortedSegmentSum unstack zerosLike`.split(/\s+/);

const SPECIAL: Record<string, (t: tf.Tensor, ...a: never[]) => unknown> = {
  flatten: (t) => tf.reshape(t, [t.size]),
  asScalar: (t) => tf.reshape(t, []),
  as1D: (t) => tf.reshape(t, [t.size]),
  as2D: (t, r: number, c: number) => tf.reshape(t, [r, c]),
  as3D: (t, r: number, c: number, d: number) => tf.reshape(t, [r, c, d]),
  as4D: (t, r: number, c: number, d: number, d2: number) => tf.reshape(t, [r, c, d, d2]),
  asType: (t, dtype: tf.DataType) => tf.cast(t, dtype),
  toBool: (t) => tf.cast(t, 'bool'),
  toFloat: (t) => tf.cast(t, 'float32'),
  toInt: (t) => tf.cast(t, 'int32'),
  reshapeAs: (t, x: tf.Tensor) => tf.reshape(t, x.shape),
};

export function registerChainedOps(): void {
  const proto = tf.Tensor.prototype as unknown as Record<string, unknown>;
  const ops = tf as unknown as Record<string, Op>;
  for (const name of PLAIN) {
    const op = ops[name];
    if (typeof op === 'function' && !(name in proto))
      proto[name] = function (this: tf.Tensor, ...args: unknown[]) {
        return op(this, ...args);
      };
  }
  for (const [name, fn] of Object.entries(SPECIAL))
    if (!(name in proto))
      proto[name] = function (this: tf.Tensor, ...args: never[]) {
        return fn(this, ...args);
      };
}
