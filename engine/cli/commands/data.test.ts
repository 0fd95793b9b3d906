import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command } from './data.js';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command.run(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const FASHION_TRAIN = '/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz';

describe('layerlab data', () => {
  it('list shows every dataset', async () => {
    const r = await run('list');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^xor\s+classification\s+XOR/m);
    expect(r.out).toMatch(/^sine\s+sequence/m);
    const json = JSON.parse((await run('list', '--json')).out);
    expect(json.map((d: { id: string }) => d.id)).toContain('iris');
  });

  it.runIf(existsSync(FASHION_TRAIN))('inspect --json reports the Fashion-MNIST train images as [60000, 28, 28]', async () => {
    const r = await run('inspect', FASHION_TRAIN, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ format: 'idx', dtype: 'ubyte', shape: [60000, 28, 28] });
  });

  it('inspect an id prints classes and counts', async () => {
    const r = await run('inspect', 'iris');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/shape:\s+\[150, 4\]/);
    expect(r.out).toMatch(/Iris-virginica\s+50/);
    const j = JSON.parse((await run('inspect', 'skewed', '--json', '--option', 'size=1000')).out);
    expect(j).toMatchObject({ format: 'generated', dtype: 'float32', shape: [1000, 2], classCounts: [980, 20] });
  });

  it('bad data exits 1 with the file and row named and no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-data-'));
    const f = join(dir, 'ragged.csv');
    writeFileSync(f, 'a,b\n1,2\n3\n');
    const r = await run('inspect', f);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`error: ${f}, row 3: has 1 fields but row 1 has 2 (ragged rows)`);
    const bad = join(dir, 'bad.idx');
    writeFileSync(bad, Buffer.from([1, 2, 3, 4, 5]));
    const r2 = await run('inspect', bad, '--json');
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/bad\.idx, index 0: not an IDX file/);
    expect(r2.err).not.toMatch(/\n\s+at /);
  });

  it('usage mistakes exit 2', async () => {
    expect((await run('inspect')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('inspect', 'iris', '--format', 'xls')).code).toBe(2);
  });
});
