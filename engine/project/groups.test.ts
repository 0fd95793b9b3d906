import { describe, expect, it } from 'vitest';
import { check } from '../check/check.js';
import { projectHash } from '../runs/hash.js';
import { testNode, testProject } from './fixtures.js';
import { blocksOf, flatProject, groupPorts, groupTree, linkedCounterparts, representativeOf } from './groups.js';
import { parseProject, serializeProject } from './io.js';
import type { Project } from './types.js';

/** in → conv → relu → pool → flat → out, on 28×28×1. */
function convNet(): Project {
  return testProject({
    nodes: [
      testNode('in', 'Input', { shape: [28, 28, 1] }),
      testNode('conv', 'Conv2D', { filters: 4, kernelSize: 3 }, 100),
      testNode('relu', 'Activation', { activation: 'relu' }, 200),
      testNode('pool', 'MaxPooling2D', {}, 300),
      testNode('flat', 'Flatten', {}, 400),
      testNode('out', 'Dense', { units: 2, activation: 'softmax' }, 500),
    ],
    edges: [
      { id: 'e1', source: 'in', target: 'conv' },
      { id: 'e2', source: 'conv', target: 'relu' },
      { id: 'e3', source: 'relu', target: 'pool' },
      { id: 'e4', source: 'pool', target: 'flat' },
      { id: 'e5', source: 'flat', target: 'out' },
    ],
    training: { loss: 'categoricalCrossentropy' },
  });
}

const grouped = (p: Project, groups: Project['groups']): Project => ({ ...p, groups });

