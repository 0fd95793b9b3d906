// Image folders: one sub-folder per class, every image decoded with sharp, resized to a
// chosen size, grayscale or RGB, pixels kept as 0..255 (scaling is preprocessing's job).
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DatasetError } from '../errors.js';
import { checkDataPath } from './dataPath.js';

export interface ImageFolderOptions {
  /** [height, width] every image is resized to; default [28, 28]. */
  size?: [number, number];
  /** 1 = grayscale, 3 = RGB; default 1. */
  channels?: 1 | 3;
  /** Called as images are decoded: images done, of how many (throttled by the caller). */
  onImages?: (done: number, total: number) => void;
}

export interface ImageFolder {
  classNames: string[];
  /** [height, width, channels] */
  shape: [number, number, number];
  count: number;
  /** `count * h * w * c` pixels, 0..255. */
  x: Float32Array;
  y: Float32Array;
  files: string[];
}

export const IMAGE_EXT = /\.(png|jpe?g|gif|webp|tiff?|bmp|avif|svg)$/i;

async function listDir(dir: string): Promise<string[]> {
  checkDataPath(dir, 'folder', 'folder not found or unreadable');
  try {
    return (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  } catch {
    throw new DatasetError('folder not found or unreadable', { file: dir });
  }
}

export async function readImageFolder(dir: string, opts: ImageFolderOptions = {}): Promise<ImageFolder> {
  const [h, w] = opts.size ?? [28, 28];
  const c = opts.channels ?? 1;
  if (![h, w].every((d) => Number.isInteger(d) && d > 0 && d <= 4096)) {
    throw new DatasetError(`image size [${h}, ${w}] must be two whole numbers from 1 to 4096`, { file: dir });
  }
  if (c !== 1 && c !== 3) throw new DatasetError(`channels must be 1 (grayscale) or 3 (RGB), got ${String(c)}`, { file: dir });
  const entries = await listDir(dir);
  const classNames: string[] = [];
  for (const name of entries) if ((await stat(join(dir, name))).isDirectory()) classNames.push(name);
  if (classNames.length === 0) {
    throw new DatasetError('the folder is empty: it needs one sub-folder of images per class', { file: dir });
  }
  const files: string[] = [];
  const labels: number[] = [];
  for (const [k, cls] of classNames.entries()) {
    const sub = join(dir, cls);
    const imgs = (await listDir(sub)).filter((n) => IMAGE_EXT.test(n));
    if (imgs.length === 0) throw new DatasetError(`class folder "${cls}" holds no images`, { file: sub });
    for (const f of imgs) {
      files.push(join(sub, f));
      labels.push(k);
    }
  }
  const per = h * w * c;
  const x = new Float32Array(files.length * per);
  // A few decodes in flight keep the cores busy; more would only queue inside libvips.
  let next = 0;
  let decoded = 0;
  let failed = false;
  opts.onImages?.(0, files.length);
  const worker = async () => {
    while (next < files.length && !failed) {
      const i = next++;
      try {
        x.set(await decode(files[i]!, i, w, h, c), i * per);
        opts.onImages?.(++decoded, files.length);
      } catch (e) {
        failed = true; // the others stop after their current image
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, files.length) }, worker));
  return { classNames, shape: [h, w, c], count: files.length, x, y: Float32Array.from(labels), files };
}

// sharp (a native addon) loads on the first image, so commands that read no image folder
// start without it.
let sharpModule: Promise<typeof import('sharp')> | null = null;

/** One image file read as an image folder reads each of its images: resized to
 *  `size` = [height, width] (stretched), grayscale or RGB, pixels 0..255 (for predicting on
 *  a file with a run trained on such images). */
export async function readImageFile(file: string, size: [number, number], channels: 1 | 3): Promise<Float32Array> {
  return Float32Array.from(await decode(file, undefined, size[1], size[0], channels));
}

async function decode(f: string, i: number | undefined, w: number, h: number, c: 1 | 3): Promise<Buffer> {
  const sharp = (await (sharpModule ??= import('sharp'))).default;
  checkDataPath(f, 'file');
  let px: Buffer;
  try {
    let img = sharp(f, { failOn: 'error' }).resize(w, h, { fit: 'fill' }).removeAlpha();
    img = c === 1 ? img.grayscale() : img.toColourspace('srgb');
    px = await img.raw().toBuffer();
  } catch (e) {
    throw new DatasetError(`cannot decode the image (${e instanceof Error ? e.message : String(e)})`, { file: f, index: i });
  }
  if (px.length !== h * w * c) {
    throw new DatasetError(`decoded to ${px.length} bytes, expected ${h}×${w}×${c} = ${h * w * c}`, { file: f, index: i });
  }
  return px;
}
