import { describe, expect, it } from 'vitest';
import { check } from '../../engine/check/check.js';
import { applyEdit } from '../state/edits.js';
import { mlp } from '../state/fixtures.js';
import { DIAGNOSTIC_CODES } from '../../engine/check/codes.js';
import { diagnosticsByNode } from './diagnostics.js';

describe('diagnosticsByNode', () => {
  it('puts a shape error on the node where it is made, and none elsewhere', () => {
    // An Input with an unknown last dimension: the Dense after it cannot size its weights.
    const p = applyEdit(mlp(), { type: 'setParam', nodeId: 'in', param: 'shape', value: [null] });
    const byNode = diagnosticsByNode(check(p));
    expect(byNode('h').errors.length).toBeGreaterThan(0);
    expect(byNode('in').errors).toEqual([]);
    expect(byNode('nope')).toEqual({ errors: [], warnings: [] });
  });

  it('a valid project has no node errors', () => {
    const byNode = diagnosticsByNode(check(mlp()));
    for (const id of ['in', 'h', 'out']) expect(byNode(id).errors).toEqual([]);
  });

  it('gives the node its errors with their code and the fix as data, for the inspector to offer', () => {
    // A Conv2D on a flat Input of 4 values: the fix is a Reshape to a 2×2 image before it.
    const p = mlp();
    p.graph.nodes[0]!.params = { shape: [4] };
    p.graph.nodes[1] = { ...p.graph.nodes[1]!, kind: 'Conv2D', params: { filters: 2 } };
    const e = diagnosticsByNode(check(p))('h').errors[0];
    expect(e?.code).toBe('shape');
    expect(DIAGNOSTIC_CODES[e!.code].severity).toBe('error');
    expect(e?.fix).toEqual({ kind: 'insert', node: 'h', layer: 'Reshape', params: { targetShape: [2, 2, 1] } });
  });
});
