// Uniforms of a whole submit in one buffer. Stock tfjs-backend-webgpu 4.22 gives every
// dispatch its own pooled uniform buffer and its own queue.writeBuffer (tens of
// microseconds each on the host, and a pool look-up keyed by a string). Here each dispatch's
// uniforms go into a host-side arena at an aligned offset of one shared buffer, written
// with one writeBuffer just before the commands that read it are submitted.

export interface UniformField {
  type: 'float32' | 'int32' | 'uint32';
  data: number[];
}

export interface UniformBinding {
  offset: number;
  size: number;
  buffer: unknown;
}

/** The parts of WebGPUBackend the arena touches. */
export interface ArenaBackend {
  device: { limits: { minUniformBufferOffsetAlignment: number } };
  queue: { writeBuffer(b: unknown, off: number, data: ArrayBufferView, dataOffset?: number, size?: number): void };
  bufferManager: { acquireBuffer(size: number, usage: number): unknown };
  uniformPendingDisposal: unknown[];
  makeUniforms(fields: UniformField[]): UniformBinding;
  submitQueue(): void;
}

const UNIFORM = 0x40;
const COPY_DST = 0x08;
/** 64 KiB: the WebGPU default maxUniformBufferBindingSize, and ~250 dispatches a buffer. */
export const ARENA_BYTES = 64 * 1024;

/** Byte layout of the uniform struct tfjs generates for `fields` (WGSL alignment rules,
 *  vec5/vec6 structs aligned to 16) — the same layout as stock makeUniforms. */
export function uniformLayout(fields: UniformField[]): { offsets: number[]; size: number } {
  let offset = 0;
  let preLength = 0;
  let maxAlign = 1;
  const offsets: number[] = [];
  for (const f of fields) {
    if (f.data.length === 0) f.data = [1]; // as stock does: an empty shape is bound as [1]
    const n = f.data.length;
    if (n > 6) throw new Error(`uniform of ${n} values: tfjs-backend-webgpu supports up to 6`);
    let align = n === 1 ? 4 : n === 2 ? 8 : 16;
    if (preLength === 5 || preLength === 6) align = 16;
    maxAlign = Math.max(maxAlign, align);
    offset = Math.ceil(offset / align) * align;
    preLength = n;
    offsets.push(offset);
    offset += n * 4;
  }
  return { offsets, size: Math.ceil(offset / maxAlign) * maxAlign };
}

interface Arena {
  bytes: ArrayBuffer;
  used: number;
  buffer: unknown | null;
}

const arenas = new WeakMap<object, Arena>();

function arenaOf(b: ArenaBackend): Arena {
  let a = arenas.get(b);
  if (!a) {
    a = { bytes: new ArrayBuffer(ARENA_BYTES), used: 0, buffer: null };
    arenas.set(b, a);
  }
  return a;
}

/** Writes what the arena holds to its buffer and lets the buffer go back to the pool at
 *  the coming submit (the GPU reads it after that). */
export function flushUniforms(b: ArenaBackend): void {
  const a = arenas.get(b);
  if (!a || !a.buffer || a.used === 0) return;
  b.queue.writeBuffer(a.buffer, 0, new Uint8Array(a.bytes, 0, a.used));
  b.uniformPendingDisposal.push(a.buffer);
  a.buffer = null;
  a.used = 0;
}

/** Replacement for WebGPUBackend.prototype.makeUniforms. */
export function makeUniformsInArena(this: ArenaBackend, fields: UniformField[]): UniformBinding {
  const { offsets, size } = uniformLayout(fields);
  const a = arenaOf(this);
  const align = this.device.limits.minUniformBufferOffsetAlignment || 256;
  let offset = Math.ceil(a.used / align) * align;
  if (a.buffer && offset + size > ARENA_BYTES) {
    // Full: this buffer's bytes are written now (they sit before any later write in the
    // queue), and a fresh buffer takes the rest of the submit.
    flushUniforms(this);
    offset = 0;
  }
  if (!a.buffer) a.buffer = this.bufferManager.acquireBuffer(ARENA_BYTES, UNIFORM | COPY_DST);
  fields.forEach((f, i) => {
    const Typed = f.type === 'int32' ? Int32Array : f.type === 'uint32' ? Uint32Array : Float32Array;
    new Typed(a.bytes, offset + offsets[i]!, f.data.length).set(f.data);
  });
  a.used = offset + size;
  return { offset, size, buffer: a.buffer };
}

/** Wraps WebGPUBackend.prototype.submitQueue so the arena is written before each submit. */
export function makeSubmitQueue(stock: (this: ArenaBackend) => void) {
  return function submitQueue(this: ArenaBackend): void {
    flushUniforms(this);
    stock.call(this);
  };
}
