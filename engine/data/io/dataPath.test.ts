// The loaders refuse what is not data: devices, /proc and /sys files, pipes, and symlinks to
// them, naming the path; regular files and image folders still load.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../load.js';
import { readCsvFile } from './csv.js';
import { readIdxFile } from './idx.js';
import { checkDataPath } from './dataPath.js';

const dir = mkdtempSync(join(tmpdir(), 'layerlab-datapath-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('checkDataPath', () => {
  it('refuses /dev/zero, /proc/self/environ and /sys files by name, through every reader and loadDataset', async () => {
    for (const f of ['/dev/zero', '/proc/self/environ', '/sys/kernel/mm/transparent_hugepage/enabled']) {
      expect(() => checkDataPath(f)).toThrow(new RegExp(`^${f}: is in /(dev|proc|sys), a system folder`));
      await expect(readCsvFile(f)).rejects.toThrow(/a system folder/);
      await expect(readIdxFile(f)).rejects.toThrow(/a system folder/);
      await expect(loadDataset({ file: f, format: 'csv' })).rejects.toThrow(new RegExp(`${f}: is in`));
      await expect(loadDataset({ file: f })).rejects.toThrow(/a system folder/);
    }
  });

  it('follows symlinks: a link to /dev/zero is refused naming the link', async () => {
    const link = join(dir, 'zero.csv');
    symlinkSync('/dev/zero', link);
    await expect(loadDataset({ file: link })).rejects.toThrow(`${link}: is in /dev, a system folder`);
  });

  it('refuses a named pipe (it would block the reader forever)', async () => {
    const fifo = join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    await expect(readCsvFile(fifo)).rejects.toThrow(`${fifo}: is not a regular file`);
  });

  it('still reads a regular CSV file and tells folders from files', async () => {
    const csv = join(dir, 'ok.csv');
    writeFileSync(csv, 'a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n9,1,x\n');
    expect(checkDataPath(csv)).toBe('file');
    expect(checkDataPath(dir, 'either')).toBe('folder');
    expect(() => checkDataPath(dir, 'file')).toThrow(/is a folder/);
    expect(() => checkDataPath(join(dir, 'nope.csv'))).toThrow(/nope\.csv: file not found/);
    const d = await loadDataset({ file: csv });
    expect(d.train.count + d.test.count).toBe(5);
  });
});
