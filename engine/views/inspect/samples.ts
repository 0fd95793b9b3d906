// Raw examples of a split (see ./samples.schema.ts).
import type { Dataset, Split } from '../../data/types.js';
import type { InspectParams, InspectReply } from './schemas.js';
import type { InspectCompute } from './types.js';

const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/** Feature `i` of a flat example back in the data's own units (the loader's scaling undone). */
export function rawExample(ds: Dataset, split: Split, index: number): Float32Array {
  const w = prod(ds.inputShape);
  const out = split.x.slice(index * w, (index + 1) * w);
  const p = ds.preprocessing;
  if (!p) return out;
  for (let i = 0; i < w; i++) {
    const k = p.offset.length === 1 ? 0 : i;
    out[i] = out[i]! * (p.divisor[k] ?? 1) + (p.offset[k] ?? 0);
  }
  return out;
}

/** Rounded for the wire: raw pixels are whole, CSV values keep 6 significant digits. */
const round = (v: number) => (Number.isInteger(v) ? v : Number(v.toPrecision(6)));

export const samples: InspectCompute<InspectParams<'samples'>, InspectReply<'samples'>> = {
  applies: () => true,
  compute({ dataset: ds }, p) {
    const split = ds[p.split];
    const ySize = ds.task === 'classification' ? 1 : Math.max(1, prod(ds.targetShape));
    let picked: number[];
    let matching = split.count;
    if (p.indices) {
      const bad = p.indices.find((i) => i >= split.count);
      if (bad !== undefined) throw new Error(`sample ${bad} is past the ${p.split} split's ${split.count} examples`);
      picked = p.indices;
    } else if (p.classIndex !== undefined) {
      if (ds.task !== 'classification') throw new Error(`classIndex: this dataset has no classes (its task is ${ds.task})`);
      const all: number[] = [];
      for (let i = 0; i < split.count; i++) if (split.y[i] === p.classIndex) all.push(i);
      matching = all.length;
      picked = all.slice(p.offset, p.offset + p.limit);
    } else picked = Array.from({ length: Math.max(0, Math.min(p.limit, split.count - p.offset)) }, (_, k) => p.offset + k);
    return {
      split: p.split,
      count: split.count,
      matching,
      inputShape: ds.inputShape,
      items: picked.map((index) => ({
        index,
        label: split.y[index * ySize]!,
        ...(ds.task === 'classification' ? {} : { target: Array.from(split.y.subarray(index * ySize, (index + 1) * ySize), round) }),
        x: Array.from(rawExample(ds, split, index), round),
      })),
    };
  },
};
