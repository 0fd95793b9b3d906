// CSV files as people's tools write them, through the real loader from files on disk: a word
// in a numeric column, a name or id column, semicolons and decimal commas from a European
// spreadsheet, tabs and pipes, and the `columns` option that sets a column's type.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { inspectDataset, loadDataset, previewDataset, DatasetError } from '../index.js';
import { readCsvFile } from './csv.js';
import { guessDelimiter } from './csvDialect.js';

const dir = mkdtempSync(join(tmpdir(), 'csv-columns-'));
let n = 0;
/** Writes `text` to a fresh file in the temp folder and returns its path. */
function file(text: string, name = `f${++n}.csv`): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the load to fail');
    },
    (e: unknown) => {
      if (!(e instanceof DatasetError)) throw e;
      return e;
    },
  );
/** All examples of a loaded dataset (the split shuffles them), as rows of features. */
const load = (f: string, options: Record<string, unknown> = {}) => loadDataset({ file: f, options: { testFraction: 0, ...options } });

describe('a column of numbers with a word in it', () => {
  const text = 'a,b,label\n0.5,1,x\nabc,2,y\n0,3,x\n';

  it('is an error naming the column, the row and the value, and how to read it as categories', async () => {
    const f = file(text, 'almost.csv');
    const e = await failure(load(f));
    expect(e).toMatchObject({ row: 3, column: 'a' });
    expect(e.message).toContain('almost.csv, row 3, column "a": "abc" is not a number, but 2 of the column\'s 3 values are');
    expect(e.message).toContain('columns: {"a": "categorical"}');
    expect(e.message).toContain('columns: {"a": "ignore"}');
  });

  it('reads as categories, or is left out, or stays an error, as the columns option says', async () => {
    const f = file(text);
    const cat = await load(f, { columns: { a: 'categorical' } });
    expect(cat.featureNames).toEqual(['a=0', 'a=0.5', 'a=abc', 'b']);
    expect(cat.columns).toEqual([
      { name: 'a', kind: 'categorical', chosen: true, categories: 3 },
      { name: 'b', kind: 'numeric' },
      { name: 'label', kind: 'categorical', label: true, categories: 2 },
    ]);
    expect(cat.warnings).toBeUndefined();
    const out = await load(f, { columns: { a: 'ignore' } });
    expect(out.featureNames).toEqual(['b']);
    expect(out.inputShape).toEqual([1]);
    expect(out.columns![0]).toEqual({ name: 'a', kind: 'ignored', chosen: true });
    const num = await failure(load(f, { columns: { a: 'numeric' } }));
    expect(num.message).toMatch(/row 3, column "a": "abc" is not a number, and the option columns reads the column as numbers/);
  });

  it('finds the first non-number by row, in a file without a header too', async () => {
    const e = await failure(load(file('x1,1,0\n2,2,1\n3,3,0\n4,4,1\n')));
    expect(e).toMatchObject({ row: 1, column: 'column1' });
    expect(e.message).toContain('"x1" is not a number, but 3 of the column\'s 4 values are. Correct it');
  });

  it('in the label column it says how to make the labels categories (and not to leave it out)', async () => {
    const e = await failure(load(file('a,y\n1,0\n2,1\n3,one\n')));
    expect(e).toMatchObject({ row: 4, column: 'y' });
    expect(e.message).toContain('columns: {"y": "categorical"}');
    expect(e.message).not.toContain('"ignore"');
    const t = await load(file('a,y\n1,0\n2,1\n3,one\n'), { columns: { y: 'categorical' } });
    expect(t.classNames).toEqual(['0', '1', 'one']);
    await expect(load(file('a,y\n1,0\n2,1\n'), { columns: { y: 'ignore' } })).rejects.toThrow(/column "y": is the label column and cannot be left out/);
  });

  it('says how many more non-numbers there are', async () => {
    const e = await failure(load(file('a,y\n1,0\nx,1\n3,0\ny,1\n5,0\n')));
    expect(e.message).toContain('"x" is not a number, but 3 of the column\'s 5 values are (the first of 2 that are not)');
  });

  it('a column mostly of words stays categorical (a number is one more category)', async () => {
    const t = await load(file('colour,v,y\nred,1,0\nblue,2,1\n3,3,0\nred,4,1\n'));
    expect(t.featureNames).toEqual(['colour=3', 'colour=blue', 'colour=red', 'v']);
  });

  it('numbers chosen as categories sort as numbers', async () => {
    const t = await load(file('zip,y\n10,0\n2,1\n10,0\n33,1\n'), { columns: { zip: 'categorical' } });
    expect(t.featureNames).toEqual(['zip=2', 'zip=10', 'zip=33']);
  });
});

