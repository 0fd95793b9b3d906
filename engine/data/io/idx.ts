// IDX files (LeCun's MNIST format): a 4-byte magic (0, 0, type, ndims), ndims big-endian
// uint32 sizes, then the items, big-endian, row-major. Gzip or plain, detected by the
// content. Read as a stream; the header is checked against the bytes that actually arrive,
// and the reader throws before returning anything when the file ends early, so a half-read
// file never becomes a dataset.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { DatasetError } from '../errors.js';
import { checkDataPath } from './dataPath.js';
import { plainShape } from '../../layers/shape-text.js';

export const IDX_TYPES = {
  0x08: { dtype: 'ubyte', size: 1 },
  0x09: { dtype: 'byte', size: 1 },
  0x0b: { dtype: 'short', size: 2 },
  0x0c: { dtype: 'int', size: 4 },
  0x0d: { dtype: 'float', size: 4 },
  0x0e: { dtype: 'double', size: 8 },
} as const;
export type IdxDtype = (typeof IDX_TYPES)[keyof typeof IDX_TYPES]['dtype'];

export interface IdxHeader {
  dtype: IdxDtype;
  typeCode: number;
  /** Bytes per value. */
  size: number;
  /** Full shape, items first: e.g. [60000, 28, 28]. */
  shape: number[];
  headerBytes: number;
}

/** The most values one IDX file may hold here (a Float32Array this long is 4 GiB). */
export const MAX_IDX_VALUES = 2 ** 30;

/** Parses the header from the first bytes; null when more bytes are needed. */
export function parseIdxHeader(b: Uint8Array, file: string): IdxHeader | null {
  if (b.length < 4) return null;
  if (b[0] !== 0 || b[1] !== 0) {
    throw new DatasetError(
      `not an IDX file: magic number starts with 0x${hex(b[0]!)} 0x${hex(b[1]!)}, expected 0x00 0x00`,
      { file, index: 0 },
    );
  }
  const typeCode = b[2]!;
  const t = IDX_TYPES[typeCode as keyof typeof IDX_TYPES];
  if (!t) {
    throw new DatasetError(
      `unknown IDX data type 0x${hex(typeCode)} in the magic number; expected one of 08 (ubyte), 09 (byte), 0B (short), 0C (int), 0D (float), 0E (double)`,
      { file, index: 2 },
    );
  }
  const ndims = b[3]!;
  if (ndims === 0) throw new DatasetError('IDX header declares 0 dimensions', { file, index: 3 });
  const headerBytes = 4 + 4 * ndims;
  if (b.length < headerBytes) return null;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const shape: number[] = [];
  for (let i = 0; i < ndims; i++) shape.push(dv.getUint32(4 + 4 * i, false));
  // An item dimension of 0 leaves nothing to learn from, and its product with huge sizes
  // is NaN in floating point (which no size check stops).
  const empty = shape.indexOf(0, 1);
  if (empty > 0) {
    throw new DatasetError(`IDX header declares shape ${plainShape(shape)}: dimension ${empty + 1} is 0, so items would hold no values`, { file, index: 4 + 4 * empty });
  }
  // Exact products (BigInt): in floating point, 255 dimensions of 2^32 overflow to Infinity.
  // The size of one item is bounded too, or a file of 0 items with huge items would pass.
  const values = shape.reduce((a, c) => a * BigInt(c), 1n);
  const perItem = shape.slice(1).reduce((a, c) => a * BigInt(c), 1n);
  const limit = BigInt(MAX_IDX_VALUES);
  if (values > limit || perItem > limit) {
    const what = values > limit ? `${values} values` : `items of ${perItem} values each`;
    throw new DatasetError(`IDX header promises shape ${plainShape(shape)} = ${what}, more than LayerLab can hold (${MAX_IDX_VALUES})`, { file, index: 4 });
  }
  return { dtype: t.dtype, typeCode, size: t.size, shape, headerBytes };
}

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}

function reader(h: IdxHeader): (dv: DataView, off: number) => number {
  switch (h.dtype) {
    case 'ubyte': return (dv, o) => dv.getUint8(o);
    case 'byte': return (dv, o) => dv.getInt8(o);
    case 'short': return (dv, o) => dv.getInt16(o, false);
    case 'int': return (dv, o) => dv.getInt32(o, false);
    case 'float': return (dv, o) => dv.getFloat32(o, false);
    case 'double': return (dv, o) => dv.getFloat64(o, false);
  }
}

export interface IdxData {
  header: IdxHeader;
  /** Items actually read (all of them unless `limit` was given). */
  count: number;
  /** `count * prod(shape[1:])` values. */
  values: Float32Array;
}

