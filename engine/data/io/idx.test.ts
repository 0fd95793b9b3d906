import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { decodeIdx, encodeIdx, readIdxFile, streamIdx, type IdxDtype } from './idx.js';
import { DatasetError } from '../errors.js';

const FASHION = '/usr/share/datasets/fashion-mnist';
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'idx-'));
});
const write = (name: string, bytes: Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

describe('IDX reader', () => {
  const cases: [IdxDtype, number[]][] = [
    ['ubyte', [0, 7, 255, 128, 1, 2]],
    ['byte', [-128, -1, 0, 1, 127, 5]],
    ['short', [-32768, -2, 0, 300, 32767, 9]],
    ['int', [-2147483648, -70000, 0, 70000, 2147483647, 3]],
    ['float', [-1.5, 0, 0.25, 3.5, 1e10, -2]],
    ['double', [-1.5, 0, 0.25, 3.5, 1e-3, 2]],
  ];
  it.each(cases)('reads every IDX type, plain and gzip: %s', async (dtype, values) => {
    const bytes = encodeIdx(dtype, [3, 2], values);
    const expected = Float32Array.from(values);
    for (const [name, data] of [[`${dtype}.idx`, bytes], [`${dtype}.idx.gz`, gzipSync(bytes)]] as const) {
      const d = await readIdxFile(write(name, data));
      expect(d.header.dtype).toBe(dtype);
      expect(d.header.shape).toEqual([3, 2]);
      expect(d.count).toBe(3);
      expect(Array.from(d.values)).toEqual(Array.from(expected));
    }
    expect(Array.from(decodeIdx(bytes).values)).toEqual(Array.from(expected));
  });

  it('rejects a wrong magic number, naming the file and byte', async () => {
    const bytes = encodeIdx('ubyte', [2], [1, 2]);
    bytes[0] = 0x1a;
    const f = write('magic.idx', bytes);
    await expect(readIdxFile(f)).rejects.toThrow(/magic\.idx, index 0: not an IDX file: magic number starts with 0x1A/);
    const bad = encodeIdx('ubyte', [2], [1, 2]);
    bad[2] = 0x07;
    await expect(readIdxFile(write('type.idx', bad))).rejects.toThrow(/unknown IDX data type 0x07/);
  });

  it('a header whose size overflows floating point (Infinity, or NaN with a 0 after it) fails the size limit', async () => {
    // Magic 00 00 08 <ndims>, then ndims sizes: 200 dimensions of 2^32-1 multiply to Infinity in
    // doubles, and a trailing 0 turns that into NaN, which passed a `values > limit` check;
    // the same sizes after 0 items multiplied to 0 values and passed too.
    const header = (dims: number[]) => {
      const b = new Uint8Array(4 + 4 * dims.length);
      b.set([0, 0, 0x08, dims.length]);
      const dv = new DataView(b.buffer);
      dims.forEach((d, i) => dv.setUint32(4 + 4 * i, d, false));
      return b;
    };
    const huge = new Array<number>(200).fill(0xffffffff);
    for (const [name, dims, what, index] of [
      ['nan.idx', [...huge, 0], /dimension 201 is 0, so items would hold no values/, 4 + 4 * 200],
      ['inf.idx', huge, /= \d{100,} values, more than LayerLab can hold \(1073741824\)/, 4],
      ['zero-items.idx', [0, ...huge], /items of \d+ values each, more than LayerLab can hold/, 4],
      ['big.idx', [65536, 65536], /= 4294967296 values, more than LayerLab can hold/, 4],
    ] as const) {
      const f = write(name, header([...dims]));
      const err = await readIdxFile(f).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatasetError);
      expect(err).toMatchObject({ file: f, index });
      expect(String(err)).toMatch(what);
      expect(() => decodeIdx(header([...dims]), name)).toThrow(what);
    }
    // An empty file of ordinary items is still a valid header (0 items).
    expect(decodeIdx(header([0, 28, 28])).count).toBe(0);
  });

  it('rejects a header promising more items than a plain file holds, naming the item index', async () => {
    const bytes = encodeIdx('ubyte', [5, 4], new Array(20).fill(1)).subarray(0, 12 + 4 * 3 + 2);
    const f = write('short.idx', bytes);
    const err = await readIdxFile(f).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as DatasetError).file).toBe(f);
    expect((err as DatasetError).index).toBe(3);
    expect(String(err)).toMatch(/promises 5 items .* only 3 complete items; item index 3/);
  });

  it('rejects the same in a gzip file, after decompressing what there is', async () => {
    const bytes = encodeIdx('short', [4, 2], new Array(8).fill(300)).subarray(0, 12 + 2 * 2 * 2 + 1);
    const err = await readIdxFile(write('short.idx.gz', gzipSync(bytes))).catch((e: unknown) => e);
    expect(String(err)).toMatch(/short\.idx\.gz, index 2: header promises 4 items .* only 2 complete items/);
  });

  it('rejects a truncated gzip stream', async () => {
    const gz = gzipSync(encodeIdx('ubyte', [1000, 10], new Array(10000).fill(0).map((_, i) => i % 251)));
    const f = write('trunc.idx.gz', gz.subarray(0, Math.floor(gz.length / 2)));
    await expect(readIdxFile(f)).rejects.toThrow(/trunc\.idx\.gz.*gzip data is truncated or corrupt/);
  });

  it('rejects bytes left over after the promised items', async () => {
    const bytes = encodeIdx('ubyte', [2], [1, 2]);
    const f = write('extra.idx', new Uint8Array([...bytes, 9, 9]));
    await expect(readIdxFile(f)).rejects.toThrow(/2 unexpected bytes after the last of 2 items/);
    await expect(readIdxFile(write('extra.idx.gz', gzipSync(new Uint8Array([...bytes, 9]))))).rejects.toThrow(/1 unexpected bytes/);
  });

  it('rejects empty and missing files', async () => {
    await expect(readIdxFile(write('empty.idx', new Uint8Array(0)))).rejects.toThrow(/too short for an IDX header/);
    await expect(readIdxFile(join(dir, 'nope.idx'))).rejects.toThrow(/nope\.idx: file not found/);
  });

  it('streams items in batches', async () => {
    const values = Array.from({ length: 7 * 3 }, (_, i) => i);
    const f = write('stream.idx.gz', gzipSync(encodeIdx('int', [7, 3], values)));
    const batches = [];
    for await (const b of streamIdx(f, 3)) batches.push({ start: b.start, count: b.count, first: b.values[0] });
    expect(batches).toEqual([
      { start: 0, count: 3, first: 0 },
      { start: 3, count: 3, first: 9 },
      { start: 6, count: 1, first: 18 },
    ]);
  });

  it('random bytes never escape as anything but a DatasetError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          decodeIdx(bytes);
        } catch (e) {
          if (!(e instanceof DatasetError)) throw e;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('corrupted files (plain and gzip) are read or rejected with a DatasetError', async () => {
    const good = encodeIdx('short', [6, 2], Array.from({ length: 12 }, (_, i) => i * 100));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        fc.nat(good.length),
        fc.boolean(),
        async (flips, cut, gz) => {
          const b = good.slice(0, cut);
          for (const [i, v] of flips) if (i < b.length) b[i] = v;
          const data = gz ? gzipSync(b) : b;
          const out = await readIdxFile(write(`fuzz${gz ? '.gz' : ''}`, data)).catch((e: unknown) => {
            if (!(e instanceof DatasetError)) throw e;
            return null;
          });
          // Whatever is accepted is whole: exactly the values the header promises.
          if (out) expect(out.values.length).toBe(out.header.shape.reduce((a, c) => a * c, 1));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe.runIf(existsSync(FASHION))('Fashion-MNIST files from Debian', () => {
  it('the train images header is [60000, 28, 28] ubyte and a slice reads real pixels', async () => {
    const f = join(FASHION, 'train-images-idx3-ubyte.gz');
    const d = await readIdxFile(f, { limit: 10 });
    expect(d.header.dtype).toBe('ubyte');
    expect(d.header.shape).toEqual([60000, 28, 28]);
    expect(d.count).toBe(10);
    expect(d.values.length).toBe(10 * 784);
    expect(Math.max(...d.values)).toBe(255);
    expect(d.values.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)).toBe(true);
    // the first training label of Fashion-MNIST is 9 (ankle boot)
    const l = await readIdxFile(join(FASHION, 'train-labels-idx1-ubyte.gz'), { limit: 3 });
    expect(Array.from(l.values)).toEqual([9, 0, 0]);
  });

  it('a truncated copy of the real file is rejected', async () => {
    const real = readFileSync(join(FASHION, 't10k-labels-idx1-ubyte.gz'));
    await expect(readIdxFile(write('t10k-cut.gz', real.subarray(0, real.length - 100)))).rejects.toThrow(DatasetError);
  });
});
