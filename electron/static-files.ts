// The one static-file server of the renderer's files, for Electron's app:// handler
// (main.ts) and the browser-mode web host (web-host.ts): a request path resolved under the
// root and read, or refused with a status and a reason. The reason never repeats the
// request's bytes, so nothing a request sends is reflected. Node only; no Electron, no HTTP.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

export type StaticAnswer =
  | { status: 200; file: string; body: Buffer<ArrayBuffer>; contentType: string }
  | { status: 400 | 403 | 404; reason: string };

/**
 * The file a URL path names under `root`: `pathname` as it stands in the URL
 * (percent-encoded, starting with "/"; "/" is index.html). 400 for bytes that are not a
 * path (bad percent-encoding, a NUL), 403 for one that leaves the root.
 */
export function resolveStaticPath(root: string, pathname: string): { file: string } | { status: 400 | 403; reason: string } {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return { status: 400, reason: 'bad request: the path is not valid percent-encoded UTF-8' };
  }
  if (rel.includes('\0')) return { status: 400, reason: 'bad request: the path contains a NUL byte' };
  if (rel === '/' || rel === '') rel = '/index.html';
  const base = path.resolve(root);
  const file = path.join(base, path.normalize(rel));
  if (!file.startsWith(base + path.sep)) return { status: 403, reason: 'forbidden: the path leaves the app folder' };
  return { file };
}

/** Resolves `pathname` under `root` and reads it: the bytes and their content type, or why not. */
export async function readStatic(root: string, pathname: string): Promise<StaticAnswer> {
  const r = resolveStaticPath(root, pathname);
  if (!('file' in r)) return r;
  try {
    if (!(await stat(r.file)).isFile()) throw new Error('not a file');
    const body = await readFile(r.file);
    return { status: 200, file: r.file, body, contentType: CONTENT_TYPES[path.extname(r.file)] ?? 'application/octet-stream' };
  } catch {
    return { status: 404, reason: 'not found' };
  }
}
