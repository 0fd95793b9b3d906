// Reading and writing `*.layerlab.json` files: loading never throws (a missing file is an
// error result too); saving is atomic (temp file, fsync, rename).
import { readFile } from 'node:fs/promises';
import { writeFileAtomic, type AtomicFs } from './atomic.js';
import { parseProject, parseProjectBytes, serializeProject, type ParseResult } from './document.js';
import type { Project } from './types.js';

export * from './document.js';

/** Reads and parses a project file. Never throws: a missing file is an error result too. */
export async function loadProjectFile(path: string): Promise<ParseResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a folder, not a file' : err.message;
    return { ok: false, error: `${path}: ${why}` };
  }
  return parseProjectBytes(bytes, path);
}

/** Validates, then writes atomically (temp file, fsync, rename): a failed save never
 *  truncates the file already there. Throws with a message naming the path. */
export async function saveProjectFile(path: string, project: Project, fs?: AtomicFs): Promise<void> {
  const text = serializeProject(project);
  const check = parseProject(text, path);
  if (!check.ok) throw new Error(`refusing to save an invalid project: ${check.error}`);
  await writeFileAtomic(path, text, fs);
}
