import { describe, expect, it } from 'vitest';
import { check } from '../../engine/check/check.js';
import { applyEdit } from '../state/edits.js';
import { mlp } from '../state/fixtures.js';
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
});
