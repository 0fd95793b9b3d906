// Uploads through queue.writeBuffer. Stock tfjs-backend-webgpu 4.22 uploads every tensor
// made on the host (each batch, and every scalar an optimizer or loss makes per step: rho,
// 1 - rho, epsilon, the learning rate, clip bounds) by creating a mapped staging buffer,
// copying it in the command encoder and destroying it at the next submit — whenever the
// pooled destination buffer it reuses is not mapped, which after the first step is always.
// That is one GPUDevice.createBuffer and one destroy per upload: the largest host cost in
// a profile on an H200. writeBuffer lets Dawn stage the bytes in its own ring buffer.

/** The parts of tfjs-backend-webgpu's WebGPUBackend this patch touches. */
export interface BackendInternals {
  tensorMap: { get(dataId: object): TensorData | undefined };
  bufferManager: { acquireBuffer(size: number, usage: number, mappedAtCreation?: boolean, reuse?: boolean): GpuBufferLike };
  queue: { writeBuffer(buffer: GpuBufferLike, offset: number, data: ArrayBufferView, dataOffset?: number, size?: number): void };
  uploadToGPU(dataId: object): void;
}

interface GpuBufferLike {
  size: number;
}

interface TensorData {
  dtype: string;
  shape: number[];
  values: ArrayLike<number> | null;
  resource?: unknown;
}

/** What a WebGPU buffer usage is made of (the GPUBufferUsage constants). */
const STORAGE = 0x80;
const COPY_SRC = 0x04;
const COPY_DST = 0x08;

/** The replacement for WebGPUBackend.prototype.uploadToGPU; `stock` handles what it leaves. */
export function makeUploadToGPU(stock: (this: BackendInternals, dataId: object) => void) {
  return function uploadToGPU(this: BackendInternals, dataId: object): void {
    const data = this.tensorMap.get(dataId);
    if (!data || data.resource != null || !data.values) return stock.call(this, dataId);
    const n = data.shape.reduce((a, b) => a * b, 1);
    // WebGPU stores bool as int32 (tfjs' GPUBytesPerElement is 4 for every dtype it uploads).
    let bytes: Float32Array | Int32Array;
    if (data.dtype === 'float32') bytes = data.values instanceof Float32Array ? data.values : Float32Array.from(data.values);
    else if (data.dtype === 'int32' || data.dtype === 'bool') bytes = data.values instanceof Int32Array ? data.values : Int32Array.from(data.values);
    else return stock.call(this, dataId);
    if (bytes.length !== n || n === 0) return stock.call(this, dataId);
    const buffer = this.bufferManager.acquireBuffer(n * 4, STORAGE | COPY_SRC | COPY_DST);
    this.queue.writeBuffer(buffer, 0, bytes, 0, n);
    data.resource = buffer;
    // As stock does: once uploaded, the host copy is dropped.
    data.values = null;
  };
}
