// The uniform arena's byte layout and the bind-group-layout memo, without a GPU.
import { describe, expect, it } from 'vitest';
import { ARENA_BYTES, flushUniforms, makeSubmitQueue, makeUniformsInArena, uniformLayout, type ArenaBackend, type UniformField } from './uniforms.js';
import { memoizeBindGroupLayouts } from './layouts.js';

const f = (...data: number[]): UniformField => ({ type: 'float32', data });
const i = (...data: number[]): UniformField => ({ type: 'int32', data });

describe('uniformLayout', () => {
  it('aligns as WGSL does: scalars 4, vec2 8, vec3/vec4 16, after a vec5/vec6 16', () => {
    // NAN, INFINITY, a 3-D shape and its 2 strides, a 5-D shape, then a scalar.
    const { offsets, size } = uniformLayout([f(NaN), f(Infinity), i(2, 3, 4), i(12, 4), i(1, 2, 3, 4, 5), i(7)]);
    expect(offsets).toEqual([0, 4, 16, 32, 48, 80]);
    expect(size).toBe(96);
  });

  it('binds an empty shape as [1] and rejects more than 6 values', () => {
    const empty = i();
    expect(uniformLayout([empty]).size).toBe(4);
    expect(empty.data).toEqual([1]);
    expect(() => uniformLayout([i(1, 2, 3, 4, 5, 6, 7)])).toThrow(/7 values/);
  });
});

/** A backend stand-in that records writes (the arena only needs these members). */
function fakeBackend() {
  const writes: { buffer: number; bytes: Uint8Array }[] = [];
  let next = 0;
  const submitted: number[][] = [];
  const b: ArenaBackend & { submitted: number[][] } = {
    device: { limits: { minUniformBufferOffsetAlignment: 256 } },
    queue: { writeBuffer: (buffer, _off, data) => void writes.push({ buffer: buffer as number, bytes: new Uint8Array((data as Uint8Array).slice()) }) },
    bufferManager: { acquireBuffer: () => ++next },
    uniformPendingDisposal: [],
    makeUniforms: makeUniformsInArena,
    submitQueue: makeSubmitQueue(function (this: ArenaBackend) {
      submitted.push(this.uniformPendingDisposal as number[]);
      this.uniformPendingDisposal = [];
    }),
    submitted,
  };
  return { b, writes };
}

describe('uniform arena', () => {
  it('packs dispatches at aligned offsets of one buffer, written once before the submit', () => {
    const { b, writes } = fakeBackend();
    const u1 = b.makeUniforms([f(1.5), i(-2)]);
    const u2 = b.makeUniforms([f(3)]);
    expect([u1.offset, u1.size, u2.offset, u2.size]).toEqual([0, 8, 256, 4]);
    expect(u1.buffer).toBe(u2.buffer);
    expect(writes).toHaveLength(0);
    b.submitQueue();
    expect(writes).toHaveLength(1);
    const view = new DataView(writes[0]!.bytes.buffer);
    expect([view.getFloat32(0, true), view.getInt32(4, true), view.getFloat32(256, true)]).toEqual([1.5, -2, 3]);
    expect(b.submitted).toEqual([[u1.buffer]]);
    flushUniforms(b); // nothing pending: no write
    expect(writes).toHaveLength(1);
  });

  it('starts a second buffer when one is full, writing the first at once', () => {
    const { b, writes } = fakeBackend();
    const per = ARENA_BYTES / 256;
    const got = Array.from({ length: per + 1 }, (_, k) => b.makeUniforms([f(k)]));
    expect(got[per - 1]!.buffer).toBe(got[0]!.buffer);
    expect(got[per]!.buffer).not.toBe(got[0]!.buffer);
    expect(got[per]!.offset).toBe(0);
    expect(writes).toHaveLength(1);
    b.submitQueue();
    expect(b.submitted[0]).toEqual([got[0]!.buffer, got[per]!.buffer]);
  });
});

describe('memoizeBindGroupLayouts', () => {
  it('asks each pipeline once per index', () => {
    let calls = 0;
    class GPUComputePipeline {
      getBindGroupLayout(index: number) {
        calls++;
        return { index };
      }
    }
    expect(memoizeBindGroupLayouts({ GPUComputePipeline })).toBe(true);
    const [p, q] = [new GPUComputePipeline(), new GPUComputePipeline()];
    expect(p.getBindGroupLayout(0)).toBe(p.getBindGroupLayout(0));
    expect(q.getBindGroupLayout(0)).not.toBe(p.getBindGroupLayout(0));
    expect(calls).toBe(2);
    expect(memoizeBindGroupLayouts({})).toBe(false);
  });
});
