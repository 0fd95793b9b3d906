// Graph mistakes: each gets its code, lands on the right node and says what to do.
import { describe, expect, it } from 'vitest';
import { check } from './check.js';
import { project } from './fixtures.js';
import type { Project } from '../project/types.js';

const IN = ['in', 'Input', { shape: [4] }] as [string, string, Record<string, unknown>];
const dense = (id: string, units = 3): [string, string, Record<string, unknown>] => [id, 'Dense', { units }];

function errorsOf(p: Project) {
  return check(p).errors.map((e) => ({ code: e.code, nodeId: e.nodeId }));
}

describe('check: graph structure', () => {
  it('reports a graph without Input', () => {
    const r = check(project([dense('d1'), dense('d2')], ['d1->d2']));
    expect(r.ok).toBe(false);
    const e = r.errors.find((d) => d.code === 'no-input');
    expect(e?.nodeId).toBeUndefined();
    expect(e?.message).toMatch(/no Input node; add an Input/);
    expect(r.errors.find((d) => d.code === 'unconnected')?.nodeId).toBe('d1');
  });

  it('reports an empty graph', () => {
    const r = check(project([], []));
    expect(r.ok).toBe(false);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.message).toMatch(/empty/);
  });

  it('names the nodes of a cycle, once, and leaves the nodes behind it without shape or message', () => {
    const r = check(project([IN, dense('a'), dense('b'), dense('c'), dense('after')], ['in->a', 'a->b', 'b->c', 'c->a', 'c->after']));
    const cycles = r.errors.filter((d) => d.code === 'cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.nodeId).toBe('a');
    expect(cycles[0]!.nodeIds).toEqual(['a', 'b', 'c']);
    expect(cycles[0]!.message).toBe("Dense 'a' is on a cycle: 'a' → 'b' → 'c' → 'a'; data must flow one way from Input to output, so remove one of these edges");
    expect(r.errors).toHaveLength(1);
    expect(r.order).toEqual([]);
    expect(r.nodes.find((n) => n.id === 'after')?.outputShape).toBeNull();
    expect(r.nodes.find((n) => n.id === 'in')?.outputShape).toEqual([null, 4]);
  });

  it('reports a self-loop as a cycle and two separate cycles separately', () => {
    const r = check(project([IN, dense('a'), dense('b'), dense('c')], ['in->a', 'a->a', 'in->b', 'b->c', 'c->b']));
    const cycles = r.errors.filter((d) => d.code === 'cycle');
    expect(cycles.map((c) => c.nodeIds)).toEqual([['a'], ['b', 'c']]);
    expect(cycles[0]!.message).toContain("'a' → 'a'");
  });

  it('reports an edge from a missing node on its target, and one to a missing node on its source', () => {
    const r = check(project([IN, dense('d1'), dense('d2')], ['in->d1', 'ghost->d2', 'd1->nowhere']));
    const missing = r.errors.filter((d) => d.code === 'missing-node');
    expect(missing.map((d) => d.nodeId)).toEqual(['d2', 'd1']);
    expect(missing[0]!.message).toBe("Dense 'd2' gets its input from 'ghost', which does not exist (edge 'e1_ghost_d2', graph.edges[1]); delete the edge or connect an existing layer");
    expect(missing[0]!.edgeId).toBe('e1_ghost_d2');
    // d2's missing input is not reported a second time as 'unconnected'.
    expect(r.errors.filter((d) => d.nodeId === 'd2')).toHaveLength(1);
    expect(r.nodes.find((n) => n.id === 'd1')?.outputShape).toEqual([null, 3]);
  });

  it('reports a layer with nothing connected to its input', () => {
    const r = check(project([IN, dense('d1'), dense('lonely'), dense('after')], ['in->d1', 'lonely->after']));
    expect(errorsOf(project([IN, dense('d1'), dense('lonely'), dense('after')], ['in->d1', 'lonely->after']))).toEqual([{ code: 'unconnected', nodeId: 'lonely' }]);
    expect(r.errors[0]!.message).toBe("Dense 'lonely' has nothing connected to its input, so no Input reaches it; connect a layer to it or delete it");
    expect(r.nodes.find((n) => n.id === 'after')?.outputShape).toBeNull();
  });

  it('reports too few inputs for a merge', () => {
    const r = check(project([IN, dense('d1'), ['a1', 'Add']], ['in->d1', 'd1->a1']));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: 'arity', nodeId: 'a1' });
    expect(r.errors[0]!.message).toBe("Add 'a1' needs at least 2 inputs but has 1 (from 'd1'); connect another layer to it");
  });

  it('reports too many inputs for a single-input layer', () => {
    const r = check(project([IN, dense('a'), dense('b'), dense('c')], ['in->a', 'in->b', 'a->c', 'b->c']));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: 'arity', nodeId: 'c' });
    expect(r.errors[0]!.message).toMatch(/^Dense 'c' takes exactly 1 input but has 2 \(from 'a' and 'b'\); remove one edge/);
  });

  it('reports an edge into an Input', () => {
    const r = check(project([IN, ['in2', 'Input', { shape: [4] }], dense('d')], ['in->d', 'd->in2']));
    const e = r.errors.find((d) => d.nodeId === 'in2');
    expect(e?.code).toBe('arity');
    expect(e?.message).toMatch(/^Input 'in2' takes no inputs but has 1 \(from 'd'\)/);
  });

  it('reports two inputs on the same port of a merge, and a port out of range', () => {
    const r = check(project([IN, dense('a'), dense('b'), ['m', 'Concatenate']], ['in->a', 'in->b', 'a->m:0', 'b->m:0']));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: 'duplicate-port', nodeId: 'm' });
    expect(r.errors[0]!.message).toMatch(/two inputs on port 0 \(from 'a' and 'b'\)/);
    const bad = check(project([IN, dense('a')], ['in->a:-1']));
    expect(bad.errors[0]).toMatchObject({ code: 'invalid-port', nodeId: 'a' });
    expect(bad.errors).toHaveLength(1);
  });

  it('warns about a gap between the ports of a merge', () => {
    const r = check(project([IN, dense('a'), dense('b'), ['m', 'Concatenate']], ['in->a', 'in->b', 'a->m:0', 'b->m:2']));
    expect(r.ok).toBe(true);
    expect(r.warnings.find((w) => w.code === 'unconnected-port')).toMatchObject({ nodeId: 'm' });
  });

  it('reports an Input that feeds nothing', () => {
    const r = check(project([IN, ['spare', 'Input', { shape: [2] }], dense('d')], ['in->d']));
    expect(errorsOf(project([IN, ['spare', 'Input', { shape: [2] }], dense('d')], ['in->d']))).toEqual([{ code: 'unused-input', nodeId: 'spare' }]);
    expect(r.inputs).toEqual(['in', 'spare']);
  });

  it('reports duplicate node ids and ignores the second node', () => {
    const r = check(project([IN, dense('d'), dense('d', 7)], ['in->d']));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: 'duplicate-id', nodeId: 'd' });
    expect(r.errors[0]!.message).toMatch(/graph\.nodes\[1\] and graph\.nodes\[2\]/);
    expect(r.nodes.filter((n) => n.id === 'd')).toEqual([{ id: 'd', kind: 'Dense', outputShape: [null, 3], params: 15, trainableParams: 15 }]);
  });

  it('reports duplicate edge ids and malformed edges with their JSON path', () => {
    const p = project([IN, dense('d')], ['in->d']);
    p.graph.edges.push({ ...p.graph.edges[0]! }, { id: 'x', source: 5 } as never);
    const r = check(p);
    expect(r.errors.map((e) => e.code)).toEqual(['duplicate-edge-id', 'invalid-edge', 'arity']);
    expect(r.errors[1]!.message).toMatch(/graph\.edges\[2\]/);
  });
});

describe('check: malformed documents', () => {
  it('names the JSON path of what is wrong', () => {
    expect(check({ graph: { nodes: 'x', edges: [] } } as never).errors[0]).toMatchObject({ code: 'invalid-graph', message: `graph.nodes must be a list of nodes, got 'x'` });
    expect(check({} as never).errors[0]).toMatchObject({ code: 'invalid-graph', message: 'project.graph must be an object with "nodes" and "edges", got undefined' });
    const r = check({ graph: { nodes: [{ id: 'in', kind: 'Input', params: { shape: [2] } }, 7, { id: '' }], edges: [] } } as never);
    expect(r.errors.map((e) => e.message)).toEqual(['graph.nodes[1] must be an object with an id and a kind, got 7', 'graph.nodes[2] needs a non-empty string "id", got \'\'', "Input 'in' is not connected to anything; connect it to the first layer or delete it"]);
  });
});
