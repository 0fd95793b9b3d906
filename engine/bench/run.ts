// Times training of one benchmark model on one backend: a warm-up, then batches for at least
// the planned time (./stats.ts), synchronised once at the end of each run of them. Each step is the one engine/train runs: the batch
// uploaded from host memory, optimizer.minimize inside tidy, no read-back. (tfjs-layers'
// model.fit costs about 30 ms more per batch on wasm — it gathers every batch out of the
// full tensor and resolves logs — which would hide the kernels behind the bookkeeping.)
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { availableParallelism } from 'node:os';
import { useBackend } from '../backend/index.js';
import { threadCount } from '../backend/wasm/gemm-threads.js';
import { lossFunction } from '../compile/losses.js';
import type { ImageSlice } from './fashion.js';
import { buildModel, isImageModel, type BenchModel } from './models.js';
import { plannedBatches, type BatchPlan } from './stats.js';

export interface MeasureOptions extends BatchPlan {
  warmup: number;
  batchSize: number;
}

export interface Measurement {
  model: BenchModel;
  backend: string;
  device: string;
  /** CPU threads the backend computes on (the peer is given as many). */
  threads: number;
  batches: number;
  batchSize: number;
  seconds: number;
  imagesPerSec: number;
  finalLoss: number;
}

/** CPU threads a backend computes on: wasm's product and convolution threads, one for cpu
 *  and for webgpu (its host side), libtensorflow's default (the cores) for tensorflow. */
export function backendThreads(backend: string): number {
  if (backend === 'wasm') return threadCount();
  if (backend === 'tensorflow') return availableParallelism();
  return 1;
}

/** Batch `index` of the slice, which is read round and round (a measurement may train more
 *  batches than it holds). */
function batchTensors(data: ImageSlice, m: BenchModel, index: number, bs: number): [tf.Tensor, tf.Tensor] {
  const px = 28 * 28;
  const inSlice = Math.floor(data.n / bs);
  if (inSlice < 1) throw new Error(`the benchmark's slice holds ${data.n} images, fewer than a batch of ${bs}`);
  index %= inSlice;
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
    // The warm-up's last batch sizes the timed run; where it read short (a batch timed with
    // its read-back is not a batch in a stream), more runs follow until minSeconds is reached.
    let batches = 0;
    let seconds = 0;
    let finalLoss = NaN;
    let plan = plannedBatches(perBatch, opts);
    // Each run adds at least one batch, so the loop ends: by minSeconds, or where another
    // batch would pass maxSeconds.
    for (;;) {
      const t0 = performance.now();
      const loss = trainBatches(model, opt, data, m, warmup + batches, plan, bs);
      finalLoss = (await loss.data())[0]!; // the one read-back of the run: waits for the device
      seconds += (performance.now() - t0) / 1000;
      loss.dispose();
      batches += plan;
      const left = { batches: 1, minSeconds: opts.minSeconds - seconds, maxSeconds: opts.maxSeconds - seconds };
      if (left.minSeconds <= 0 || seconds / batches > left.maxSeconds) break;
      plan = plannedBatches(seconds / batches, left);
    }
    return {
      model: m, backend: info.name, device: info.device, threads: backendThreads(info.name), batches, batchSize: bs, seconds,
      imagesPerSec: (batches * bs) / seconds, finalLoss,
    };
  } finally {
    opt.dispose();
    model.dispose();
  }
}
