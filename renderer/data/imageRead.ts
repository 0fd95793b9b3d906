// How an image folder is read (the loader's options `size` and `channels`): each image
// resized to a square and made grayscale or RGB. Chosen in the Data view, one undoable edit.
import type { DatasetRef } from '../../engine/project/types.js';

export const IMAGE_SIZES = [28, 32, 64, 96] as const;

export interface ImageRead {
  size: number;
  channels: 1 | 3;
}

/** The reading `ref` asks for; the loader's defaults (28×28, grayscale) where it names none. */
export function imageRead(ref: DatasetRef): ImageRead {
  const o = ref.options ?? {};
  const size = Array.isArray(o.size) && typeof o.size[0] === 'number' ? o.size[0] : 28;
  const channels = o.channels === 3 || o.color === 'rgb' ? 3 : 1;
  return { size, channels };
}

/** `ref` reading its images as `read`; the defaults are left unsaid. */
export function withImageRead(ref: DatasetRef, read: ImageRead): DatasetRef {
  const { size: _s, channels: _c, color: _k, ...rest } = ref.options ?? {};
  const options = { ...rest, ...(read.size !== 28 ? { size: [read.size, read.size] } : {}), ...(read.channels !== 1 ? { channels: read.channels } : {}) };
  const { options: _o, ...bare } = ref;
  return Object.keys(options).length ? { ...bare, options } : bare;
}
