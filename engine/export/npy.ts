// NumPy's own file formats, so that stock numpy reads the weights without extra packages:
// `.npy` (format 1.0: magic, a Python-literal header padded to 64 bytes, raw little-endian
// data) and `.npz` (np.savez: a zip of `.npy` files, one per key, stored uncompressed).
import { unzipSync, zipSync } from 'fflate';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

export interface NpyArray {
  shape: number[];
  data: Float32Array;
}

/** One float32 array as the bytes of a `.npy` file. */
export function npyBytes(shape: readonly number[], data: ArrayLike<number>): Uint8Array {
  const size = shape.reduce((a, b) => a * b, 1);
  if (data.length !== size) throw new Error(`.npy: ${data.length} values for shape [${shape.join(', ')}]`);
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${dims}, }`;
  // magic (6) + version (2) + length (2) + header, padded with spaces and ended by '\n' to 64.
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const head = new TextEncoder().encode(header);
  const out = new Uint8Array(10 + head.length + size * 4);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, head.length, true);
  out.set(head, 10);
  const values = Float32Array.from(data);
  const view = new DataView(out.buffer, 10 + head.length);
  for (let i = 0; i < size; i++) view.setFloat32(i * 4, values[i]!, true);
  return out;
}

/** Reads a `.npy` file (C order) of float32/64, uint8 or int32/64 values as float32. */
export function readNpy(bytes: Uint8Array, what = '.npy file'): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error(`${what} is not a NumPy .npy file (no \\x93NUMPY magic)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6]!;
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined) throw new Error(`${what}: unreadable .npy header ${JSON.stringify(header.trim())}`);
  if (fortran === 'True') throw new Error(`${what}: Fortran-ordered arrays are not read`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  const size = shape.reduce((a, b) => a * b, 1);
  const offset = start + headerLen;
  const data = new Float32Array(size);
  const body = new DataView(bytes.buffer, bytes.byteOffset + offset, bytes.byteLength - offset);
  // float32/64 as exported models take them; uint8 and int32/64 as images and counts come.
  const readers: Record<string, [number, (o: number) => number]> = {
    '<f4': [4, (o) => body.getFloat32(o, true)],
    '<f8': [8, (o) => body.getFloat64(o, true)],
    '|u1': [1, (o) => body.getUint8(o)],
    '<i4': [4, (o) => body.getInt32(o, true)],
    '<i8': [8, (o) => Number(body.getBigInt64(o, true))],
  };
  const reader = readers[descr];
  if (!reader) throw new Error(`${what}: dtype '${descr}' is not read (float32, float64, uint8, int32 or int64)`);
  const [width, get] = reader;
  if (body.byteLength < size * width) throw new Error(`${what}: ${body.byteLength} bytes of data for shape [${shape.join(', ')}]`);
  for (let i = 0; i < size; i++) data[i] = get(i * width);
  return { shape, data };
}

/** Arrays by key as the bytes of an `.npz` file (np.load(path)[key] gives each back). */
export function npzBytes(arrays: ReadonlyMap<string, NpyArray> | Record<string, NpyArray>): Uint8Array {
  const entries = arrays instanceof Map ? [...arrays.entries()] : Object.entries(arrays);
  const files: Record<string, Uint8Array> = {};
  for (const [key, a] of entries) files[`${key}.npy`] = npyBytes(a.shape, a.data);
  // Stored, not deflated: numpy reads either; the weights barely compress and this is faster.
  return zipSync(files, { level: 0 });
}

/** The arrays of an `.npz` file by key. */
export function readNpz(bytes: Uint8Array): Map<string, NpyArray> {
  const out = new Map<string, NpyArray>();
  for (const [name, data] of Object.entries(unzipSync(bytes))) out.set(name.replace(/\.npy$/, ''), readNpy(data, name));
  return out;
}
