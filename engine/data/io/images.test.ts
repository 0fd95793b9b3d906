import { describe, expect, it, beforeAll } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { readImageFolder } from './images.js';
import { DatasetError } from '../errors.js';

/** A solid-colour PNG of the given size. */
function png(w: number, h: number, rgb: [number, number, number]): Promise<Buffer> {
  return sharp({ create: { width: w, height: h, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }).png().toBuffer();
}

let root: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'imgs-'));
  const good = join(root, 'good');
  mkdirSync(join(good, 'black'), { recursive: true });
  mkdirSync(join(good, 'white'), { recursive: true });
  writeFileSync(join(good, 'black', 'a.png'), await png(10, 6, [0, 0, 0]));
  writeFileSync(join(good, 'black', 'b.png'), await png(40, 40, [0, 0, 0]));
  writeFileSync(join(good, 'white', 'c.png'), await png(5, 5, [255, 255, 255]));
  writeFileSync(join(good, 'white', 'notes.txt'), 'not an image, ignored');
});

describe('image folders', () => {
  it('decodes one sub-folder per class, resized, grayscale', async () => {
    const f = await readImageFolder(join(root, 'good'), { size: [8, 8] });
    expect(f.classNames).toEqual(['black', 'white']);
    expect(f.shape).toEqual([8, 8, 1]);
    expect(f.count).toBe(3);
    expect(Array.from(f.y)).toEqual([0, 0, 1]);
    expect(f.x.length).toBe(3 * 64);
    expect(Math.max(...f.x.subarray(0, 128))).toBe(0);
    expect(Math.min(...f.x.subarray(128))).toBe(255);
  });

  it('keeps three channels in RGB mode', async () => {
    const f = await readImageFolder(join(root, 'good'), { size: [4, 6], channels: 3 });
    expect(f.shape).toEqual([4, 6, 3]);
    expect(f.x.length).toBe(3 * 4 * 6 * 3);
  });

  it('rejects an empty folder and a class folder without images', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    await expect(readImageFolder(empty)).rejects.toThrow(/empty: the folder is empty: it needs one sub-folder of images per class/);
    const noImg = join(root, 'noimg');
    mkdirSync(join(noImg, 'cats'), { recursive: true });
    await expect(readImageFolder(noImg)).rejects.toThrow(/cats: class folder "cats" holds no images/);
  });

  it('rejects an unreadable image naming the file', async () => {
    const bad = join(root, 'bad');
    mkdirSync(join(bad, 'x'), { recursive: true });
    writeFileSync(join(bad, 'x', 'ok.png'), await png(3, 3, [9, 9, 9]));
    writeFileSync(join(bad, 'x', 'broken.png'), Buffer.from('this is not a png at all'));
    const err = await readImageFolder(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as DatasetError).file).toBe(join(bad, 'x', 'broken.png'));
    expect(String(err)).toMatch(/cannot decode the image/);
  });
});
