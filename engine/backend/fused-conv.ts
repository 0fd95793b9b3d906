// Conv2D layers in training as one kernel forward, as ./fused-dense.ts does for Dense:
// tfjs-core fuses convolution, bias and relu into FusedConv2D only outside gradient mode, so
// in training a Conv2D layer costs three kernels (conv2d, add, relu). Here it runs as
// LayerLabConv2D — the backend's own FusedConv2D — with a registered gradient made of
// stock's kernels (Conv2DBackpropInput, Conv2DBackpropFilter, a sum for the bias) after the
// one-pass relu gradient; each input's gradient is computed only when the tape asks for it.
// Taken over: 2-D convolution, channels last, dilation 1, relu or linear activation.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { registerDelegate, reluGrad } from './fused-dense.js';

const CONV = 'LayerLabConv2D';

type Activation = 'linear' | 'relu';

interface ConvAttrs {
  strides: [number, number];
  pad: 'same' | 'valid';
  activation: Activation;
}

function registerGradient(): void {
  tf.registerGradient({
    kernelName: CONV,
    inputsToSave: ['x', 'filter'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter, y] = saved as tf.Tensor[];
      const { strides, pad, activation } = attrs as unknown as ConvAttrs;
      const d = activation === 'relu' ? reluGrad(dy as tf.Tensor, y!) : (dy as tf.Tensor);
      const common = { strides, pad, dataFormat: 'NHWC' };
      return {
        x: () => tf.engine().runKernel('Conv2DBackpropInput', { dy: d, filter: filter! }, { ...common, inputShape: x!.shape } as never) as tf.Tensor,
        filter: () => tf.engine().runKernel('Conv2DBackpropFilter', { x: x!, dy: d }, { ...common, filterShape: filter!.shape } as never) as tf.Tensor,
        bias: () => tf.sum(d, [0, 1, 2]),
      };
    },
  });
}

/** Registers LayerLabConv2D on `backendName`, delegating to its FusedConv2D. */
export function registerConvKernel(backendName: string): void {
  registerDelegate<ConvAttrs>(CONV, 'FusedConv2D', backendName, (inputs, attrs) => ({
    inputs: { x: inputs.x!, filter: inputs.filter!, ...(inputs.bias ? { bias: inputs.bias } : {}) },
    attrs: { strides: attrs.strides, pad: attrs.pad, dataFormat: 'NHWC', dilations: [1, 1], activation: attrs.activation },
  }));
}

interface ConvInternals {
  rank: number;
  strides: number[];
  padding: string;
  dataFormat: string;
  dilationRate: number | number[];
  kernel: { read(): tf.Tensor };
  bias: { read(): tf.Tensor } | null;
  activation: { getClassName(): string };
}

let installed = false;

/** Routes tfjs-layers' Conv2D through LayerLabConv2D on backends that registered it. Idempotent. */
export function installFusedConv(): void {
  if (installed) return;
  installed = true;
  registerGradient();
  const proto = Object.getPrototypeOf(tfl.layers.conv2d({ filters: 1, kernelSize: 1 })) as { call(inputs: unknown, kwargs: unknown): unknown };
  const stock = proto.call;
  proto.call = function (this: ConvInternals, inputs: unknown, kwargs: unknown) {
    const input = Array.isArray(inputs) && inputs.length === 1 ? inputs[0] : inputs;
    const name = this.activation?.getClassName();
    const dilation = typeof this.dilationRate === 'number' ? [this.dilationRate] : this.dilationRate;
    const plain = this.rank === 2 && this.dataFormat === 'channelsLast' && dilation.every((d) => d === 1)
      && (this.padding === 'same' || this.padding === 'valid') && (name === 'relu' || name === 'linear');
    if (!plain || tf.getKernel(CONV, tf.getBackend()) == null || !(input instanceof tf.Tensor) || input.rank !== 4 || input.dtype !== 'float32') {
      return stock.call(this, inputs, kwargs);
    }
    return tf.tidy(() => {
      const bias = this.bias ? this.bias.read() : null;
      const tensors: Record<string, tf.Tensor> = bias ? { x: input, filter: this.kernel.read(), bias } : { x: input, filter: this.kernel.read() };
      const attrs: ConvAttrs = { strides: [this.strides[0]!, this.strides[1]!], pad: this.padding as 'same' | 'valid', activation: name as Activation };
      return tf.engine().runKernel(CONV, tensors, attrs as never) as tf.Tensor;
    });
  };
}
