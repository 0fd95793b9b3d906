// Fewer kernels per Dense layer while training. tfjs-core fuses a Dense layer's product, bias
// and relu into one _FusedMatMul only outside gradient mode, so in training each Dense costs
// three kernels forward, and relu's gradient two more (step, then mul); softmax's gradient is
// four (mul, sum, mul, sub). On a GPU each kernel is a dispatch costing the host about 0.1 ms,
// which for a small network is most of the step. Here:
//   - Dense (rank-2 input, relu or linear activation, or softmax after a linear product) runs
//     as one LayerLabDense kernel — the backend's own _FusedMatMul — with a gradient
//     registered for it that computes only the inputs' gradients the tape asks for;
//   - relu's and softmax's gradients use a backend's one-pass kernel (LayerLabReluGrad,
//     LayerLabSoftmaxGrad) where it registers one, and tfjs-core's formula elsewhere.
// The arithmetic is stock's, in stock's order, so results agree to float rounding (tested).
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

const DENSE = 'LayerLabDense';
export const RELU_GRAD = 'LayerLabReluGrad';
export const SOFTMAX_GRAD = 'LayerLabSoftmaxGrad';

type Activation = 'linear' | 'relu';

const has = (kernel: string) => tf.getKernel(kernel, tf.getBackend()) != null;

/** dy · step(t): dy where t > 0, NaN where t is NaN, else 0 (t: relu's input or output: both
 *  are > 0 at the same places). */
export function reluGrad(dy: tf.Tensor, t: tf.Tensor): tf.Tensor {
  if (has(RELU_GRAD) && dy.dtype === 'float32' && t.dtype === 'float32' && tf.util.arraysEqual(dy.shape, t.shape)) {
    return tf.engine().runKernel(RELU_GRAD, { dy, y: t }) as tf.Tensor;
  }
  return tf.mul(dy, tf.step(tf.cast(t, 'float32')));
}

/** Softmax's gradient, dy·y − Σ(dy·y)·y along `dim`, given its output y. */
export function softmaxGrad(dy: tf.Tensor, y: tf.Tensor, dim: number): tf.Tensor {
  const last = dim === -1 || dim === y.rank - 1;
  if (last && has(SOFTMAX_GRAD) && dy.dtype === 'float32' && tf.util.arraysEqual(dy.shape, y.shape)) {
    return tf.engine().runKernel(SOFTMAX_GRAD, { dy, y }) as tf.Tensor;
  }
  const dyTimesY = tf.mul(dy, y);
  return tf.sub(dyTimesY, tf.mul(tf.sum(dyTimesY, [dim], true), y));
}

function registerGradients(): void {
  tf.registerGradient({
    kernelName: DENSE,
    inputsToSave: ['x', 'kernel'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [x, w, y] = saved as tf.Tensor[];
      const d = (attrs as { activation: Activation }).activation === 'relu' ? reluGrad(dy as tf.Tensor, y!) : (dy as tf.Tensor);
      // As tfjs-core's MatMul and Add gradients: each evaluated only when the tape needs it.
      return { x: () => tf.matMul(d, w!, false, true), kernel: () => tf.matMul(x!, d, true, false), bias: () => tf.sum(d, 0) };
    },
  });
  tf.registerGradient({ kernelName: 'Relu', inputsToSave: ['x'], gradFunc: (dy, saved) => ({ x: () => reluGrad(dy as tf.Tensor, saved[0]!) }) });
  tf.registerGradient({
    kernelName: 'Softmax',
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => ({ logits: () => softmaxGrad(dy as tf.Tensor, saved[0]!, (attrs as { dim: number }).dim) }),
  });
}

/** x·kernel + bias, then the activation, as one kernel (the backend's _FusedMatMul). */
export function dense(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor | null, activation: Activation): tf.Tensor {
  const inputs: Record<string, tf.Tensor> = bias ? { x, kernel, bias } : { x, kernel };
  return tf.engine().runKernel(DENSE, inputs, { activation } as never) as tf.Tensor;
}

/** Registers `kernelName` on `backendName` as a call of that backend's `target` kernel, with
 *  inputs and attributes translated by `adapt`; nothing when the backend lacks `target`. */
export function registerDelegate<A>(
  kernelName: string,
  target: string,
  backendName: string,
  adapt: (inputs: Record<string, tf.TensorInfo>, attrs: A) => { inputs: Record<string, tf.TensorInfo>; attrs: object },
): void {
  const fused = tf.getKernel(target, backendName);
  if (!fused || tf.getKernel(kernelName, backendName)) return;
  tf.registerKernel({
    kernelName,
    backendName,
    kernelFunc: (({ inputs, backend, attrs }: { inputs: Record<string, tf.TensorInfo>; backend: object; attrs: A }) =>
      fused.kernelFunc({ ...adapt(inputs, attrs), backend } as never)) as never,
  });
}

/** Registers LayerLabDense on `backendName`, delegating to its _FusedMatMul. */
export function registerDenseKernel(backendName: string): void {
  registerDelegate<{ activation: Activation }>(DENSE, '_FusedMatMul', backendName, (inputs, attrs) => ({
    inputs: { a: inputs.x!, b: inputs.kernel!, ...(inputs.bias ? { bias: inputs.bias } : {}) },
    attrs: { transposeA: false, transposeB: false, activation: attrs.activation },
  }));
}

interface DenseInternals {
  kernel: { read(): tf.Tensor };
  bias: { read(): tf.Tensor } | null;
  activation: { getClassName(): string; apply(t: tf.Tensor): tf.Tensor };
  invokeCallHook(inputs: unknown, kwargs: unknown): void;
}

let installed = false;

/** Routes tfjs-layers' Dense through LayerLabDense on backends that registered it, and the
 *  relu and softmax gradients through one-pass kernels where a backend has them. Idempotent. */
export function installFusedDense(): void {
  if (installed) return;
  installed = true;
  registerGradients();
  const proto = Object.getPrototypeOf(tfl.layers.dense({ units: 1 })) as { call(inputs: unknown, kwargs: unknown): unknown };
  const stock = proto.call;
  proto.call = function (this: DenseInternals, inputs: unknown, kwargs: unknown) {
    const input = Array.isArray(inputs) && inputs.length === 1 ? inputs[0] : inputs;
    const name = this.activation?.getClassName();
    const fusable = name === 'relu' || name === 'linear' || name === 'softmax';
    if (!fusable || !has(DENSE) || !(input instanceof tf.Tensor) || input.rank !== 2 || input.dtype !== 'float32') return stock.call(this, inputs, kwargs);
    return tf.tidy(() => {
      this.invokeCallHook(inputs, kwargs);
      const bias = this.bias ? this.bias.read() : null;
      if (name === 'softmax') return this.activation.apply(dense(input, this.kernel.read(), bias, 'linear'));
      return dense(input, this.kernel.read(), bias, name as Activation);
    });
  };
}
