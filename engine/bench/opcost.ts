// Where a training step's time goes, kernel by kernel: records the kernels one step of a
// bench model runs (name, input shapes, attributes), then runs each distinct one alone
// `reps` times on fresh inputs and times it to a read-back. Prints one JSON line per kernel,
// slowest first, with its share of the summed time. For finding the kernel that bounds a
// network on a GPU, where the step's wall time alone says nothing about which op it is.
//   npx tsx engine/bench/opcost.ts [standard|simplified|convolutional] [reps] [backend]
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../backend/index.js';
import { BENCH_MODELS, type BenchModel } from './models.js';
import { syntheticTraining } from './hostcost.js';

interface Call {
  name: string;
  shapes: number[][];
  dtypes: string[];
  keys: string[];
  attrs: Record<string, unknown>;
}

export interface OpCost {
  kernel: string;
  shapes: number[][];
  /** How often one step runs it. */
  perStep: number;
  /** Milliseconds per call, and per step (calls × ms). */
  ms: number;
  stepMs: number;
}

/** The kernels one training step of `m` at batch `bs` runs, in order: the second step, as
 *  the first also makes the optimizer's slots. */
function recordStep(m: BenchModel, bs: number): Call[] {
  const engine = tf.engine() as unknown as { runKernel(name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>): unknown };
  const training = syntheticTraining(m, bs);
  tf.dispose(training.step());
  const calls: Call[] = [];
  const stock = engine.runKernel;
  engine.runKernel = function (name, inputs, attrs) {
    const keys = Object.keys(inputs).filter((k) => inputs[k] instanceof tf.Tensor);
    calls.push({ name, keys, shapes: keys.map((k) => inputs[k]!.shape), dtypes: keys.map((k) => inputs[k]!.dtype), attrs: { ...attrs } });
    return stock.call(this, name, inputs, attrs);
  };
  try {
    tf.dispose(training.step());
  } finally {
    engine.runKernel = stock;
    training.dispose();
  }
  return calls;
}

export async function measureOpCost(m: BenchModel, reps: number, bs = 128): Promise<OpCost[]> {
  const calls = recordStep(m, bs);
  const distinct = new Map<string, { call: Call; count: number }>();
  for (const c of calls) {
    const key = JSON.stringify([c.name, c.shapes, c.dtypes, c.attrs]);
    const d = distinct.get(key);
    if (d) d.count++;
    else distinct.set(key, { call: c, count: 1 });
  }
  const out: OpCost[] = [];
  for (const { call, count } of distinct.values()) {
    const inputs = Object.fromEntries(call.keys.map((k, i) => [k, call.dtypes[i] === 'float32' ? tf.randomNormal(call.shapes[i]!) : tf.zeros(call.shapes[i]!, call.dtypes[i] as tf.DataType)]));
    const run = () => tf.engine().runKernel(call.name, inputs, call.attrs as never) as tf.Tensor | tf.Tensor[];
    const settle = async (r: tf.Tensor | tf.Tensor[]) => {
      const ts = Array.isArray(r) ? r : [r];
      await ts[0]?.data();
      tf.dispose(ts);
    };
    let ms = NaN;
    try {
      await settle(run());
      const t = performance.now();
      const results = Array.from({ length: reps }, run);
      await settle(results.pop()!);
      ms = (performance.now() - t) / reps;
      results.forEach((r) => tf.dispose(r));
    } catch {
      // Some kernels need inputs that random values do not satisfy; they are listed with NaN.
    }
    tf.dispose(Object.values(inputs));
    out.push({ kernel: call.name, shapes: call.shapes, perStep: count, ms, stepMs: ms * count });
  }
  return out.sort((a, b) => (b.stepMs || 0) - (a.stepMs || 0));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const m = (process.argv[2] ?? 'convolutional') as BenchModel;
  if (!BENCH_MODELS.includes(m)) throw new Error(`unknown model '${m}' (known: ${BENCH_MODELS.join(', ')})`);
  await useBackend(process.argv[4] ?? 'webgpu');
  const rows = await measureOpCost(m, Number(process.argv[3] ?? 5));
  const total = rows.reduce((s, r) => s + (r.stepMs || 0), 0);
  console.log(JSON.stringify({ model: m, backend: tf.getBackend(), kernels: rows.length, sumMsPerStep: +total.toFixed(3) }));
  for (const r of rows) console.log(JSON.stringify({ ...r, ms: +r.ms.toFixed(4), stepMs: +r.stepMs.toFixed(4), share: +((r.stepMs || 0) / total).toFixed(3) }));
}
