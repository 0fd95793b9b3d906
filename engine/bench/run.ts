// Times training of one benchmark model on one backend: a warm-up, then a fixed number of
// batches, synchronised once at the end. Each step is the one engine/train runs: the batch
// uploaded from host memory, optimizer.minimize inside tidy, no read-back. (tfjs-layers'
// model.fit costs about 30 ms more per batch on wasm — it gathers every batch out of the
// full tensor and resolves logs — which would hide the kernels behind the bookkeeping.)
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { useBackend } from '../backend/index.js';
import { lossFunction } from '../compile/losses.js';
import type { ImageSlice } from './fashion.js';
import { buildModel, isImageModel, type BenchModel } from './models.js';

export interface MeasureOptions {
  batches: number;
  warmup: number;
  batchSize: number;
  /** Fewer batches are timed when the warm-up says `batches` would take longer than this. */
  maxSeconds: number;
}

export interface Measurement {
  model: BenchModel;
  backend: string;
  device: string;
  batches: number;
  batchSize: number;
  seconds: number;
  imagesPerSec: number;
  finalLoss: number;
}

function batchTensors(data: ImageSlice, m: BenchModel, index: number, bs: number): [tf.Tensor, tf.Tensor] {
  const px = 28 * 28;
  const x = data.images.subarray(index * bs * px, (index + 1) * bs * px);
  const y = data.oneHot.subarray(index * bs * 10, (index + 1) * bs * 10);
  return [tf.tensor(x, isImageModel(m) ? [bs, 28, 28, 1] : [bs, px]), tf.tensor2d(y, [bs, 10])];
}

/** The app's categorical cross-entropy (engine/compile), so the benchmark trains with the
 *  loss, and on webgpu the fused loss kernels, that training in the app runs. */
const crossEntropy = lossFunction('categoricalCrossentropy');

/** Trains batches [from, from + count) and returns the last loss as a tensor (not read). */
function trainBatches(model: tfl.LayersModel, opt: tf.Optimizer, data: ImageSlice, m: BenchModel, from: number, count: number, bs: number): tf.Scalar {
  let last: tf.Scalar | null = null;
  for (let i = from; i < from + count; i++) {
    const [x, y] = batchTensors(data, m, i, bs);
    const cost = tf.tidy(() => opt.minimize(() => crossEntropy(y, model.apply(x, { training: true }) as tf.Tensor), true)!);
    tf.dispose([x, y]);
    if (last) last.dispose();
    last = cost;
  }
  return last!;
}

export async function measure(m: BenchModel, backend: string, data: ImageSlice, opts: MeasureOptions): Promise<Measurement> {
  const info = await useBackend(backend);
  const model = buildModel(tfl, m);
  // Keras' RMSprop: rho 0.9, epsilon 1e-7 (tfjs' defaults), learning rate 0.001.
  const opt = tf.train.rmsprop(0.001);
  const bs = opts.batchSize;
  try {
    // Warm-up: kernels set up, weights and optimizer slots allocated. The last warm-up
    // batch alone is timed to size the measured run.
    const warmup = Math.max(1, opts.warmup);
    let perBatch = 0;
    for (let i = 0; i < warmup; i++) {
      const t = performance.now();
      const loss = trainBatches(model, opt, data, m, i, 1, bs);
      await loss.data();
      loss.dispose();
      perBatch = (performance.now() - t) / 1000;
      // A backend this slow (cpu on a convolution: many seconds a batch) is warm enough.
      if (perBatch > opts.maxSeconds / 10) break;
    }
    const batches = Math.max(1, Math.min(opts.batches, Math.floor(opts.maxSeconds / Math.max(perBatch, 1e-6))));
    const t0 = performance.now();
    const loss = trainBatches(model, opt, data, m, warmup, batches, bs); // batches after the warm-up slice
    const finalLoss = (await loss.data())[0]!; // the one read-back: waits for the device
    const seconds = (performance.now() - t0) / 1000;
    loss.dispose();
    return { model: m, backend: info.name, device: info.device, batches, batchSize: bs, seconds, imagesPerSec: (batches * bs) / seconds, finalLoss };
  } finally {
    opt.dispose();
    model.dispose();
  }
}
