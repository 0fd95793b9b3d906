// For the CLI's tests: `node bin/layerlab.mjs …` as a user runs it, a real process from the
// repository root, with its exit code and everything it printed.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI_BIN = join(REPO_ROOT, 'bin', 'layerlab.mjs');

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function layerlabProcess(...args: string[]): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd: REPO_ROOT, env: { ...process.env, LAYERLAB_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The CLI in this process (faster than a child; the same commands): exit code and lines. */
export async function layerlabInProcess(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const { run } = await import('./main.js');
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}
