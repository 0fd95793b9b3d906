// Image folders through datasets.import with a real session and worker: browser mode's upload
// (every name checked, written into a fresh workspace folder, one sub-folder per class) and
// Electron's folder dialog; what comes back loads as a dataset with the folder's classes.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES_DIR } from '../engine/project/templates.js';
import { parseResponse } from './contract.js';
import { Session } from './handlers.js';
import { folderUploadNames, imageUploadProblem } from './image-upload.js';
import type { DatasetPreviewWire } from './schemas.js';
import { tsxWorker } from './trainer.js';
import { workspaceDialogs } from './web-dialogs.js';

let dir: string;
let s: Session;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'layerlab-images-'));
  s = new Session({ dialogs: workspaceDialogs(dir), workspace: dir, templatesDir: TEMPLATES_DIR, worker: tsxWorker(), emit: () => undefined });
});
afterAll(async () => {
  await s.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** An 8×8 PNG of one gray level. */
const png = (v: number) => sharp({ create: { width: 8, height: 8, channels: 3, background: { r: v, g: v, b: v } } }).png().toBuffer();

async function folder(): Promise<{ name: string; base64: string }[]> {
  const files = [];
  for (const [cls, v] of [['dark', 20], ['light', 230]] as const) for (let i = 0; i < 3; i++) files.push({ name: `${cls}/${i}.png`, base64: (await png(v + i)).toString('base64') });
  return files;
}

describe('datasets.import of an image folder (browser mode upload)', () => {
  it('writes the images into a new workspace folder, one sub-folder per class, that loads with those classes', async () => {
    const env = await s.handle('datasets.import', { images: { name: 'shades', files: await folder() } });
    if (!env.ok) throw new Error(env.error.message);
    const r = parseResponse('datasets.import', env.value);
    expect(r).toEqual({ canceled: false, dataset: { file: 'data/shades', format: 'images' }, name: 'shades' });
    expect(await readdir(path.join(dir, 'data', 'shades'))).toEqual(['dark', 'light']);
    expect((await readdir(path.join(dir, 'data', 'shades', 'light'))).sort()).toEqual(['0.png', '1.png', '2.png']);
    const p = (await s.handle('datasets.preview', { dataset: { file: 'data/shades', format: 'images' }, samples: 6 })) as { ok: true; value: DatasetPreviewWire };
    expect(p.ok).toBe(true);
    expect(p.value.classNames).toEqual(['dark', 'light']);
    expect(p.value.classCounts).toEqual([3, 3]);
    expect(p.value.inputShape).toEqual([28, 28, 1]);
    expect(p.value.images!.length).toBeGreaterThan(0);
    // A second upload of the same name gets its own folder; nothing is written over.
    const again = await s.handle('datasets.import', { images: { name: 'shades', files: await folder() } });
    expect(again.ok && (again.value as { dataset: { file: string } }).dataset.file).toBe('data/shades-2');
  }, 60_000);

  it.each([
    ['../x.png', /'\.\.' is not a class folder name/],
    ['/etc/x.png', /absolute path/],
    ['cls/../../x.png', /more than one level/],
    ['a/b/c.png', /more than one level/],
    ['x.png', /no class folder/],
    ['cls/evil.svg', /not an image/],
    ['cls/run.sh', /not an image/],
    ['..\\x.png', /backslash/],
    ['C:/x.png', /absolute/],
    ['cls/.hidden.png', /hidden/],
  ])('refuses %s by name and writes nothing', async (bad, why) => {
    const before = await readdir(path.join(dir, 'data')).catch(() => []);
    const files = [...(await folder()), { name: bad, base64: (await png(9)).toString('base64') }];
    const r = await s.handle('datasets.import', { images: { name: 'evil', files } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const msg = !r.ok ? r.error.message : '';
    expect(msg).toContain(bad);
    expect(msg).toMatch(why);
    expect(await readdir(path.join(dir, 'data')).catch(() => [])).toEqual(before);
    await expect(readdir(path.join(dir, '..', 'x.png'))).rejects.toThrow();
  });

  it('refuses the same name twice and a folder that is not images, leaving nothing behind', async () => {
    const before = await readdir(path.join(dir, 'data')).catch(() => []);
    const twice = [...(await folder()), { name: 'Dark/0.png', base64: 'AAAA' }];
    const r = await s.handle('datasets.import', { images: { name: 'dup', files: twice } });
    expect(!r.ok && r.error.message).toMatch(/Dark\/0\.png: given twice/);
    // Names fine, bytes not an image: the loader refuses it, naming the upload, and the folder goes.
    const junk = [{ name: 'a/x.png', base64: Buffer.from('not a png').toString('base64') }, { name: 'b/y.png', base64: Buffer.from('nor this').toString('base64') }];
    const j = await s.handle('datasets.import', { images: { name: 'junk', files: junk } });
    expect(j.ok).toBe(false);
    expect(!j.ok && j.error.message).not.toContain(dir);
    expect(await readdir(path.join(dir, 'data')).catch(() => [])).toEqual(before);
  }, 30_000);
});

describe('datasets.import of an image folder (Electron: the folder dialog)', () => {
  it('imports the folder the dialog picked, by its path; cancel is canceled', async () => {
    const picked = path.join(dir, 'picked');
    for (const f of await folder()) {
      await mkdir(path.join(picked, path.dirname(f.name)), { recursive: true });
      await writeFile(path.join(picked, f.name), Buffer.from(f.base64, 'base64'));
    }
    const dialogs = { ...workspaceDialogs(dir), pickDataFolder: async () => picked, dataUploadDir: undefined, dataUploadPath: undefined };
    const e = new Session({ dialogs, templatesDir: TEMPLATES_DIR, worker: tsxWorker(), emit: () => undefined });
    try {
      expect(await e.handle('datasets.import', { folder: true })).toEqual({ ok: true, value: { canceled: false, dataset: { file: picked, format: 'images' }, name: 'picked' } });
      const up = await e.handle('datasets.import', { images: { name: 'x', files: await folder() } });
      expect(up).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    } finally {
      await e.dispose();
    }
    const cancel = new Session({ dialogs: { ...dialogs, pickDataFolder: async () => null }, templatesDir: TEMPLATES_DIR, worker: tsxWorker(), emit: () => undefined });
    expect(await cancel.handle('datasets.import', { folder: true })).toEqual({ ok: true, value: { canceled: true } });
    await cancel.dispose();
  }, 60_000);
});

describe('folderUploadNames (the page side)', () => {
  it('drops the picked folder from each path and skips what is not "class/image"', () => {
    const r = folderUploadNames(['pets/cat/a.png', 'pets/dog/b.JPG', 'pets/readme.txt', 'pets/top.png', 'pets/cat/deep/c.png', 'pets/cat/.DS_Store']);
    expect(r.folder).toBe('pets');
    expect(r.names).toEqual([
      { path: 'pets/cat/a.png', name: 'cat/a.png' },
      { path: 'pets/dog/b.JPG', name: 'dog/b.JPG' },
    ]);
    expect(r.skipped).toEqual(['pets/readme.txt', 'pets/top.png', 'pets/cat/deep/c.png', 'pets/cat/.DS_Store']);
    expect(imageUploadProblem('cat/a.png')).toBeNull();
  });
});
