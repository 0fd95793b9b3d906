import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseCsvText, readCsvFile } from './csv.js';
import { DatasetError } from '../errors.js';

describe('CSV reader', () => {
  it('detects the header, infers types, one-hot encodes categories and picks the last column as label', async () => {
    const t = await parseCsvText('size,colour,kind\n1.5,red,cat\n2,blue,dog\n3,red,dog\n');
    expect(t.schema.header).toBe(true);
    expect(t.schema.columns.map((c) => c.kind)).toEqual(['numeric', 'categorical', 'categorical']);
    expect(t.featureNames).toEqual(['size', 'colour=blue', 'colour=red']);
    expect(Array.from(t.x)).toEqual([1.5, 0, 1, 2, 1, 0, 3, 0, 1]);
    expect(t.task).toBe('classification');
    expect(t.classNames).toEqual(['cat', 'dog']);
    expect(Array.from(t.y)).toEqual([0, 1, 1]);
  });

  it('reads a file without a header, and a numeric label column as regression', async () => {
    const t = await parseCsvText('0.5,1.25\n1,2.5\n2,4.75\n');
    expect(t.schema.header).toBe(false);
    expect(t.featureNames).toEqual(['column1']);
    expect(t.task).toBe('regression');
    expect(Array.from(t.y)).toEqual([1.25, 2.5, 4.75]);
  });

  it('treats few whole-number labels as classes and honours a chosen label column', async () => {
    const t = await parseCsvText('label,a,b\n1,0.5,3\n0,0.25,4\n1,1,5\n', { labelColumn: 'label' });
    expect(t.task).toBe('classification');
    expect(t.classNames).toEqual(['0', '1']);
    expect(t.featureNames).toEqual(['a', 'b']);
    expect(Array.from(t.y)).toEqual([1, 0, 1]);
    await expect(parseCsvText('a,b\n1,2\n', { labelColumn: 'zzz' })).rejects.toThrow(/label column "zzz" not found; columns are a, b/);
  });

  it('rejects ragged rows naming the row', async () => {
    const err = await parseCsvText('a,b,c\n1,2,3\n4,5\n', {}, 'data.csv').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as DatasetError).row).toBe(3);
    expect(String(err)).toMatch(/data\.csv, row 3: has 2 fields but row 1 has 3/);
  });

  it('rejects a word in a numeric column naming row and column', async () => {
    const rows = ['x,y', ...Array.from({ length: 8 }, (_, i) => `${i},${i % 2}`)];
    rows[5] = 'five,1';
    const err = await parseCsvText(rows.join('\n'), {}, 'nums.csv').catch((e: unknown) => e);
    expect(String(err)).toMatch(/nums\.csv, row 6, column "x": "five" is not a number/);
    expect((err as DatasetError).column).toBe('x');
  });

  it('rejects a number float32 cannot hold (it would train as Infinity), naming file, row and column', async () => {
    const err = await parseCsvText('a,b,y\n1,2,0\n3,1e39,1\n5,-4e38,0\n', {}, 'big.csv').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect(String(err)).toMatch(/big\.csv, row 3, column "b": 1e39 is beyond the range of 32-bit floats \(±3\.40e\+38\)/);
    expect(err).toMatchObject({ file: 'big.csv', row: 3, column: 'b' });
    // Without a header, row 1 is data and counts too; the label column is checked as well.
    await expect(parseCsvText('1,2,-1e300\n3,4,5\n', {}, 'nohead.csv')).rejects.toThrow(/nohead\.csv, row 1, column "column3": -1e300 is beyond/);
    // The largest float32 and numbers that round to it are fine; so are tiny ones (they become 0).
    const t = await parseCsvText('a,y\n3.4028234e38,1.5\n1e-50,2.5\n-3.4028235e38,3\n', {}, 'edge.csv');
    expect(Array.from(t.x).every(Number.isFinite)).toBe(true);
    expect(t.x[1]).toBe(0);
    // In a column of words, "1e39" is a category name, not a number to store.
    const words = await parseCsvText('c,y\nred,1\n1e39,2\nblue,3\ngreen,4\n', { task: 'regression' }, 'w.csv');
    expect(words.featureNames).toContain('c=1e39');
  });

  it('reports missing values with row and column, or drops those rows on request', async () => {
    const text = 'a,b,c\n1,2,0\n3,,1\n5,6,NA\n7,8,1\n';
    await expect(parseCsvText(text, {}, 'gaps.csv')).rejects.toThrow(
      /gaps\.csv, row 3, column "b": 2 missing values \(row 3 column "b"; row 4 column "c"\)/,
    );
    const t = await parseCsvText(text, { missing: 'drop' });
    expect(t.count).toBe(2);
    expect(t.schema.dropped).toEqual([3, 4]);
    expect(Array.from(t.x)).toEqual([1, 2, 7, 8]);
  });

  it('rejects an unterminated quote, an empty file and a header-only file', async () => {
    await expect(parseCsvText('a,b\n"1,2\n')).rejects.toThrow(DatasetError);
    await expect(parseCsvText('')).rejects.toThrow(/no rows/);
    await expect(parseCsvText('a,b\n', { header: true })).rejects.toThrow(/no data rows/);
  });

  it('streams a file from disk (a few thousand rows) in two passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-'));
    const f = join(dir, 'big.csv');
    const lines = ['f1,f2,cls'];
    for (let i = 0; i < 5000; i++) lines.push(`${i},${(i * 7) % 13},${['a', 'b', 'c'][i % 3]}`);
    writeFileSync(f, lines.join('\n') + '\n');
    const t = await readCsvFile(f);
    expect(t.count).toBe(5000);
    expect(t.x[2 * 4999]).toBe(4999);
    expect(t.y[4999]).toBe(4999 % 3);
    await expect(readCsvFile(join(dir, 'missing.csv'))).rejects.toThrow(/missing\.csv: file not found/);
    await expect(readCsvFile(dir)).rejects.toThrow(/is a folder/);
  });

  it('random text never escapes as anything but a DatasetError', async () => {
    const csvish = fc.stringMatching(/^[0-9a-z,.\-"\n ]{0,60}$/);
    await fc.assert(
      fc.asyncProperty(fc.oneof(csvish, fc.string({ maxLength: 40 })), async (text) => {
        const t = await parseCsvText(text).catch((e: unknown) => {
          if (!(e instanceof DatasetError)) throw e;
          return null;
        });
        if (t) {
          expect(t.x.length).toBe(t.count * t.width);
          expect(t.x.every(Number.isFinite)).toBe(true);
          expect(t.y.every(Number.isFinite)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('CSV files on disk', () => {
  it('strips a byte-order mark from the first column name', async () => {
    const t = await parseCsvText('\ufeffa,b\nx,1\ny,2\n', { labelColumn: 'a' });
    expect(t.schema.columns[0]!.name).toBe('a');
  });

  it('random bytes in a file (invalid UTF-8 included) never escape as anything but a DatasetError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-fuzz-'));
    const f = join(dir, 'fuzz.csv');
    const good = Buffer.from('a,b,c\n1,2,x\n3,4,y\n5,6,x\n');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 80 }),
          fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }).map((flips) => {
            const b = Uint8Array.from(good);
            for (const [i, v] of flips) b[i] = v;
            return b;
          }),
        ),
        async (bytes) => {
          writeFileSync(f, bytes);
          await readCsvFile(f).catch((e: unknown) => {
            if (!(e instanceof DatasetError)) throw e;
          });
        },
      ),
      { numRuns: 80 },
    );
  });
});