describe('blocks over the flat graph', () => {
  it('leave the flat graph, the check report and the run hash exactly as without them, nested or not', () => {
    const flat = convNet();
    const g = grouped(flat, [
      { id: 'g1', name: 'conv block', nodes: ['conv', 'relu', 'pool'], collapsed: true },
      { id: 'g2', name: 'inner', nodes: ['conv', 'relu'] },
    ]);
    expect(flatProject(g)).toEqual(flat);
    expect(flatProject(g).graph).toEqual(flat.graph);
    expect(check(g)).toEqual(check(flat));
    expect(projectHash(g)).toBe(projectHash(flat));
  });

  it('round-trip through the file, nested blocks included, in a canonical key order', () => {
    const g = grouped(convNet(), [
      { link: 'L', position: { y: 5, x: 3 }, collapsed: true, nodes: ['conv', 'relu', 'pool'], name: 'conv block', id: 'g1' },
      { id: 'g2', name: 'inner', nodes: ['conv', 'relu'] },
    ]);
    const text = serializeProject(g);
    expect(text).toContain('"groups": [\n    {\n      "id": "g1",\n      "name": "conv block",\n      "nodes": ["conv", "relu", "pool"],\n      "collapsed": true,\n      "position": {\n        "x": 3,');
    const r = parseProject(text, 'g.json');
    expect(r.ok && r.warnings).toEqual([]);
    expect(r.ok && r.project).toEqual(g);
  });

  it.each([
    [[{ id: 'g', name: 'x', nodes: ['conv', 'nope'] }], /groups\[0\]\.nodes\[1\]: block 'g' names node 'nope', which is not in graph\.nodes/],
    [[{ id: 'conv', name: 'x', nodes: ['relu'] }], /groups\[0\]\.id: 'conv' is already the id of a node/],
    [[{ id: 'a', name: 'x', nodes: ['conv', 'relu'] }, { id: 'b', name: 'y', nodes: ['relu', 'pool'] }], /groups\[1\]\.nodes: block 'b' and block 'a' share some nodes but neither holds the other/],
    [[{ id: 'a', name: 'x', nodes: ['conv'] }, { id: 'a', name: 'y', nodes: ['pool'] }], /groups\[1\]\.id: 'a' is already the id of another group/],
    [[{ id: 'a', name: 'x', nodes: [] }], /groups\[0\]\.nodes: a block holds at least one node/],
  ])('refuse a file whose blocks do not fit its graph, naming where (%#)', (groups, message) => {
    const r = parseProject(JSON.stringify(grouped(convNet(), groups)), 'bad.json');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(message);
  });

  it('nest: the tree, the chain of a node and what a collapsed outer block hides', () => {
    const groups = [
      { id: 'inner', name: 'i', nodes: ['conv', 'relu'], collapsed: true },
      { id: 'outer', name: 'o', nodes: ['conv', 'relu', 'pool'] },
    ];
    const tree = groupTree(groups);
    expect(tree.parentOf.get('inner')).toBe('outer');
    expect(tree.parentOf.get('outer')).toBe(null);
    expect(tree.innermost.get('conv')).toBe('inner');
    expect(tree.innermost.get('pool')).toBe('outer');
    expect(blocksOf(groups, 'relu').map((g) => g.id)).toEqual(['outer', 'inner']);
    // Outer expanded, inner collapsed: the inner block shows for its nodes.
    expect(representativeOf(groups)('conv')).toBe('inner');
    expect(representativeOf(groups)('pool')).toBe('pool');
    // Both collapsed: the outer one hides the inner one.
    const both = groups.map((g) => ({ ...g, collapsed: true }));
    expect(['conv', 'relu', 'pool', 'in'].map(representativeOf(both))).toEqual(['outer', 'outer', 'outer', 'in']);
  });

  it('read their ports from the wiring: one input per outside source, one output per member leaving', () => {
    const p = convNet();
    expect(groupPorts(p.graph, { id: 'g', name: 'b', nodes: ['conv', 'relu', 'pool'] })).toEqual({
      inputs: [{ source: 'in', targets: [{ node: 'conv', port: 0 }] }],
      outputs: ['pool'],
    });
    // A residual block fed by x at two members has one input port; an unwired Add member
    // (a dropped library block) has a free one.
    const res = testProject({
      nodes: [testNode('x', 'Input', { shape: [4] }), testNode('d', 'Dense', { units: 4 }), testNode('add', 'Add')],
      edges: [
        { id: 'a', source: 'x', target: 'd' },
        { id: 'b', source: 'd', target: 'add' },
        { id: 'c', source: 'x', target: 'add', targetPort: 1 },
      ],
    });
    expect(groupPorts(res.graph, { id: 'r', name: 'res', nodes: ['d', 'add'] }).inputs).toEqual([
      { source: 'x', targets: [{ node: 'd', port: 0 }, { node: 'add', port: 1 }] },
    ]);
    const unwired = { ...res.graph, edges: [res.graph.edges[0]!] };
    expect(groupPorts(unwired, { id: 'r', name: 'res', nodes: ['d', 'add'] })).toEqual({
      inputs: [
        { source: 'x', targets: [{ node: 'd', port: 0 }] },
        { source: null, targets: [{ node: 'add', port: 0 }] },
        { source: null, targets: [{ node: 'add', port: 1 }] },
      ],
      outputs: ['d', 'add'],
    });
  });

  it('link instances by position, and stop when the instances no longer match', () => {
    const p = testProject({
      nodes: ['a1', 'b1', 'a2', 'b2', 'c'].map((id) => testNode(id, id.startsWith('a') ? 'Dense' : 'Activation')),
    });
    const linked = grouped(p, [
      { id: 'g1', name: 'blk', nodes: ['a1', 'b1'], link: 'L' },
      { id: 'g2', name: 'blk', nodes: ['a2', 'b2'], link: 'L' },
    ]);
    expect(linkedCounterparts(linked, 'a1')).toEqual(['a2']);
    expect(linkedCounterparts(linked, 'b2')).toEqual(['b1']);
    expect(linkedCounterparts(linked, 'c')).toEqual([]);
    const detached = grouped(p, [linked.groups![0]!, { ...linked.groups![1]!, link: undefined }]);
    expect(linkedCounterparts(detached, 'a1')).toEqual([]);
  });
});
