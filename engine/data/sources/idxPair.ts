// An IDX images file with its labels file, checked against each other.
import { basename, dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import type { Split } from '../types.js';
import { DatasetError } from '../errors.js';
import { readIdxFile, type IdxHeader } from '../io/idx.js';
import type { Report } from '../progress.js';
import { plainShape } from '../../layers/shape-text.js';

export interface IdxPair {
  split: Split;
  /** Shape of one image, e.g. [28, 28]. */
  itemShape: number[];
  header: IdxHeader;
}

/** `onImages` follows the images file (the labels file is small and read alongside). */
export async function readIdxPair(imagesFile: string, labelsFile: string, limit?: number, onImages?: Report): Promise<IdxPair> {
  const opt = limit !== undefined ? { limit } : {};
  const [img, lab] = await Promise.all([readIdxFile(imagesFile, { ...opt, ...(onImages ? { onItems: onImages } : {}) }), readIdxFile(labelsFile, opt)]);
  if (lab.header.shape.length !== 1) {
    throw new DatasetError(`a labels file holds one number per item, but its shape is ${plainShape(lab.header.shape)}`, { file: labelsFile });
  }
  if (img.count !== lab.count) {
    throw new DatasetError(`${img.count} images but ${lab.count} labels in ${labelsFile}`, { file: imagesFile });
  }
  return { split: { x: img.values, y: lab.values, count: img.count }, itemShape: img.header.shape.slice(1), header: img.header };
}

/** MNIST naming: train-images-idx3-ubyte(.gz) goes with train-labels-idx1-ubyte(.gz). */
export function guessLabelsFile(imagesFile: string): string | null {
  const name = basename(imagesFile);
  if (!name.includes('images')) return null;
  const guess = join(dirname(imagesFile), name.replace('images', 'labels').replace('idx3', 'idx1'));
  return existsSync(guess) ? guess : null;
}
