// Running sums of loss, absolute error and the confusion matrix, kept on the device so a
// batch costs no read-back; read() fetches them once (per epoch, or every k batches).
import * as tf from '@tensorflow/tfjs-core';
import type { Head } from '../compile/head.js';

export interface Totals {
  count: number;
  /** Mean loss per example. */
  loss: number;
  /** Mean absolute error per target value. */
  mae: number;
  confusion?: number[][];
}

export class MetricAccumulator {
  private sums: { loss: tf.Scalar; abs: tf.Scalar; confusion?: tf.Tensor2D } | null = null;
  private count = 0;

  constructor(private readonly head: Head) {}

  /** Adds one batch: its mean loss, its predictions, its encoded targets and labels. */
  add(loss: tf.Scalar, yPred: tf.Tensor, yTrue: tf.Tensor, labels: tf.Tensor1D | undefined, size: number): void {
    const { head } = this;
    const prev = this.sums;
    this.sums = tf.tidy(() => {
      const loss1 = tf.add(prev?.loss ?? tf.scalar(0), tf.mul(loss, size)) as tf.Scalar;
      // Absolute error only means something for regression (class targets are encodings).
      const err = head.task === 'regression' ? tf.sum(tf.abs(tf.sub(tf.reshape(yTrue, yPred.shape), yPred))) : tf.scalar(0);
      const abs = tf.add(prev?.abs ?? tf.scalar(0), err) as tf.Scalar;
      if (!head.classes || !labels) return { loss: loss1, abs };
      const k = head.classes.count;
      // oneHotᵀ(true) · oneHot(predicted), in float32: not every backend multiplies int32.
      const truth = tf.cast(tf.oneHot(labels, k), 'float32');
      const guess = tf.cast(tf.oneHot(head.predictedClass(yPred), k), 'float32');
      const batch = tf.matMul(truth, guess, true, false) as tf.Tensor2D;
      return { loss: loss1, abs, confusion: prev?.confusion ? (tf.add(prev.confusion, batch) as tf.Tensor2D) : batch };
    });
    if (prev) tf.dispose([prev.loss, prev.abs, ...(prev.confusion ? [prev.confusion] : [])]);
    this.count += size;
  }

  get examples(): number {
    return this.count;
  }

  async read(): Promise<Totals> {
    const s = this.sums;
    if (!s) return { count: 0, loss: NaN, mae: NaN };
    const [loss, abs] = [(await s.loss.data())[0]!, (await s.abs.data())[0]!];
    const totals: Totals = { count: this.count, loss: loss / this.count, mae: abs / (this.count * this.head.width) };
    if (s.confusion) {
      const k = this.head.classes!.count;
      const flat = await s.confusion.data();
      totals.confusion = Array.from({ length: k }, (_, i) => Array.from(flat.subarray(i * k, (i + 1) * k)));
    }
    return totals;
  }

  /** Only the mean loss so far (one scalar read-back). */
  async readLoss(): Promise<number> {
    return this.sums ? (await this.sums.loss.data())[0]! / this.count : NaN;
  }

  dispose(): void {
    if (this.sums) tf.dispose([this.sums.loss, this.sums.abs, ...(this.sums.confusion ? [this.sums.confusion] : [])]);
    this.sums = null;
    this.count = 0;
  }
}
