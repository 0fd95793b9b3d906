// RMSprop's update as one WebGPU dispatch per weight. Stock tfjs-core 4.22 spends about 14
// element-wise kernels per weight on it (mean square, moment, sqrt, division, subtraction,
// and the mean square twice), each with its own uniform buffer, bind group and output
// buffer; on a GPU the host cost of those dispatches is most of a small network's step.
// Here one shader reads the gradient and updates weight, mean square and moment in place,
// with the same arithmetic in the same order as tfjs-core, so results agree to float
// rounding. Other backends, the centered variant, and any weight whose buffer another
// tensor shares take the stock path.
import * as tf from '@tensorflow/tfjs-core';

type Tensor = tf.Tensor;
type Variable = tf.Variable;
type NamedGradients = tf.NamedTensorMap | { name: string; tensor: Tensor }[];

interface Slot {
  originalName: string;
  variable: Variable;
}

/** RMSPropOptimizer's fields this reads (protected in its typings, plain at run time). */
interface RmsInternals {
  learningRate: number;
  decay: number;
  momentum: number;
  epsilon: number;
  centered: boolean;
  accumulatedMeanSquares: Slot[];
  accumulatedMoments: Slot[];
  incrementIterations(): void;
}

/** WebGPUBackend's fields the dispatch needs (tfjs-backend-webgpu 4.22). */
interface WebGpuBackend {
  device: GpuDevice;
  makeUniforms(fields: { type: 'float32' | 'int32' | 'uint32'; data: number[] }[]): { buffer: unknown; offset: number; size: number };
  tensorMap: { get(id: object): { dtype: string; resource?: unknown } | undefined };
  uploadToGPU(id: object): void;
  refCount(id: object): number;
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
  commandEncoder: { beginComputePass(d: object): ComputePass };
  computePassEncoder: ComputePass | null;
  commandQueueOwnedIds: WeakSet<object>;
  dispatchCountInPass: number;
}

interface ComputePass {
  setPipeline(p: unknown): void;
  setBindGroup(i: number, g: unknown): void;
  dispatchWorkgroups(x: number, y?: number, z?: number): void;
}

interface GpuDevice {
  createShaderModule(d: { code: string }): unknown;
  createComputePipeline(d: object): { getBindGroupLayout(i: number): unknown };
  createBindGroup(d: object): unknown;
}

const WORKGROUP = 64;
const MAX_GROUPS = 65535;

// Same operations, in the same order, as tfjs-core's plain (non-centered) RMSprop:
// ms' = ms*rho + g²*(1-rho); mom' = mom*momentum + (g*lr)/sqrt(ms'+eps); w' = w - mom'.
const RMSPROP_WGSL = /* wgsl */ `
struct Params { lr: f32, rho: f32, oneMinusRho: f32, momentum: f32, eps: f32, n: u32, rowLen: u32, pad: u32 }
@group(0) @binding(0) var<storage, read_write> w: array<f32>;
@group(0) @binding(1) var<storage, read_write> ms: array<f32>;
@group(0) @binding(2) var<storage, read_write> mom: array<f32>;
@group(0) @binding(3) var<storage, read> g: array<f32>;
@group(0) @binding(4) var<uniform> p: Params;
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x + id.y * p.rowLen;
  if (i >= p.n) { return; }
  let gi = g[i];
  let m = ms[i] * p.rho + (gi * gi) * p.oneMinusRho;
  let v = mom[i] * p.momentum + (gi * p.lr) / sqrt(m + p.eps);
  ms[i] = m;
  mom[i] = v;
  w[i] = w[i] - v;
}`;

const pipelines = new WeakMap<object, { getBindGroupLayout(i: number): unknown }>();

function pipelineFor(device: GpuDevice) {
  let p = pipelines.get(device);
  if (!p) {
    p = device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code: RMSPROP_WGSL }), entryPoint: 'main' } });
    pipelines.set(device, p);
  }
  return p;
}

/** Whether `t` can be updated in place: float32, and its buffer belongs to it alone. */
function ownsBuffer(b: WebGpuBackend, t: Tensor): boolean {
  return t.dtype === 'float32' && b.refCount(t.dataId) === 1;
}

