// tfjs-backend-webgpu asks each pipeline for its bind group layout on every dispatch; Dawn
// answers with a new wrapper object each time (about 10 µs on the host). A pipeline's
// layout never changes, so the first answer is kept.

interface PipelineProto {
  getBindGroupLayout(index: number): unknown;
}

const memo = new WeakMap<object, unknown[]>();

/** Patches the GPUComputePipeline class Dawn put on the global object. Idempotent. */
export function memoizeBindGroupLayouts(globals: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): boolean {
  const cls = globals.GPUComputePipeline as { prototype: PipelineProto & { __layerlabMemo?: boolean } } | undefined;
  if (!cls || typeof cls.prototype.getBindGroupLayout !== 'function') return false;
  if (cls.prototype.__layerlabMemo) return true;
  const stock = cls.prototype.getBindGroupLayout;
  cls.prototype.getBindGroupLayout = function (this: object, index: number): unknown {
    let layouts = memo.get(this);
    if (!layouts) memo.set(this, (layouts = []));
    return (layouts[index] ??= stock.call(this, index));
  };
  Object.defineProperty(cls.prototype, '__layerlabMemo', { value: true });
  return true;
}
