// Atomic file writes: a temp file in the same folder (so rename stays on one filesystem),
// fsync, then rename over the target. A crash or a failed write leaves the old file whole.
// What a crash does leave, a temp file, is swept later by `sweepTempFiles`.
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** The file-system calls an atomic write makes; tests pass a faulty one to prove the old
 *  file survives a failed write. */
export interface AtomicFs {
  open(path: string, flags: string): Promise<fsp.FileHandle>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, opts: { force: boolean; recursive?: boolean }): Promise<void>;
}

/** Most file systems cap one name at 255 bytes; the temp name must fit wherever the final one does. */
const MAX_NAME_BYTES = 255;

/** Our temp files: `.<name, maybe cut short>.<pid>.<8 hex>.tmp`. The sweep removes only
 *  names of this shape (earlier versions wrote the same shape, uncut). */
export const TEMP_NAME = /^\..+\.\d{1,10}\.[0-9a-f]{8}\.tmp$/su;

/** The first `max` bytes of `s` in UTF-8, cut on a character boundary. */
function utf8Prefix(s: string, max: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > max) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** A fresh temp name beside `path`: never longer than 255 bytes, so a legal 255-byte name saves. */
export function tempPathFor(path: string): string {
  const suffix = `.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const prefix = utf8Prefix(basename(path), MAX_NAME_BYTES - 1 - suffix.length);
  return join(dirname(path), `.${prefix}${suffix}`);
}

/** Where a save to `path` really lands: through any symlinks (the link stays a link and its
 *  target gets the new bytes), or `path` itself when nothing is there yet. A dangling link
 *  is followed too, so its target is created. */
async function writeTarget(path: string): Promise<string> {
  let p = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    try {
      return await fsp.realpath(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    // p does not resolve: either nothing is there (write it), or it is a dangling link.
    const link = await fsp.readlink(p).catch(() => null);
    if (link === null) return p;
    p = resolve(dirname(p), link);
  }
  throw new Error('too many levels of symbolic links');
}

/** The permission bits of the file being replaced, or undefined for a new file (which then
 *  gets the default mode, as any newly created file would). */
async function modeOf(path: string): Promise<number | undefined> {
  try {
    return (await fsp.stat(path)).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/** Best effort: makes the rename itself durable. Some filesystems refuse to open folders. */
async function syncDir(dir: string): Promise<void> {
  let h: fsp.FileHandle | undefined;
  try {
    h = await fsp.open(dir, 'r');
    await h.sync();
  } catch {
    // not supported here; the data itself is already synced
  } finally {
    await h?.close().catch(() => undefined);
  }
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, fs: AtomicFs = fsp): Promise<void> {
  let target: string;
  try {
    target = await writeTarget(path);
  } catch (e) {
    throw new Error(`could not save ${path}: ${(e as Error).message}`);
  }
  const mode = await modeOf(target);
  const tmp = tempPathFor(target);
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx');
    // chmod, not open's mode argument: the umask would narrow that one.
    if (mode !== undefined) await handle.chmod(mode);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(tmp, target);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new Error(`could not save ${path}: ${(e as Error).message}`);
  }
  await syncDir(dirname(target));
  // The first save into a folder also clears what earlier crashed saves left there.
  await sweepOnce(dirname(target));
}

/** A day: no save runs that long, so an older temp file is an orphan, never a save in progress. */
export const TEMP_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export interface SweepOptions {
  /** Temp files younger than this are left alone (another process may be saving). */
  olderThanMs?: number;
  /** The clock, for tests. */
  now?: number;
}

/** Removes the orphaned temp files of crashed saves from `dir`: regular files whose name has
 *  the save's temp shape and that have not been written for `olderThanMs` (a day). Anything
 *  else, and fresh temp files, are left. Never throws; returns the names it removed. */
export async function sweepTempFiles(dir: string, opts: SweepOptions = {}): Promise<string[]> {
  const maxAge = opts.olderThanMs ?? TEMP_MAX_AGE_MS;
  const now = opts.now ?? Date.now();
  const removed: string[] = [];
  let entries;
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch {
    return removed; // no folder, nothing to sweep
  }
  for (const e of entries) {
    if (!e.isFile() || !TEMP_NAME.test(e.name)) continue;
    const file = join(dir, e.name);
    try {
      const st = await fsp.lstat(file);
      if (!st.isFile() || now - st.mtimeMs < maxAge) continue;
      await fsp.rm(file);
      removed.push(e.name);
    } catch {
      // gone already (another sweep) or not ours to remove: leave it
    }
  }
  return removed;
}

const swept = new Set<string>();

/** Sweeps a folder the first time this process saves into it; later saves skip the readdir. */
async function sweepOnce(dir: string): Promise<void> {
  if (swept.has(dir)) return;
  swept.add(dir);
  await sweepTempFiles(dir);
}
