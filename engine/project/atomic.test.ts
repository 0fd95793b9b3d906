import { spawn } from 'node:child_process';
import * as fsp from 'node:fs/promises';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepTempFiles, TEMP_NAME, tempPathFor, writeFileAtomic, type AtomicFs } from './atomic.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const DAY = 24 * 60 * 60 * 1000;

/** Makes a file look `ms` old, as a crashed save from yesterday would. */
async function age(path: string, ms: number): Promise<void> {
  const t = new Date(Date.now() - ms);
  await utimes(path, t, t);
}

describe('writeFileAtomic keeps what the file was', () => {
  it('a 0600 file stays 0600 after a save', async () => {
    const path = join(dir, 'secret.layerlab.json');
    await writeFile(path, 'old', { mode: 0o600 });
    await fsp.chmod(path, 0o600);
    await writeFileAtomic(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('a 0666 file stays 0666 although the umask narrows new files', async () => {
    const path = join(dir, 'shared.json');
    await writeFile(path, 'old');
    await fsp.chmod(path, 0o666);
    await writeFileAtomic(path, 'new');
    expect((await stat(path)).mode & 0o777).toBe(0o666);
  });

  it('a new file gets the default mode, the same as any file created here', async () => {
    const path = join(dir, 'new.json');
    await writeFileAtomic(path, 'x');
    await writeFile(join(dir, 'plain'), 'x');
    expect((await stat(path)).mode & 0o777).toBe((await stat(join(dir, 'plain'))).mode & 0o777);
  });

  it('saving through a symlink writes the target and leaves the link a link', async () => {
    const real = join(dir, 'real');
    const links = join(dir, 'links');
    await mkdir(real);
    await mkdir(links);
    const target = join(real, 'model.layerlab.json');
    await writeFile(target, 'old', { mode: 0o600 });
    const link = join(links, 'model.layerlab.json');
    await symlink('../real/model.layerlab.json', link);

    await writeFileAtomic(link, 'new');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fsp.readlink(link)).toBe('../real/model.layerlab.json');
    expect(await readFile(target, 'utf8')).toBe('new');
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    // The temp file went beside the target (the rename must stay in its folder); none is left.
    expect(await readdir(real)).toEqual(['model.layerlab.json']);
    expect(await readdir(links)).toEqual(['model.layerlab.json']);
  });

  it('a chain of links is followed to the end, and a dangling link gets its target created', async () => {
    await writeFile(join(dir, 'end'), 'old');
    await symlink('end', join(dir, 'mid'));
    await symlink('mid', join(dir, 'start'));
    await writeFileAtomic(join(dir, 'start'), 'new');
    expect(await readFile(join(dir, 'end'), 'utf8')).toBe('new');
    expect((await lstat(join(dir, 'start'))).isSymbolicLink()).toBe(true);
    expect((await lstat(join(dir, 'mid'))).isSymbolicLink()).toBe(true);

    await symlink('not-yet', join(dir, 'dangling'));
    await writeFileAtomic(join(dir, 'dangling'), 'made');
    expect(await readFile(join(dir, 'not-yet'), 'utf8')).toBe('made');
    expect((await lstat(join(dir, 'dangling'))).isSymbolicLink()).toBe(true);
  });

  it('a link loop is a clear error and writes nothing', async () => {
    await symlink('b', join(dir, 'a'));
    await symlink('a', join(dir, 'b'));
    await expect(writeFileAtomic(join(dir, 'a'), 'x')).rejects.toThrow(`could not save ${join(dir, 'a')}: `);
    expect((await readdir(dir)).sort()).toEqual(['a', 'b']);
  });
});

describe('temp names fit wherever the final name fits', () => {
  const ascii239 = `${'n'.repeat(225)}.layerlab.json`;
  const utf8255 = `${'é'.repeat(127)}a`; // 127 × 2 bytes + 1 = 255 bytes, the most ext4 allows

  it.each([
    ['a 239-character name', ascii239],
    ['a 255-byte UTF-8 name', utf8255],
    ['a 255-character ASCII name', 'x'.repeat(255)],
  ])('%s saves, and saves again over itself', async (_what, name) => {
    const path = join(dir, name);
    await writeFileAtomic(path, 'one');
    await writeFileAtomic(path, 'two');
    expect(await readFile(path, 'utf8')).toBe('two');
    expect(await readdir(dir)).toEqual([name]);
  });

  it('the temp name is at most 255 bytes, whole characters, and has the shape the sweep removes', () => {
    for (const name of [ascii239, utf8255, 'x'.repeat(255), 'a.json', '😀'.repeat(63)]) {
      const tmp = tempPathFor(join(dir, name)).slice(dir.length + 1);
      expect(Buffer.byteLength(tmp)).toBeLessThanOrEqual(255);
      expect(tmp).not.toContain('\ufffd');
      expect(Buffer.from(tmp).toString()).toBe(tmp);
      expect(TEMP_NAME.test(tmp)).toBe(true);
    }
    // Short names stay readable: the whole name is in the temp name.
    expect(tempPathFor(join(dir, 'a.json'))).toMatch(/\/\.a\.json\.\d+\.[0-9a-f]{8}\.tmp$/);
  });

  it('a long-named save that fails half way leaves the old file and no temp file', async () => {
    const path = join(dir, ascii239);
    await writeFileAtomic(path, 'old');
    const failing: AtomicFs = {
      rename: fsp.rename,
      rm: fsp.rm,
      async open(p, flags) {
        const h = await fsp.open(p, flags);
        h.writeFile = async () => {
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        };
        return h;
      },
    };
    await expect(writeFileAtomic(path, 'new', failing)).rejects.toThrow('ENOSPC');
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual([ascii239]);
  });
});

describe('sweepTempFiles', () => {
  it('removes old temp files of the save’s shape and nothing else', async () => {
    const oldTemp = '.a.layerlab.json.4242.0123abcd.tmp';
    const oldLongTemp = tempPathFor(join(dir, 'é'.repeat(127))).slice(dir.length + 1);
    const freshTemp = '.a.layerlab.json.4243.89abcdef.tmp';
    const lookalikes = ['.a.tmp', 'a.layerlab.json.4242.0123abcd.tmp', '.a.4242.0123ABCD.tmp', '.a.4242.0123abcd.tmp.bak', 'notes.tmp', 'a.layerlab.json'];
    for (const f of [oldTemp, oldLongTemp, freshTemp, ...lookalikes]) await writeFile(join(dir, f), 'x');
    // A folder of the same shape is an export in progress (engine/export), not ours to remove.
    const exportDir = '.model.4242.0123abcd.tmp';
    await mkdir(join(dir, exportDir));
    const linkTemp = '.b.json.4242.0123abcd.tmp';
    await symlink('a.layerlab.json', join(dir, linkTemp));
    for (const f of [oldTemp, oldLongTemp, exportDir, ...lookalikes]) await age(join(dir, f), 2 * DAY);
    await age(join(dir, freshTemp), DAY - 60_000);

    const removed = await sweepTempFiles(dir);
    expect(removed.sort()).toEqual([oldTemp, oldLongTemp].sort());
    expect((await readdir(dir)).sort()).toEqual([freshTemp, exportDir, linkTemp, ...lookalikes].sort());
  });

  it('takes its age threshold and clock from the caller', async () => {
    const t = '.x.json.1.00000000.tmp';
    await writeFile(join(dir, t), 'x');
    expect(await sweepTempFiles(dir, { olderThanMs: 60_000 })).toEqual([]);
    expect(await sweepTempFiles(dir, { olderThanMs: 60_000, now: Date.now() + 120_000 })).toEqual([t]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a missing folder is nothing to sweep, not an error', async () => {
    expect(await sweepTempFiles(join(dir, 'nope'))).toEqual([]);
  });

  it('the first save into a folder sweeps it', async () => {
    const sub = join(dir, 'project');
    await mkdir(sub);
    const orphan = '.p.layerlab.json.99.deadbeef.tmp';
    await writeFile(join(sub, orphan), 'half');
    await age(join(sub, orphan), 3 * DAY);
    await writeFileAtomic(join(sub, 'p.layerlab.json'), '{}');
    expect(await readdir(sub)).toEqual(['p.layerlab.json']);
  });
});

describe('a save killed mid-write', () => {
  // 1 MB per version: a save (write + fsync) takes tens of ms, so a kill within 0–120 ms
  // lands in a write, an fsync or between saves; a non-atomic write fails this in seconds.
  const SIZE = 1024 * 1024;
  const KILLS = 100;

  it(`leaves the file whole after ${KILLS} SIGKILLs at random moments, and the sweep leaves no temp file`, async () => {
    // Plain node children start in a tenth of the time tsx children do: bundle atomic.ts once.
    const bin = join(dir, 'bin');
    await mkdir(bin);
    await build({
      entryPoints: [fileURLToPath(new URL('./atomic.ts', import.meta.url))],
      outfile: join(bin, 'atomic.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
    });
    const version = (n: number): string => JSON.stringify({ n, fill: String.fromCharCode(97 + (n % 26)).repeat(SIZE) });
    await writeFile(
      join(bin, 'saver.mjs'),
      `import { writeFileAtomic } from './atomic.mjs';
const version = ${version.toString()};
const SIZE = ${SIZE};
const [file, start] = [process.argv[2], Number(process.argv[3])];
process.stdout.write('go\\n');
for (let n = start; ; n++) await writeFileAtomic(file, version(n));`,
    );
    const data = join(dir, 'data');
    await mkdir(data);
    const file = join(data, 'big.layerlab.json');
    await writeFileAtomic(file, version(0));

    let last = 0;
    let orphans = 0;
    // On a loaded machine a child may be killed before its first write more often than not:
    // keep killing (at most twice as many) until a tenth of the kills have left an orphan, so
    // the sweep is always tested on real leftovers.
    for (let i = 1; i <= KILLS || (orphans <= KILLS / 10 && i <= 2 * KILLS); i++) {
      const child = spawn(process.execPath, [join(bin, 'saver.mjs'), file, String(i * 1000)], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_code, sig) => res(sig)));
      await new Promise<void>((res, rej) => {
        child.stdout.once('data', () => res());
        child.once('error', rej);
      });
      await new Promise((res) => setTimeout(res, Math.random() * 120));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      // Whole: one of the complete versions, never a mix or a cut.
      const doc = JSON.parse(await readFile(file, 'utf8')) as { n: number; fill: string };
      expect(JSON.stringify(doc)).toBe(version(doc.n));
      expect(doc.n).toBeGreaterThanOrEqual(last);
      last = doc.n;

      const names = await readdir(data);
      expect(names.every((f) => f === 'big.layerlab.json' || TEMP_NAME.test(f))).toBe(true);
      orphans += names.length - 1;
      // Nothing is saving now, so every temp file is an orphan, whatever its age.
      await sweepTempFiles(data, { olderThanMs: 0 });
      expect(await readdir(data)).toEqual(['big.layerlab.json']);
    }
    // The kills did land mid-write (else this test proved nothing about orphans), and saves did happen.
    expect(orphans).toBeGreaterThan(KILLS / 10);
    expect(last).toBeGreaterThan(1000);
  }, 240_000);
});