/** Decodes a whole IDX file held in memory (plain, not gzip). */
export function decodeIdx(bytes: Uint8Array, file = '<bytes>'): IdxData {
  const header = parseIdxHeader(bytes, file);
  if (!header) throw new DatasetError(`file is too short for an IDX header (${bytes.length} bytes)`, { file });
  checkLength(header, bytes.length, file);
  const n = header.shape.reduce((a, c) => a * c, 1);
  const values = new Float32Array(n);
  const read = reader(header);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < n; i++) values[i] = read(dv, header.headerBytes + i * header.size);
  return { header, count: header.shape[0]!, values };
}

function itemValues(h: IdxHeader): number {
  return h.shape.slice(1).reduce((a, c) => a * c, 1);
}

/** Compares the length the header promises with the bytes there are (plain files). */
function checkLength(h: IdxHeader, length: number, file: string): void {
  const perItem = itemValues(h) * h.size;
  const expected = h.headerBytes + h.shape[0]! * perItem;
  if (length < expected) {
    const have = perItem > 0 ? Math.floor((length - h.headerBytes) / perItem) : 0;
    throw new DatasetError(
      `header promises ${h.shape[0]} items of shape ${plainShape(h.shape.slice(1))} (${expected} bytes) but the file holds ${length} bytes: only ${have} complete items; item index ${have} is missing or cut short`,
      { file, index: have },
    );
  }
  if (length > expected) {
    throw new DatasetError(`${length - expected} unexpected bytes after the last of ${h.shape[0]} items the header promises`, { file, index: h.shape[0] });
  }
}

export interface ReadIdxOptions {
  /** Stop after this many items (a deliberate slice; the rest of the file is not read). */
  limit?: number;
  /** Only check the file and count; keep no values. */
  countOnly?: boolean;
  /** Called as items are decoded: items done, of how many (throttled by the caller). */
  onItems?: (done: number, total: number) => void;
}

async function isGzip(file: string): Promise<boolean> {
  const s = createReadStream(file, { start: 0, end: 1 });
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  const b = Buffer.concat(chunks);
  return b.length === 2 && b[0] === 0x1f && b[1] === 0x8b;
}

type Chunk = { header: IdxHeader; values: Float32Array | null };

/**
 * Decodes an IDX file (gzip or plain) as a stream: yields the header first (values null),
 * then the values of each chunk. Throws DatasetError naming the file and item index on a
 * bad magic, a truncated gzip, fewer items than promised or bytes left over, so whoever
 * collects the values sees nothing valid from a half-read file.
 */
async function* decodeStream(file: string, opts: ReadIdxOptions): AsyncGenerator<Chunk> {
  if (checkDataPath(file, 'either') === 'folder') throw new DatasetError('is a folder, not an IDX file', { file });
  const st = await stat(file);
  const gz = await isGzip(file);
  const raw = createReadStream(file);
  const stream = gz ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (e) => stream.destroy(e));

  let head: Uint8Array = new Uint8Array(0);
  let header: IdxHeader | null = null;
  let filled = 0; // values decoded
  let total = 0; // values wanted
  let rest: Uint8Array = new Uint8Array(0); // bytes of a value split across chunks
  let extra = 0;
  let decoded = 0; // decompressed bytes seen
  let read: ((dv: DataView, o: number) => number) | null = null;
  let perItem = 1;
  let done = false;

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      decoded += chunk.length;
      let data: Uint8Array = chunk;
      if (!header) {
        head = concat(head, data);
        header = parseIdxHeader(head, file);
        if (!header) continue;
        if (!gz) checkLength(header, st.size, file);
        perItem = itemValues(header);
        const items = opts.limit !== undefined ? Math.min(opts.limit, header.shape[0]!) : header.shape[0]!;
        total = items * perItem;
        read = reader(header);
        yield { header, values: null };
        data = head.subarray(header.headerBytes);
      }
      if (rest.length) {
        data = concat(rest, data);
        rest = new Uint8Array(0);
      }
      const size = header.size;
      const n = Math.floor(data.length / size);
      const want = Math.min(n, total - filled);
      if (want > 0 && !opts.countOnly) {
        const values = new Float32Array(want);
        if (header.dtype === 'ubyte') {
          values.set(data.subarray(0, want)); // a typed-array copy turns bytes into floats
        } else {
          const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
          for (let i = 0; i < want; i++) values[i] = read!(dv, i * size);
        }
        filled += want;
        yield { header, values };
      } else {
        filled += want;
      }
      if (filled >= total) {
        extra += data.length - want * size;
        if (opts.limit !== undefined) {
          done = true; // a deliberate slice: stop reading here
          break;
        }
      } else {
        rest = data.slice(n * size);
      }
    }
  } catch (e) {
    if (e instanceof DatasetError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    const at = header && perItem ? Math.floor(filled / perItem) : 0;
    throw new DatasetError(
      gz
        ? `gzip data is truncated or corrupt (${msg}) after ${decoded} decompressed bytes, at item index ${at}`
        : `read failed (${msg}) at item index ${at}`,
      { file, index: at },
    );
  } finally {
    stream.destroy();
    raw.destroy();
  }
  if (!header) {
    throw new DatasetError(`file is too short for an IDX header (${decoded} bytes${gz ? ' after gunzip' : ''})`, { file });
  }
  if (filled < total) {
    const have = Math.floor(filled / perItem);
    throw new DatasetError(
      `header promises ${header.shape[0]} items of shape ${plainShape(header.shape.slice(1))} but the file holds only ${have} complete items; item index ${have} is missing or cut short`,
      { file, index: have },
    );
  }
  if (!done && extra > 0) {
    throw new DatasetError(`${extra} unexpected bytes after the last of ${header.shape[0]} items the header promises`, { file, index: header.shape[0] });
  }
}

