// Where LayerLab's fast dropouts (./wasm/dropout.ts, ./webgpu/dropout.ts) take over
// tfjs-layers' Dropout: one patch of Dropout.call that hands the plain case — training,
// 0 < rate < 1, no noise shape, one float32 input — to the active backend's function, and
// everything else (other backends, SpatialDropout1D's channel-wide noise, inference) to stock.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** x with dropout applied, as the layer's seed says; the function owns its gradient. */
export type DropoutFn = (x: tf.Tensor, rate: number, seed: number | string | undefined) => tf.Tensor;

interface DropoutInternals {
  rate: number;
  seed?: number;
  /** null when the noise has the input's shape; subclasses (SpatialDropout1D) give another. */
  getNoiseShape(input: tf.Tensor): number[] | null;
  invokeCallHook(inputs: unknown, kwargs: unknown): void;
}

const byBackend = new Map<string, DropoutFn>();
let patched = false;

/** Makes `fn` the plain-case dropout on `backendName`. */
export function takeOverDropout(backendName: string, fn: DropoutFn): void {
  byBackend.set(backendName, fn);
  if (patched) return;
  patched = true;
  const proto = Object.getPrototypeOf(tfl.layers.dropout({ rate: 0.5 })) as { call(inputs: unknown, kwargs: Record<string, unknown>): unknown };
  const stock = proto.call;
  proto.call = function (this: DropoutInternals, inputs: unknown, kwargs: Record<string, unknown>) {
    const input = Array.isArray(inputs) && inputs.length === 1 ? inputs[0] : inputs;
    const fast = byBackend.get(tf.getBackend());
    const plain = fast && kwargs?.training === true && this.rate > 0 && this.rate < 1
      && input instanceof tf.Tensor && input.dtype === 'float32' && this.getNoiseShape(input) == null;
    if (!plain) return stock.call(this, inputs, kwargs);
    return tf.tidy(() => {
      this.invokeCallHook(inputs, kwargs);
      return fast(input, this.rate, this.seed);
    });
  };
}
