// What a loader may open: a regular file (or, for an image folder, a directory), never a
// device, pipe or socket, and nothing under /dev, /proc or /sys once symlinks are followed:
// reading there can hand out secrets (/proc/self/environ) or never end (/dev/zero). Every
// reader in engine/data asks here before it opens, so the CLI refuses them as the app does.
import { realpathSync, statSync } from 'node:fs';
import { DatasetError } from '../errors.js';

/** Kernel file systems whose "files" are not data. */
export const SYSTEM_DIRS = ['/dev', '/proc', '/sys'] as const;

/** The system folder `real` (an absolute, resolved path) lies in, if any. */
export function systemDirOf(real: string): string | null {
  if (process.platform === 'win32') return null;
  return SYSTEM_DIRS.find((d) => real === d || real.startsWith(`${d}/`)) ?? null;
}

export type DataPathKind = 'file' | 'folder';

/**
 * Checks that `file` may be read as data, following symlinks; returns whether it is a file
 * or a folder. `want` narrows it: 'file' refuses a folder, 'folder' a file. A path that does
 * not exist throws `notFound` (so each reader keeps its own wording).
 */
export function checkDataPath(file: string, want: DataPathKind | 'either' = 'file', notFound = 'file not found or unreadable'): DataPathKind {
  let real: string;
  let st;
  try {
    real = realpathSync(file);
    st = statSync(real);
  } catch {
    throw new DatasetError(notFound, { file });
  }
  const sys = systemDirOf(real);
  if (sys) throw new DatasetError(`is in ${sys}, a system folder, not a data file; only regular files (and image folders) are read`, { file });
  if (st.isDirectory()) {
    if (want === 'file') throw new DatasetError('is a folder, not a data file', { file });
    return 'folder';
  }
  if (!st.isFile()) throw new DatasetError('is not a regular file (a device, pipe or socket); only regular files (and image folders) are read', { file });
  if (want === 'folder') throw new DatasetError('is a file, not a folder of class folders', { file });
  return 'file';
}