/** Streams a whole IDX file (or its first `limit` items) into one Float32Array. */
export async function readIdxFile(file: string, opts: ReadIdxOptions = {}): Promise<IdxData> {
  let header: IdxHeader | null = null;
  let values = new Float32Array(0);
  let filled = 0;
  let total = 0;
  for await (const c of decodeStream(file, opts)) {
    if (!c.values) {
      header = c.header;
      const items = opts.limit !== undefined ? Math.min(opts.limit, header.shape[0]!) : header.shape[0]!;
      total = items * itemValues(header);
      // Grow as bytes arrive rather than trusting the header with one huge allocation.
      values = new Float32Array(opts.countOnly ? 0 : Math.min(total, 1 << 20));
      opts.onItems?.(0, items);
      continue;
    }
    if (filled + c.values.length > values.length) {
      const grown = new Float32Array(Math.min(total, Math.max(values.length * 2, filled + c.values.length)));
      grown.set(values.subarray(0, filled));
      values = grown;
    }
    values.set(c.values, filled);
    filled += c.values.length;
    if (opts.onItems) {
      const per = itemValues(header!);
      opts.onItems(per ? Math.floor(filled / per) : 0, per ? total / per : 0);
    }
  }
  const h = header!;
  const perItem = itemValues(h);
  const items = opts.limit !== undefined ? Math.min(opts.limit, h.shape[0]!) : h.shape[0]!;
  return { header: h, count: perItem ? (opts.countOnly ? items : filled / perItem) : items, values: values.subarray(0, filled) };
}

/** Yields the items of an IDX file `batchSize` at a time, reading only as they are consumed. */
export async function* streamIdx(file: string, batchSize: number): AsyncGenerator<{ start: number; count: number; values: Float32Array }> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new DatasetError(`batch size must be a positive whole number, got ${batchSize}`, { file });
  let perItem = 1;
  let buf = new Float32Array(0);
  let used = 0;
  let start = 0;
  for await (const c of decodeStream(file, {})) {
    if (!c.values) {
      perItem = itemValues(c.header);
      buf = new Float32Array(batchSize * perItem);
      continue;
    }
    let off = 0;
    while (off < c.values.length) {
      const n = Math.min(buf.length - used, c.values.length - off);
      buf.set(c.values.subarray(off, off + n), used);
      used += n;
      off += n;
      if (used === buf.length) {
        yield { start, count: batchSize, values: buf.slice() };
        start += batchSize;
        used = 0;
      }
    }
  }
  if (used > 0 && perItem > 0) yield { start, count: used / perItem, values: buf.slice(0, used) };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (!a.length) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Writes an IDX file's bytes (tests and export of small sets). */
export function encodeIdx(dtype: IdxDtype, shape: number[], values: ArrayLike<number>): Uint8Array {
  const code = Number(Object.entries(IDX_TYPES).find(([, t]) => t.dtype === dtype)![0]);
  const size = IDX_TYPES[code as keyof typeof IDX_TYPES].size;
  const hb = 4 + 4 * shape.length;
  const out = new Uint8Array(hb + values.length * size);
  const dv = new DataView(out.buffer);
  out[2] = code;
  out[3] = shape.length;
  shape.forEach((d, i) => dv.setUint32(4 + 4 * i, d, false));
  for (let i = 0; i < values.length; i++) {
    const o = hb + i * size;
    const v = values[i]!;
    if (dtype === 'ubyte') dv.setUint8(o, v);
    else if (dtype === 'byte') dv.setInt8(o, v);
    else if (dtype === 'short') dv.setInt16(o, v, false);
    else if (dtype === 'int') dv.setInt32(o, v, false);
    else if (dtype === 'float') dv.setFloat32(o, v, false);
    else dv.setFloat64(o, v, false);
  }
  return out;
}
