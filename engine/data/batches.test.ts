import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { idxSource, splitSource } from './batches.js';
import { encodeIdx } from './io/idx.js';

describe('batch sources', () => {
  it('yield an in-memory split batch by batch', async () => {
    const s = splitSource({ x: Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), y: Float32Array.from([0, 1, 0, 1, 0]), count: 5 }, [2], []);
    const seen: number[][] = [];
    for await (const b of s.batches(2)) seen.push([b.count, ...b.y]);
    expect(seen).toEqual([[2, 0, 1], [2, 0, 1], [1, 0]]);
  });

  it('stream IDX images from disk with their labels, pixels / 255', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'batches-'));
    const img = join(dir, 'img.gz');
    const lab = join(dir, 'lab.gz');
    writeFileSync(img, gzipSync(encodeIdx('ubyte', [5, 2, 2], Array.from({ length: 20 }, (_, i) => i * 10))));
    writeFileSync(lab, gzipSync(encodeIdx('ubyte', [5], [4, 3, 2, 1, 0])));
    const s = await idxSource(img, lab);
    expect([s.count, ...s.inputShape]).toEqual([5, 2, 2, 1]);
    const out: { y: number[]; first: number }[] = [];
    for await (const b of s.batches(3)) out.push({ y: Array.from(b.y), first: b.x[0]! });
    expect(out).toEqual([
      { y: [4, 3, 2], first: 0 },
      { y: [1, 0], first: Math.fround(120 / 255) },
    ]);
    writeFileSync(lab, gzipSync(encodeIdx('ubyte', [4], [0, 0, 0, 0])));
    await expect(idxSource(img, lab)).rejects.toThrow(/5 images but 4 labels/);
  });

  it('reject a truncated gzip of images when opened, before any batch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'batches-'));
    const img = join(dir, 'img.gz');
    const lab = join(dir, 'lab.gz');
    const gz = gzipSync(encodeIdx('ubyte', [400, 8, 8], Array.from({ length: 400 * 64 }, (_, i) => (i * 37) % 256)));
    writeFileSync(img, gz.subarray(0, gz.length - 40));
    writeFileSync(lab, gzipSync(encodeIdx('ubyte', [400], Array.from({ length: 400 }, (_, i) => i % 10))));
    await expect(idxSource(img, lab)).rejects.toThrow(/img\.gz.*gzip data is truncated or corrupt/);
  });
});
