// One element-wise WebGPU dispatch that updates tensors in place, recorded in
// tfjs-backend-webgpu's own command encoder and compute pass, so it is ordered with the
// kernels tfjs records around it and submitted with them.
import * as tf from '@tensorflow/tfjs-core';

type Tensor = tf.Tensor;

/** WebGPUBackend's fields the dispatch needs (tfjs-backend-webgpu 4.22). */
export interface WebGpuBackend {
  device: GpuDevice;
  makeUniforms(fields: { type: 'float32' | 'int32' | 'uint32'; data: number[] }[]): { buffer: unknown; offset: number; size: number };
  tensorMap: { get(id: object): { dtype: string; values?: ArrayLike<number> | null; resource?: unknown } | undefined };
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
  createComputePipeline(d: object): Pipeline;
  createBindGroup(d: object): unknown;
}

interface Pipeline {
  getBindGroupLayout(i: number): unknown;
}

export const WORKGROUP = 64;
const MAX_GROUPS = 65535;

/** The shader's header lines the caller's body relies on: `i`, the flat element index,
 *  already checked against `p.n`. `params` are the caller's f32 uniforms, in order. */
export function elementwiseShader(storage: { name: string; write: boolean }[], params: string[], body: string): string {
  const bindings = storage.map((s, k) => `@group(0) @binding(${k}) var<storage, ${s.write ? 'read_write' : 'read'}> ${s.name}: array<f32>;`);
  return `
struct Params { ${params.map((n) => `${n}: f32,`).join(' ')} n: u32, rowLen: u32 }
${bindings.join('\n')}
@group(0) @binding(${storage.length}) var<uniform> p: Params;
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x + id.y * p.rowLen;
  if (i >= p.n) { return; }
${body}
}`;
}

const pipelines = new WeakMap<object, Map<string, Pipeline>>();

function pipelineFor(device: GpuDevice, code: string): Pipeline {
  let byCode = pipelines.get(device);
  if (!byCode) pipelines.set(device, (byCode = new Map()));
  let p = byCode.get(code);
  if (!p) {
    p = device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code }), entryPoint: 'main' } });
    byCode.set(code, p);
  }
  return p;
}

/** Whether `t` can be written in place: float32, and its buffer belongs to it alone (a
 *  reshaped view, or the tensor a variable was made from, would see the write). */
export function ownsBuffer(b: WebGpuBackend, t: Tensor): boolean {
  return t.dtype === 'float32' && b.refCount(t.dataId) === 1;
}

/** Records one dispatch of `code` (from elementwiseShader) over `tensors[0].size` elements;
 *  `floats` fill the shader's f32 params. */
export function dispatchInPlace(b: WebGpuBackend, code: string, tensors: Tensor[], floats: number[]): void {
  for (const t of tensors) b.uploadToGPU(t.dataId);
  const n = tensors[0]!.size;
  const groups = Math.ceil(n / WORKGROUP);
  const x = Math.min(groups, MAX_GROUPS);
  const y = Math.ceil(groups / x);
  // Scalars one after another: the layout of the Params struct.
  const uniform = b.makeUniforms([...floats.map((v) => ({ type: 'float32' as const, data: [v] })), { type: 'uint32', data: [n] }, { type: 'uint32', data: [x * WORKGROUP] }]);
  const pipeline = pipelineFor(b.device, code);
  const entries: { binding: number; resource: unknown }[] = tensors.map((t, k) => ({ binding: k, resource: { buffer: b.tensorMap.get(t.dataId)!.resource } }));
  entries.push({ binding: tensors.length, resource: uniform });
  const group = b.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
  // Disposal of these tensors waits for the submit, as for tfjs' own kernels.
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
