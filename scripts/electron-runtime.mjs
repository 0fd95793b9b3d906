// Finds the Electron binary without requiring the `electron` package (whose index tries to
// download it when missing, which these machines refuse).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The executable's path, or null with the reason. */
export function electronRuntime() {
  const require = createRequire(import.meta.url);
  let dir;
  try {
    dir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { path: null, reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(dir, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist');
  const exe = path.join(base, rel ?? (process.platform === 'win32' ? 'electron.exe' : 'electron'));
  if (!existsSync(exe)) return { path: null, reason: 'its binary, which comes from outside the npm registry, was never downloaded' };
  return { path: exe, reason: null };
}