describe('missing values', () => {
  it('stay an error naming row and column; a left-out column\'s gaps do not count', async () => {
    const f = file('note,a,y\n,1,0\nok,2,1\n,3,0\nok,,1\n', 'gaps.csv');
    const e = await failure(load(f));
    expect(e.message).toMatch(/gaps\.csv, row 2, column "note": 3 missing values \(row 2 column "note"; row 4 column "note"; row 5 column "a"\)/);
    const kept = await failure(load(f, { columns: { note: 'ignore' } }));
    expect(kept).toMatchObject({ row: 5, column: 'a' });
    expect(kept.message).toContain('1 missing value (row 5 column "a")');
    const dropped = await load(f, { columns: { note: 'ignore' }, missing: 'drop' });
    expect(dropped.train.count).toBe(3);
  });

  it('an empty column says it can be left out', async () => {
    const e = await failure(load(file('a,empty,y\n1,,0\n2,,1\n')));
    expect(e.message).toMatch(/column "empty": the column holds no values; leave it out with the option columns: \{"empty": "ignore"\}/);
    const t = await load(file('a,empty,y\n1,,0\n2,,1\n'), { columns: { empty: 'ignore' } });
    expect(t.featureNames).toEqual(['a']);
  });
});

describe('a column of names or ids', () => {
  const rows = (k: number) =>
    ['name,colour,height,label', ...Array.from({ length: k }, (_, i) => `person ${i},${['red', 'green', 'blue'][i % 3]},${150 + i},${i % 2 ? 'yes' : 'no'}`)].join('\n');

  it('is left out with a warning that names it and says how to keep it', async () => {
    const f = file(rows(30), 'people.csv');
    const ds = await load(f);
    expect(ds.featureNames).toEqual(['colour=blue', 'colour=green', 'colour=red', 'height']);
    expect(ds.columns![0]).toEqual({ name: 'name', kind: 'ignored', identifier: true });
    expect(ds.warnings).toEqual([
      'column "name" is left out: it holds 30 different values in 30 rows, like a name or an id, which would become as many one-hot features; keep it with the option columns: {"name": "categorical"}',
    ]);
    // The panel's preview carries the columns and the warning.
    const p = previewDataset(ds);
    expect(p.columns?.map((c) => c.kind)).toEqual(['ignored', 'categorical', 'numeric', 'categorical']);
    expect(p.warnings).toHaveLength(1);
    // …and so does `layerlab data inspect`.
    const i = await inspectDataset(f);
    expect(i.columns?.[0]).toEqual({ name: 'name', kind: 'ignored', identifier: true });
    expect(i.warnings).toEqual(ds.warnings);
  });

  it('is kept, one-hot, when the user says so', async () => {
    const ds = await load(file(rows(30)), { columns: { name: 'categorical' } });
    expect(ds.inputShape).toEqual([30 + 3 + 1]);
    expect(ds.warnings).toBeUndefined();
  });

  it('a few repeats still make an identifier; a small file or a repeating column does not', async () => {
    const repeats = rows(30).replace('person 7,', 'person 3,').replace('person 9,', 'person 3,');
    expect((await load(file(repeats))).columns![0]!.identifier).toBe(true);
    const small = await load(file(rows(12)));
    expect(small.featureNames).toHaveLength(12 + 3 + 1);
    expect(small.warnings).toBeUndefined();
    // colour repeats every third row: a category, whatever the size.
    expect((await load(file(rows(300)))).columns![1]).toEqual({ name: 'colour', kind: 'categorical', categories: 3 });
  });

  it('more than a thousand different names is an identifier, not a too-many-categories error', async () => {
    const ds = await load(file(rows(1500)));
    expect(ds.columns![0]!.identifier).toBe(true);
    expect(ds.warnings![0]).toContain('more than 1000 different values');
    // …but a thousand-plus categories that repeat is still refused.
    const many = ['city,y', ...Array.from({ length: 3000 }, (_, i) => `town${i % 1200},${i % 2}`)].join('\n');
    await expect(load(file(many))).rejects.toThrow(/column "city": more than 1000 distinct words/);
  });

  it('the label column is never left out, even when every row differs', async () => {
    const ds = await load(file(['x,who', ...Array.from({ length: 25 }, (_, i) => `${i},p${i}`)].join('\n')));
    expect(ds.classNames).toHaveLength(25);
    expect(ds.warnings).toBeUndefined();
  });

  it('no features left is an error naming what was left out', async () => {
    const only = ['name,label', ...Array.from({ length: 25 }, (_, i) => `p${i},${i % 2}`)].join('\n');
    await expect(load(file(only))).rejects.toThrow(/no feature columns are left: "name" is left out; keep one with the option columns/);
  });
});

