import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStatic, resolveStaticPath } from './static-files.js';

let root: string;
let outside: string;

beforeAll(async () => {
  const base = await mkdtemp(path.join(tmpdir(), 'layerlab-static-'));
  root = path.join(base, 'renderer');
  outside = path.join(base, 'secret.txt');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'export {}');
  await writeFile(path.join(root, 'assets', 'blob.bin'), Buffer.from([1, 2, 3]));
  await writeFile(outside, 'secret');
});
afterAll(() => rm(path.dirname(root), { recursive: true, force: true }));

describe('static files', () => {
  it('serves index.html for "/" and files by their type', async () => {
    const index = await readStatic(root, '/');
    expect(index).toMatchObject({ status: 200, contentType: 'text/html; charset=utf-8' });
    expect(index.status === 200 && index.body.toString()).toBe('<!doctype html>');
    expect(await readStatic(root, '/assets/app.js')).toMatchObject({ status: 200, contentType: 'text/javascript; charset=utf-8' });
    expect(await readStatic(root, '/assets/blob.bin')).toMatchObject({ status: 200, contentType: 'application/octet-stream' });
  });

  it('decodes the path once: %2E%2E and encoded separators cannot leave the root', async () => {
    expect(await readStatic(root, '/assets%2Fapp.js')).toMatchObject({ status: 200 });
    // A rooted path's ".." stops at the root: the file next to the root is never read.
    expect(await readStatic(root, '/%2E%2E/secret.txt')).toEqual({ status: 404, reason: 'not found' });
    expect(await readStatic(root, '/..%2F..%2Fsecret.txt')).toEqual({ status: 404, reason: 'not found' });
    // One that is not rooted is refused outright.
    expect(resolveStaticPath(root, '..%2Fsecret.txt')).toMatchObject({ status: 403, reason: expect.stringContaining('leaves the app folder') });
    expect(resolveStaticPath(root, '../renderer-other/x')).toMatchObject({ status: 403 });
  });

  it('answers 400 for bytes that are not a path, without repeating them', async () => {
    const bad = await readStatic(root, '/%E0%A4%A');
    expect(bad).toMatchObject({ status: 400, reason: expect.stringContaining('percent-encoded') });
    expect(JSON.stringify(bad)).not.toContain('%E0');
    expect(await readStatic(root, '/index.html%00.js')).toMatchObject({ status: 400, reason: expect.stringContaining('NUL') });
  });

  it('answers 404 for what is missing or not a file', async () => {
    expect(await readStatic(root, '/nope.js')).toEqual({ status: 404, reason: 'not found' });
    expect(await readStatic(root, '/assets')).toEqual({ status: 404, reason: 'not found' });
  });
});
