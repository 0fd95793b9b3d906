// Atomic file writes: a temp file in the same folder (so rename stays on one filesystem),
// fsync, then rename over the target. A crash or a failed write leaves the old file whole.
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file-system calls an atomic write makes; tests pass a faulty one to prove the old
 *  file survives a failed write. */
export interface AtomicFs {
  open(path: string, flags: string): Promise<fsp.FileHandle>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, opts: { force: boolean; recursive?: boolean }): Promise<void>;
}

export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
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
  const tmp = tempPathFor(path);
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx');
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(tmp, path);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new Error(`could not save ${path}: ${(e as Error).message}`);
  }
  await syncDir(dirname(path));
}