/** Records the fused update of one weight in the backend's current compute pass. */
function dispatchRmsprop(b: WebGpuBackend, o: RmsInternals, w: Variable, ms: Variable, mom: Variable, g: Tensor): void {
  const tensors = [w, ms, mom, g];
  for (const t of tensors) b.uploadToGPU(t.dataId);
  const n = w.size;
  const groups = Math.ceil(n / WORKGROUP);
  const x = Math.min(groups, MAX_GROUPS);
  const y = Math.ceil(groups / x);
  // Scalars one after another: the same layout as the Params struct (8 × 4 bytes).
  const f32 = (v: number) => ({ type: 'float32' as const, data: [v] });
  const u32 = (v: number) => ({ type: 'uint32' as const, data: [v] });
  const uniform = b.makeUniforms([f32(o.learningRate), f32(o.decay), f32(1 - o.decay), f32(o.momentum), f32(o.epsilon), u32(n), u32(x * WORKGROUP), u32(0)]);
  const pipeline = pipelineFor(b.device);
  const entries = tensors.map((t, i) => ({ binding: i, resource: { buffer: b.tensorMap.get(t.dataId)!.resource } }));
  entries.push({ binding: 4, resource: uniform });
  const group = b.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
  for (const t of tensors) b.commandQueueOwnedIds.add(t.dataId);
  b.ensureCommandEncoderReady();
  if (!b.computePassEncoder) b.computePassEncoder = b.commandEncoder.beginComputePass({});
  b.computePassEncoder.setPipeline(pipeline);
  b.computePassEncoder.setBindGroup(0, group);
  b.computePassEncoder.dispatchWorkgroups(x, y);
  b.dispatchCountInPass++;
  if (b.dispatchCountInPass >= (tf.env().get('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE') as number)) {
    b.endComputePassEncoder();
    b.submitQueue();
  }
}

/** tfjs-core's plain RMSprop update of one weight, for what the fused path leaves. */
function stockRmsprop(o: RmsInternals, w: Variable, ms: Variable, mom: Variable, g: Tensor): void {
  tf.tidy(() => {
    const newMs = tf.add(tf.mul(ms, o.decay), tf.mul(tf.square(g), 1 - o.decay));
    const newMom = tf.add(tf.mul(mom, o.momentum), tf.div(tf.mul(g, o.learningRate), tf.sqrt(tf.add(newMs, o.epsilon))));
    ms.assign(newMs);
    mom.assign(newMom);
    w.assign(tf.sub(w, newMom));
  });
}

let installed = false;

/** Replaces RMSPropOptimizer.applyGradients with one that fuses on webgpu. Idempotent. */
export function installFusedOptimizers(): void {
  if (installed) return;
  installed = true;
  const proto = tf.RMSPropOptimizer.prototype as unknown as { applyGradients(g: NamedGradients): void };
  const stock = proto.applyGradients;
  proto.applyGradients = function (this: RmsInternals, grads: NamedGradients): void {
    if (this.centered || tf.getBackend() !== 'webgpu') return stock.call(this, grads);
    const backend = tf.backend() as unknown as WebGpuBackend;
    const names = Array.isArray(grads) ? grads.map((g) => g.name) : Object.keys(grads);
    names.forEach((name, i) => {
      const w = tf.engine().registeredVariables[name]!;
      // Slots named and made as tfjs-core makes them, so getWeights/setWeights still work.
      this.accumulatedMeanSquares[i] ??= { originalName: `${name}/rms`, variable: tf.tidy(() => tf.zerosLike(w).variable(false)) };
      this.accumulatedMoments[i] ??= { originalName: `${name}/momentum`, variable: tf.tidy(() => tf.zerosLike(w).variable(false)) };
      const g = Array.isArray(grads) ? grads[i]!.tensor : grads[name];
      if (g == null) return;
      const ms = this.accumulatedMeanSquares[i]!.variable;
      const mom = this.accumulatedMoments[i]!.variable;
      if (w.size > 0 && g.dtype === 'float32' && [w, ms, mom].every((t) => ownsBuffer(backend, t))) dispatchRmsprop(backend, this, w, ms, mom, g);
      else stockRmsprop(this, w, ms, mom, g);
    });
    this.incrementIterations();
  };
}
