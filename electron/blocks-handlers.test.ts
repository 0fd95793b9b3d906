// "My blocks" on the host, with real files in a temporary workspace: a saved block is a file
// of the library folder and lists again, a name never becomes a path, and a broken or
// foreign file in the folder is passed by.
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlockFile } from '../engine/project/blockFile.js';
import { testSession, type TestSession } from './session-fixture.js';

let ws: string;
let t: TestSession;
beforeAll(async () => {
  ws = await mkdtemp(path.join(tmpdir(), 'layerlab-blocks-'));
  t = testSession({ workspace: ws });
});
afterAll(async () => {
  await t.session.dispose();
  await rm(ws, { recursive: true, force: true });
});

const block = (name: string): BlockFile => ({
  format: 'layerlab-block',
  version: 1,
  name,
  nodes: [
    { id: 'd1', kind: 'Dense', params: { units: 4, activation: 'relu' }, position: { x: 0, y: 0 } },
    { id: 'd2', kind: 'Dropout', params: { rate: 0.2 }, position: { x: 0, y: 100 } },
  ],
  edges: [{ id: 'e1', source: 'd1', target: 'd2' }],
});
const dir = () => path.join(ws, 'my-blocks');

describe('blocks channels', () => {
  it('saves a block as a file of the workspace library, lists it and deletes it', async () => {
    expect(await t.call('blocks.list', {})).toEqual({ blocks: [] });
    const { id } = await t.call<{ id: string }>('blocks.save', { block: block('Dense + dropout') });
    expect(id).toBe('Dense - dropout');
    expect(await readdir(dir())).toEqual(['Dense - dropout.block.json']);
    expect(JSON.parse(await readFile(path.join(dir(), 'Dense - dropout.block.json'), 'utf8'))).toEqual(block('Dense + dropout'));
    expect(await t.call('blocks.list', {})).toEqual({ blocks: [{ id, block: block('Dense + dropout') }] });
    // Saved again under the same name, it replaces the file.
    const changed = { ...block('Dense + dropout'), edges: [] };
    await t.call('blocks.save', { block: changed });
    expect((await t.call<{ blocks: { block: BlockFile }[] }>('blocks.list', {})).blocks.map((b) => b.block.edges.length)).toEqual([0]);
    expect(await t.call('blocks.delete', { id })).toEqual({ deleted: true });
    expect(await t.call('blocks.delete', { id })).toEqual({ deleted: false });
    expect(await readdir(dir())).toEqual([]);
  });

  it('a name with path characters is stored under a plain file name in the library', async () => {
    const { id } = await t.call<{ id: string }>('blocks.save', { block: block('../../etc/passwd') });
    expect(id).toBe('etc-passwd');
    expect(await readdir(dir())).toContain('etc-passwd.block.json');
    expect(await readdir(ws)).toEqual(['my-blocks']);
    await t.call('blocks.delete', { id });
  });

  it('refuses ids that are paths and blocks that do not validate', async () => {
    await writeFile(path.join(ws, 'keep.block.json'), '{}');
    for (const id of ['../keep', '..', '/etc/passwd', 'a/b', 'a\\b', '.hidden', '', 'x'.repeat(81)]) {
      expect((await t.fails('blocks.delete', { id })).code, id).toBe('invalid');
    }
    expect(await readdir(ws)).toContain('keep.block.json');
    expect((await t.fails('blocks.save', { block: { ...block('b'), format: 'other' } })).code).toBe('invalid');
    expect((await t.fails('blocks.save', { block: { ...block('b'), edges: [{ id: 'e', source: 'd1', target: 'elsewhere' }] } })).code).toBe('invalid');
    expect((await t.fails('blocks.save', { block: { ...block('b'), nodes: [] } })).code).toBe('invalid');
    expect((await t.fails('blocks.save', { block: { ...block('b'), path: '/tmp/x' } })).code).toBe('invalid');
  });

  it('lists only valid plain files of the library folder', async () => {
    await mkdir(dir(), { recursive: true });
    await writeFile(path.join(dir(), 'broken.block.json'), '{ not json');
    await writeFile(path.join(dir(), 'foreign.block.json'), JSON.stringify({ format: 'layerlab-block', version: 1, name: 'x' }));
    await writeFile(path.join(dir(), 'note.txt'), 'hello');
    await writeFile(path.join(ws, 'outside.json'), JSON.stringify(block('outside')));
    await symlink(path.join(ws, 'outside.json'), path.join(dir(), 'linked.block.json'));
    await t.call('blocks.save', { block: block('good') });
    expect((await t.call<{ blocks: { id: string }[] }>('blocks.list', {})).blocks.map((b) => b.id)).toEqual(['good']);
  });
});