describe('delimiters and decimal commas', () => {
  it('a European spreadsheet\'s file: semicolons and decimal commas', async () => {
    const f = file('a;b;label\n1,5;2,0;yes\n-3,25;4;no\n0,5;1e3;yes\n', 'europe.csv');
    const t = await readCsvFile(f);
    expect(t.schema.delimiter).toBe(';');
    expect(t.featureNames).toEqual(['a', 'b']);
    expect(Array.from(t.x)).toEqual([1.5, 2, -3.25, 4, 0.5, 1000]);
    expect(t.schema.columns.map((c) => c.decimal)).toEqual([',', ',', undefined]);
    expect(t.classNames).toEqual(['no', 'yes']);
    const ds = await load(f);
    expect(ds.description).toMatch(/^CSV \(semicolons, decimal commas\), 3 rows, 2 features, label column "label"/);
    expect(ds.columns![1]).toEqual({ name: 'b', kind: 'numeric', decimal: ',' });
  });

  it('without a header too, where splitting on commas is as consistent as on semicolons', async () => {
    const text = '1,5;2,0;yes\n3,5;1,0;no\n2,5;0,5;yes\n';
    // Papaparse alone takes the comma here ("1" | "5;2" | "0;yes"); this reader does not.
    expect(Papa.parse(text, { delimiter: '' }).meta.delimiter).toBe(',');
    const t = await readCsvFile(file(text));
    expect(t.schema.header).toBe(false);
    expect(t.schema.delimiter).toBe(';');
    expect(Array.from(t.x)).toEqual([1.5, 2, 3.5, 1, 2.5, 0.5]);
  });

  it('a semicolon file with decimal points reads them; a mixed column is an error naming the row', async () => {
    const t = await readCsvFile(file('a;b;y\n1.5;2;0\n2.25;3;1\n'));
    expect(Array.from(t.x)).toEqual([1.5, 2, 2.25, 3]);
    const e = await failure(readCsvFile(file('a;y\n1,5;0\n2,5;1\n3.5;0\n4,5;1\n', 'mixed.csv')));
    expect(e.message).toMatch(/mixed\.csv, row 4, column "a": "3\.5" is not a number, but 3 of the column's 4 values are/);
  });

  it('a comma in a comma-separated file is never a decimal mark', async () => {
    const t = await readCsvFile(file('a,b,y\n"1,5",x,0\n"2,5",z,1\n'), { task: 'classification' });
    expect(t.schema.columns[0]).toMatchObject({ kind: 'categorical', categories: ['1,5', '2,5'] });
  });

  it('tabs and pipes, quotes respected', async () => {
    const tab = await readCsvFile(file('x\ty\tlabel\n1.5\t2\ta\n3\t4\tb\n', 'data.txt'));
    expect(tab.schema.delimiter).toBe('\t');
    expect(Array.from(tab.x)).toEqual([1.5, 2, 3, 4]);
    const pipe = await readCsvFile(file('note|v|label\n"a|b, c"|1|x\nplain|2|y\n'), { task: 'classification' });
    expect(pipe.schema.delimiter).toBe('|');
    expect(pipe.featureNames).toEqual(['note=a|b, c', 'note=plain', 'v']);
  });

  it('the option delimiter wins over the guess', async () => {
    const t = await readCsvFile(file('a;b,c\n1;2,3\n4;5,6\n'), { delimiter: ',' });
    expect(t.schema.delimiter).toBe(',');
    expect(t.featureNames).toEqual(['a;b=1;2', 'a;b=4;5']);
  });

  it('a ragged file stays a ragged-rows error, whatever its delimiter', async () => {
    await expect(readCsvFile(file('a,b,c\n1,2,3\n4,5\n', 'r1.csv'))).rejects.toThrow(/r1\.csv, row 3: has 2 fields but row 1 has 3 \(ragged rows\)/);
    await expect(readCsvFile(file('a;b;c\n1;2;3\n4;5\n', 'r2.csv'))).rejects.toThrow(/r2\.csv, row 3: has 2 fields but row 1 has 3 \(ragged rows\)/);
    // Ragged after the sampled lines: found by the full pass.
    const late = ['a,b,c', ...Array.from({ length: 100 }, (_, i) => `${i},${i},${i % 2}`), '1,2'].join('\n');
    await expect(readCsvFile(file(late, 'r3.csv'))).rejects.toThrow(/r3\.csv, row 102: has 2 fields but row 1 has 3/);
  });

  it('guesses from the first lines only, and ignores a record cut off at the end of the sample', () => {
    expect(guessDelimiter('a;b\n1;2\n3', ',', true)).toBe(';');
    expect(guessDelimiter('a,b\n1,2\n"3;4;5', ',', true)).toBe(',');
    expect(guessDelimiter('just one column\nno delimiter\n', '\t')).toBe('\t');
  });

  it('the options decimal and columns are checked', async () => {
    const f = file('a;y\n1,5;0\n2,5;1\n');
    await expect(load(f, { decimal: 'comma' })).rejects.toThrow(/option decimal must be "\." or ",", got "comma"/);
    await expect(load(f, { columns: { a: 'text' } })).rejects.toThrow(/option columns must map column names to "numeric", "categorical", "ignore"/);
    await expect(load(f, { columns: ['a'] })).rejects.toThrow(/option columns must map/);
    await expect(load(f, { columns: { nope: 'ignore' } })).rejects.toThrow(/option columns names "nope", which is not a column; columns are a, y/);
    expect(Array.from((await load(f, { decimal: ',' })).train.x).sort()).toEqual([1.5, 2.5]);
  });
});
