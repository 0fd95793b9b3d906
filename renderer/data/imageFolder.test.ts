import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../../electron/contract.js';
import { MAX_IMAGE_FILES } from '../../electron/image-upload.js';
import { planImageFolder } from './imageFolder.js';

describe('planImageFolder', () => {
  it('takes the class folders’ images, skips the rest, and refuses what the host would', () => {
    const plan = planImageFolder([
      { path: 'pets/cat/a.png', size: 100 },
      { path: 'pets/dog/b.jpg', size: 100 },
      { path: 'pets/notes.txt', size: 5 },
    ]);
    expect(plan).toEqual({ folder: 'pets', take: [{ path: 'pets/cat/a.png', name: 'cat/a.png' }, { path: 'pets/dog/b.jpg', name: 'dog/b.jpg' }], skipped: 1 });
    expect(planImageFolder([{ path: 'flat/a.png', size: 1 }])).toEqual({ error: expect.stringMatching(/^flat holds no images in class folders/) });
    const many = Array.from({ length: MAX_IMAGE_FILES + 1 }, (_, i) => ({ path: `f/c/${i}.png`, size: 1 }));
    expect(planImageFolder(many)).toEqual({ error: expect.stringMatching(/^f holds 10,001 images; browser mode uploads at most 10,000/) });
    // 3 bytes become 4 in base64: 3/4 of the limit in bytes fits, a little more does not.
    const fits = Math.floor((MAX_UPLOAD_BYTES / 4) * 3);
    expect(planImageFolder([{ path: 'f/c/a.png', size: fits }])).not.toHaveProperty('error');
    expect(planImageFolder([{ path: 'f/c/a.png', size: fits + 3 }])).toEqual({ error: expect.stringMatching(/^f's images take \d+ MB to send/) });
  });
});
