// A slice of Fashion-MNIST's training set, read straight from Debian's IDX gzip files
// (package dataset-fashion-mnist), scaled to [0, 1] with one-hot labels, as the lecture does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fashionMnistDir } from '../backend/env.js';

export const FASHION_DIR = fashionMnistDir();

export interface ImageSlice {
  /** n × 28 × 28 pixels in [0, 1], row-major. */
  images: Float32Array;
  /** n × 10 one-hot rows. */
  oneHot: Float32Array;
  n: number;
}

function readIdx(path: string, magic: number, dims: number): { shape: number[]; bytes: Uint8Array } {
  let raw: Buffer;
  try {
    raw = gunzipSync(readFileSync(path));
  } catch (e) {
    throw new Error(`${path}: cannot read the IDX gzip file (${(e as Error).message}); install Debian's dataset-fashion-mnist or pass --data DIR`);
  }
  const got = raw.readUInt32BE(0);
  if (got !== magic) throw new Error(`${path}: magic number 0x${got.toString(16)} at byte 0, expected 0x${magic.toString(16)}`);
  const shape = Array.from({ length: dims }, (_, i) => raw.readUInt32BE(4 + 4 * i));
  const offset = 4 + 4 * dims;
  const size = shape.reduce((a, b) => a * b, 1);
  if (raw.length < offset + size) throw new Error(`${path}: ${raw.length - offset} data bytes, header ${shape.join('×')} needs ${size}`);
  return { shape, bytes: raw.subarray(offset, offset + size) };
}

/** The first n training images and labels (n ≤ 60,000); `upTo`: fewer where the files hold
 *  fewer (a cut of the set), else that is an error. */
export function loadFashionSlice(n: number, dir = FASHION_DIR, { upTo = false }: { upTo?: boolean } = {}): ImageSlice {
  const imgs = readIdx(join(dir, 'train-images-idx3-ubyte.gz'), 0x803, 3);
  const labels = readIdx(join(dir, 'train-labels-idx1-ubyte.gz'), 0x801, 1);
  const count = Math.min(n, imgs.shape[0]!, labels.shape[0]!);
  if (count < n && !upTo) throw new Error(`${dir}: ${count} training images, the benchmark needs ${n}`);
  const px = 28 * 28;
  const images = new Float32Array(count * px);
  for (let i = 0; i < images.length; i++) images[i] = imgs.bytes[i]! / 255;
  const oneHot = new Float32Array(count * 10);
  for (let i = 0; i < count; i++) {
    const label = labels.bytes[i]!;
    if (label > 9) throw new Error(`${dir}/train-labels-idx1-ubyte.gz: label ${label} at index ${i} is outside 0..9`);
    oneHot[i * 10 + label] = 1;
  }
  return { images, oneHot, n: count };
}
