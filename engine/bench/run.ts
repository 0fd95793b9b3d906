// Times training of one benchmark model on one backend: a warm-up, then a fixed number of
// batches through model.fit (the path LayerLab trains with), synchronised once at the end.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { useBackend } from '../backend/index.js';
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

function tensors(data: ImageSlice, m: BenchModel, from: number, count: number): [tf.Tensor, tf.Tensor] {
  const px = 28 * 28;
  const x = data.images.subarray(from * px, (from + count) * px);
  const y = data.oneHot.subarray(from * 10, (from + count) * 10);
  return [tf.tensor(x, isImageModel(m) ? [count, 28, 28, 1] : [count, px]), tf.tensor2d(y, [count, 10])];
}

async function fitBatches(model: tfl.LayersModel, x: tf.Tensor, y: tf.Tensor, batchSize: number): Promise<number> {
  const h = await model.fit(x, y, { batchSize, epochs: 1, shuffle: false, verbose: 0, yieldEvery: 'never' });
  return Number(h.history.loss?.[0]);
}

export async function measure(m: BenchModel, backend: string, data: ImageSlice, opts: MeasureOptions): Promise<Measurement> {
  const info = await useBackend(backend);
  const model = buildModel(tfl, m);
  // Keras' RMSprop: rho 0.9, epsilon 1e-7 (tfjs' defaults), learning rate 0.001.
  model.compile({ optimizer: tf.train.rmsprop(0.001), loss: 'categoricalCrossentropy' });
  const bs = opts.batchSize;
  try {
    // Warm-up: kernels set up, weights and optimizer slots allocated. The last warm-up
    // batch alone is timed to size the measured run.
    let perBatch = 0;
    for (let i = 0; i < Math.max(1, opts.warmup); i++) {
      const [x, y] = tensors(data, m, i * bs, bs);
      const t = performance.now();
      await fitBatches(model, x, y, bs);
      perBatch = (performance.now() - t) / 1000;
      tf.dispose([x, y]);
    }
    const batches = Math.max(1, Math.min(opts.batches, Math.floor(opts.maxSeconds / Math.max(perBatch, 1e-6))));
    const start = Math.max(1, opts.warmup) * bs;
    const [x, y] = tensors(data, m, start, batches * bs);
    const t0 = performance.now();
    const finalLoss = await fitBatches(model, x, y, bs);
    const seconds = (performance.now() - t0) / 1000;
    tf.dispose([x, y]);
    return { model: m, backend: info.name, device: info.device, batches, batchSize: bs, seconds, imagesPerSec: (batches * bs) / seconds, finalLoss };
  } finally {
    model.dispose();
  }
}
