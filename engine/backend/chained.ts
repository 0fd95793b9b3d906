// Tensor methods (`t.flatten()`, `t.sign()`, …). The Node bundle of tfjs-core 4.22 omits the
// chained-op registrations that its ESM build has, yet tfjs-layers calls them (the Orthogonal
// initializer, so every LSTM, GRU and SimpleRNN, fails with "rMat.flatten is not a
// function"). Installing them here keeps one Tensor class for the whole process.
import * as tf from '@tensorflow/tfjs-core';

/** Methods whose body is `op(this, ...args)` with the op of the same name. */
const PLAIN = (
  'abs acos acosh add all any argMax argMin asin asinh atan atan2 atanh batchToSpaceND batchNorm broadcastTo cast ' +
  'ceil clipByValue conv1d conv2d cos cosh cumprod cumsum depthToSpace div divNoNan dot elu equal erf euclideanNorm ' +
  'exp expandDims expm1 floor floorDiv gather greater greaterEqual isFinite isInf isNaN leakyRelu less lessEqual log ' +
  'log1p logSigmoid logSoftmax logSumExp logicalAnd logicalNot logicalOr logicalXor matMul max maximum mean min minimum ' +
  'mirrorPad mod mul neg norm notEqual oneHot onesLike pad pool pow prelu prod reciprocal relu relu6 reverse round ' +
  'rsqrt selu sigmoid sign sin sinh slice softmax softplus spaceToBatchND split sqrt square squaredDifference squeeze ' +
  'step stridedSlice sub sum tan tanh tile topk transpose unique unstack zerosLike'
).split(' ');

type Method = (this: tf.Tensor, ...args: unknown[]) => unknown;

export function installTensorMethods(): void {
  const proto = (tf.Tensor as unknown as { prototype: Record<string, Method | undefined> }).prototype;
  const ops = tf as unknown as Record<string, ((...a: unknown[]) => unknown) | undefined>;
  const define = (name: string, m: Method) => {
    if (proto[name] === undefined) Object.defineProperty(proto, name, { value: m, writable: true, configurable: true });
  };
  for (const name of PLAIN) {
    const op = ops[name];
    if (op) define(name, function (...args) { return op(this, ...args); });
  }
  define('flatten', function () { return tf.reshape(this, [this.size]); });
  define('reshape', function (shape) { return tf.reshape(this, shape as number[]); });
  define('reshapeAs', function (x) { return tf.reshape(this, (x as tf.Tensor).shape); });
  define('asType', function (dtype) { return tf.cast(this, dtype as tf.DataType); });
  define('toFloat', function () { return tf.cast(this, 'float32'); });
  define('toInt', function () { return tf.cast(this, 'int32'); });
  define('toBool', function () { return tf.cast(this, 'bool'); });
  define('asScalar', function () { return tf.reshape(this, []); });
  define('as1D', function () { return tf.reshape(this, [this.size]); });
  for (const rank of [2, 3, 4, 5]) define(`as${rank}D`, function (...dims) { return tf.reshape(this, dims as number[]); });
  define('concat', function (x, axis) {
    const rest = x instanceof tf.Tensor ? [x] : (x as tf.Tensor[]);
    return tf.concat([this, ...rest], axis as number | undefined);
  });
  define('stack', function (x, axis) {
    const rest = x instanceof tf.Tensor ? [x] : (x as tf.Tensor[]);
    return tf.stack([this, ...rest], axis as number | undefined);
  });
  define('where', function (condition, x) { return tf.where(condition as tf.Tensor, this, x as tf.Tensor); });
}
