// Batch sources: a split yielded batch by batch. In memory for loaded splits; streamed from
// disk for IDX files too big to hold (the images are read as they are consumed).
import type { Batch, BatchSource, Split } from './types.js';
import { DatasetError } from './errors.js';
import { prod } from './split.js';
import { readIdxFile, streamIdx } from './io/idx.js';

export function splitSource(split: Split, inputShape: number[], targetShape: number[]): BatchSource {
  const xs = prod(inputShape);
  const ys = prod(targetShape);
  return {
    count: split.count,
    inputShape,
    targetShape,
    async *batches(batchSize: number): AsyncIterable<Batch> {
      for (let s = 0; s < split.count; s += batchSize) {
        const e = Math.min(split.count, s + batchSize);
        yield { x: split.x.subarray(s * xs, e * xs), y: split.y.subarray(s * ys, e * ys), count: e - s };
      }
    },
  };
}

/** Streams images from an IDX file with its (small) labels file held in memory; pixels / 255. */
export async function idxSource(imagesFile: string, labelsFile: string): Promise<BatchSource> {
  const labels = await readIdxFile(labelsFile);
  // One pass over the whole file that keeps no values: a truncated or damaged file (which a
  // gzip shows only when decompressed to its end) fails here, with the item index, rather
  // than an epoch into training.
  const head = await readIdxFile(imagesFile, { countOnly: true });
  if (head.header.shape[0] !== labels.count) {
    throw new DatasetError(`${head.header.shape[0]} images but ${labels.count} labels in ${labelsFile}`, { file: imagesFile });
  }
  const item = head.header.shape.slice(1);
  const inputShape = item.length === 2 ? [...item, 1] : item;
  return {
    count: labels.count,
    inputShape,
    targetShape: [],
    async *batches(batchSize: number): AsyncIterable<Batch> {
      for await (const b of streamIdx(imagesFile, batchSize)) {
        const x = b.values;
        for (let i = 0; i < x.length; i++) x[i] = x[i]! / 255;
        yield { x, y: labels.values.slice(b.start, b.start + b.count), count: b.count };
      }
    },
  };
}
