import { describe, expect, it } from 'vitest';
import { check } from '../../engine/check/check.js';
import { blockFileSchema } from '../../engine/project/blockFile.js';
import { testProject } from '../../engine/project/fixtures.js';
import { flatProject } from '../../engine/project/groups.js';
import { projectSchema } from '../../engine/project/schema.js';
import type { Project } from '../../engine/project/types.js';
import { applyEdit, applyEdits } from './edits.js';
import { blockFileOf, linkFor, placeBlock } from './library.js';

// Input(8,8,1) → [conv → pool → flatten] → Dense(3): the block is the three in brackets.
function convNet(): Project {
  return testProject({
    nodes: [
      { id: 'in', kind: 'Input', params: { shape: [8, 8, 1] }, position: { x: 0, y: 0 } },
      { id: 'conv', kind: 'Conv2D', params: { filters: 4, kernelSize: 3, activation: 'relu' }, position: { x: 10, y: 100 } },
      { id: 'pool', kind: 'MaxPooling2D', params: { poolSize: 2 }, position: { x: 10, y: 200 } },
      { id: 'flat', kind: 'Flatten', params: {}, position: { x: 10, y: 300 } },
      { id: 'out', kind: 'Dense', params: { units: 3, activation: 'softmax' }, position: { x: 0, y: 400 } },
    ],
    edges: [
      { id: 'e1', source: 'in', target: 'conv' },
      { id: 'e2', source: 'conv', target: 'pool' },
      { id: 'e3', source: 'pool', target: 'flat' },
      { id: 'e4', source: 'flat', target: 'out' },
    ],
  });
}

const grouped = () => applyEdit(convNet(), { type: 'group', nodeIds: ['conv', 'pool', 'flat'], name: 'Conv → pool' });

/** A project with an Input and a Dense, the block dropped between them and wired up. */
function dropAndWire(block: ReturnType<typeof blockFileOf>, times = 1, link?: string) {
  let p = testProject({
    nodes: [
      { id: 'in', kind: 'Input', params: { shape: [8, 8, 1] }, position: { x: 0, y: 0 } },
      // Ids the block's own layers had, so fresh ids are needed.
      { id: 'conv2d_1', kind: 'Dense', params: { units: 3, activation: 'softmax' }, position: { x: 0, y: 500 } },
    ],
    edges: [],
  });
  const placed = [];
  for (let i = 0; i < times; i++) {
    const pl = placeBlock(p, block!, { x: 300 * i, y: 120 }, link ? { link } : {});
    p = applyEdits(p, pl.edits);
    placed.push(pl);
  }
  const [first] = placed;
  p = applyEdits(p, [
    { type: 'connect', source: 'in', target: first!.nodeIds[0]! },
    { type: 'connect', source: first!.nodeIds[2]!, target: 'conv2d_1' },
  ]);
  return { p, placed };
}

describe('my blocks', () => {
  it('a saved block is a valid library file with its inner connections only', () => {
    const file = blockFileOf(grouped(), 'block_1')!;
    expect(blockFileSchema.parse(JSON.parse(JSON.stringify(file)))).toEqual(file);
    expect(file.name).toBe('Conv → pool');
    expect(file.nodes.map((n) => n.id)).toEqual(['conv', 'pool', 'flat']);
    expect(file.edges.map((e) => [e.source, e.target])).toEqual([['conv', 'pool'], ['pool', 'flat']]);
    expect(file.nodes[0]!.position).toEqual({ x: 0, y: 0 });
    expect(file.nodes[2]!.position).toEqual({ x: 0, y: 200 });
  });

  it('refuses a library file whose connection leaves the block', () => {
    const file = blockFileOf(grouped(), 'block_1')!;
    const bad = { ...file, edges: [...file.edges, { id: 'x', source: 'flat', target: 'out' }] };
    expect(blockFileSchema.safeParse(bad).success).toBe(false);
  });

  it('dropped into another project: fresh ids, at the drop point, collapsed, and it checks as the original', () => {
    const file = blockFileOf(grouped(), 'block_1')!;
    const { p, placed } = dropAndWire(file);
    const ids = placed[0]!.nodeIds;
    expect(ids).toEqual(['conv2d_2', 'max_pooling2d_1', 'flatten_1']);
    expect(projectSchema.safeParse(p).success).toBe(true);
    expect(p.groups).toEqual([{ id: 'block_1', name: 'Conv → pool', nodes: ids, collapsed: true, position: { x: 0, y: 120 } }]);
    expect(p.graph.nodes.find((n) => n.id === ids[2])!.position).toEqual({ x: 0, y: 320 });

    const before = check(flatProject(convNet()));
    const after = check(flatProject(p));
    expect(after.errors).toEqual([]);
    const by = (r: typeof before, id: string) => r.nodes.find((n) => n.id === id)!;
    // Conv 3×3×1×4 + 4 = 40 parameters, output 6×6×4; pooled 3×3×4; flat 36.
    expect(by(after, ids[0]!)).toMatchObject({ outputShape: [null, 6, 6, 4], params: 40 });
    expect(['conv', 'pool', 'flat'].map((id) => [by(before, id).outputShape, by(before, id).params])).toEqual(
      ids.map((id) => [by(after, id).outputShape, by(after, id).params]),
    );
  });

  it('dropped twice and linked, an edit in one is made in both; detached, only in one', () => {
    const file = blockFileOf(grouped(), 'block_1')!;
    const { p, placed } = dropAndWire(file, 2, linkFor('Conv - pool'));
    const [a, b] = placed.map((x) => x.nodeIds);
    expect(new Set([...a!, ...b!]).size).toBe(6);
    const edited = applyEdit(p, { type: 'setParam', nodeId: a![0]!, param: 'filters', value: 8 });
    expect([a![0], b![0]].map((id) => edited.graph.nodes.find((n) => n.id === id)!.params.filters)).toEqual([8, 8]);
    const detached = applyEdits(p, [
      { type: 'setGroup', groupId: placed[1]!.groupId, patch: { link: null } },
      { type: 'setParam', nodeId: a![0]!, param: 'filters', value: 8 },
    ]);
    expect([a![0], b![0]].map((id) => detached.graph.nodes.find((n) => n.id === id)!.params.filters)).toEqual([8, 4]);
  });

  it('keeps nested blocks, with fresh ids', () => {
    const nested = applyEdit(grouped(), { type: 'group', nodeIds: ['conv', 'pool'], name: 'inner' });
    const file = blockFileOf(nested, 'block_1')!;
    expect(file.groups).toEqual([{ id: 'block_2', name: 'inner', nodes: ['conv', 'pool'] }]);
    const { p } = dropAndWire(file);
    expect(p.groups!.map((g) => [g.name, g.nodes.length])).toEqual([['Conv → pool', 3], ['inner', 2]]);
    expect(projectSchema.safeParse(p).success).toBe(true);
  });
});
