// Measures the host side of a webgpu training step: how many GPU API calls one step makes
// and how long the host spends outside queue.submit (on a software adapter, Dawn's GL
// backend runs the kernels inside submit, so that time is the kernels'; the rest is tfjs
// and Dawn bookkeeping, the part that costs the same on a real GPU).
//   LAYERLAB_DAWN_BACKEND=opengles EGL_PLATFORM=surfaceless \
//     npx tsx engine/bench/hostcost.ts [standard|simplified|convolutional] [steps]
// LAYERLAB_WEBGPU_STOCK=1 measures stock tfjs-backend-webgpu.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { webgpuStock } from '../backend/env.js';
import { useBackend } from '../backend/index.js';
import { lossFunction } from '../compile/losses.js';
import { BENCH_MODELS, buildModel, isImageModel, type BenchModel } from './models.js';

type Fn = (...args: unknown[]) => unknown;

export interface HostCost {
  steps: number;
  /** Per step. */
  createBuffer: number;
  submit: number;
  dispatch: number;
  writeBuffer: number;
  /** Milliseconds per step: the whole step as the host sees it, and the part outside submit. */
  stepMs: number;
  hostMs: number;
}

/** Wraps `obj[name]` to count calls and time them; returns the counters. */
function tap(obj: Record<string, unknown>, name: string): { calls: number; ms: number } {
  const c = { calls: 0, ms: 0 };
  const f = obj[name] as Fn;
  obj[name] = function (this: unknown, ...args: unknown[]) {
    c.calls++;
    const t = performance.now();
    try {
      return f.apply(this, args);
    } finally {
      c.ms += performance.now() - t;
    }
  };
  return c;
}

/** One training step of bench model `m` at batch `bs` (RMSprop, the app's loss, so the kernels
 *  are the ones training runs) on a fixed synthetic batch, uploaded each step as engine/train
 *  uploads its batches. `step` returns the loss, unread; `dispose` frees model and optimizer. */
export function syntheticTraining(m: BenchModel, bs = 128): { step(): tf.Scalar; dispose(): void } {
  const model = buildModel(tfl, m);
  const opt = tf.train.rmsprop(0.001);
  const loss = lossFunction('categoricalCrossentropy');
  const shape = isImageModel(m) ? [bs, 28, 28, 1] : [bs, 784];
  const x = new Float32Array(bs * 784).map((_, i) => (i % 255) / 255);
  const y = new Float32Array(bs * 10).map((_, i) => (i % 10 === (Math.floor(i / 10) * 7) % 10 ? 1 : 0));
  return {
    step: () => {
      const [xs, ys] = [tf.tensor(x, shape), tf.tensor2d(y, [bs, 10])];
      const cost = tf.tidy(() => opt.minimize(() => loss(ys, model.apply(xs, { training: true }) as tf.Tensor), true)!);
      tf.dispose([xs, ys]);
      return cost;
    },
    dispose: () => {
      opt.dispose();
      model.dispose();
    },
  };
}

export async function measureHostCost(m: BenchModel, steps: number, warmup = 2, bs = 128): Promise<HostCost> {
  await useBackend('webgpu');
  const backend = tf.backend() as unknown as { device: Record<string, unknown>; queue: Record<string, unknown> };
  const { step, dispose } = syntheticTraining(m, bs);
  for (let i = 0; i < warmup; i++) {
    const c = step();
    await c.data();
    c.dispose();
  }
  const counters = {
    createBuffer: tap(backend.device, 'createBuffer'),
    submit: tap(backend.queue, 'submit'),
    writeBuffer: tap(backend.queue, 'writeBuffer'),
    dispatch: { calls: 0, ms: 0 },
  };
  // Dispatches are counted on the pass encoders tfjs creates.
  const beginPass = (backend.device as { createCommandEncoder: Fn }).createCommandEncoder;
  backend.device.createCommandEncoder = function (this: unknown, ...a: unknown[]) {
    const enc = beginPass.apply(this, a) as Record<string, unknown>;
    const begin = enc.beginComputePass as Fn;
    enc.beginComputePass = function (this: unknown, ...b: unknown[]) {
      const pass = begin.apply(this, b) as Record<string, unknown>;
      const d = pass.dispatchWorkgroups as Fn;
      pass.dispatchWorkgroups = function (this: unknown, ...c: unknown[]) {
        counters.dispatch.calls++;
        return d.apply(this, c);
      };
      return pass;
    };
    return enc;
  };
  let stepMs = 0;
  let submitMs = 0;
  for (let i = 0; i < steps; i++) {
    const t = performance.now();
    const before = counters.submit.ms;
    const c = step();
    stepMs += performance.now() - t;
    // Only the submits inside the step: the read-back below submits too.
    submitMs += counters.submit.ms - before;
    await c.data();
    c.dispose();
  }
  backend.device.createCommandEncoder = beginPass;
  dispose();
  const per = (n: number) => n / steps;
  return {
    steps,
    createBuffer: per(counters.createBuffer.calls),
    submit: per(counters.submit.calls),
    dispatch: per(counters.dispatch.calls),
    writeBuffer: per(counters.writeBuffer.calls),
    stepMs: per(stepMs),
    hostMs: per(stepMs - submitMs),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const m = (process.argv[2] ?? 'simplified') as BenchModel;
  if (!BENCH_MODELS.includes(m)) throw new Error(`unknown model '${m}' (known: ${BENCH_MODELS.join(', ')})`);
  const r = await measureHostCost(m, Number(process.argv[3] ?? 10));
  console.log(JSON.stringify({ model: m, stock: webgpuStock(), ...r }));
}
