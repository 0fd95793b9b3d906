import { describe, expect, it } from 'vitest';
import { imageRead, withImageRead } from './imageRead.js';

describe('imageRead', () => {
  it('reads the loader defaults when nothing is said, and writes only what differs', () => {
    const ref = { file: 'data/pets', format: 'images' as const };
    expect(imageRead(ref)).toEqual({ size: 28, channels: 1 });
    const rgb = withImageRead(ref, { size: 32, channels: 3 });
    expect(rgb).toEqual({ file: 'data/pets', format: 'images', options: { size: [32, 32], channels: 3 } });
    expect(imageRead(rgb)).toEqual({ size: 32, channels: 3 });
    expect(withImageRead(rgb, { size: 28, channels: 1 })).toEqual(ref);
    // A file written by hand with color: 'rgb' reads as RGB, and is rewritten as channels.
    expect(imageRead({ ...ref, options: { color: 'rgb' } }).channels).toBe(3);
    expect(withImageRead({ ...ref, options: { color: 'rgb', other: 1 } }, { size: 64, channels: 1 })).toEqual({ ...ref, options: { other: 1, size: [64, 64] } });
  });
});
