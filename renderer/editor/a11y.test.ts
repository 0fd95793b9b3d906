import { describe, expect, it } from 'vitest';
import { check } from '../../engine/check/check.js';
import { testProject } from '../../engine/project/fixtures.js';
import { applyEdit } from '../state/edits.js';
import { mlp } from '../state/fixtures.js';
import { arrowDelta, connectTargets, MOVE_STEP, nodeAccessibleName, spokenShape } from './a11y.js';
import { diagnosticsByNode } from './diagnostics.js';

describe('nodeAccessibleName', () => {
  it('says kind, id, output shape, parameters and errors as in the checker report', () => {
    // 28×28×1 through 32 filters of 3×3: 26×26×32 out, 3·3·32 weights + 32 biases = 320.
    const p = testProject({
      name: 'conv',
      nodes: [
        { id: 'input_1', kind: 'Input', params: { shape: [28, 28, 1] }, position: { x: 0, y: 0 } },
        { id: 'conv2d_1', kind: 'Conv2D', params: { filters: 32, kernelSize: 3 }, position: { x: 0, y: 100 } },
        { id: 'flat', kind: 'Input', params: { shape: [4] }, position: { x: 300, y: 0 } },
        { id: 'conv2d_2', kind: 'Conv2D', params: { filters: 2 }, position: { x: 300, y: 100 } },
      ],
      edges: [
        { id: 'e1', source: 'input_1', target: 'conv2d_1' },
        { id: 'e2', source: 'flat', target: 'conv2d_2' },
      ],
    });
    const report = check(p);
    const diag = diagnosticsByNode(report);
    const name = (id: string) => {
      const node = p.graph.nodes.find((n) => n.id === id)!;
      const d = diag(id);
      return nodeAccessibleName(node, report.nodes.find((n) => n.id === id), d.errors, d.warnings);
    };
    expect(name('conv2d_1')).toBe('Conv2D conv2d_1, output 26 by 26 by 32, 320 parameters');
    expect(name('input_1')).toBe('Input input_1, output 28 by 28 by 1, 0 parameters');
    // A Conv2D on a flat input of 4 values: one shape error, no shape to tell.
    expect(diag('conv2d_2').errors).toHaveLength(1);
    expect(name('conv2d_2')).toMatch(/^Conv2D conv2d_2, output unknown, 0 parameters, 1 error(, \d+ warnings?)?$/);
  });

  it('counts errors and warnings in words, singular and plural, and says frozen', () => {
    const err = { severity: 'error', message: 'x', code: 'shape' } as never;
    const node = { id: 'd', kind: 'Dense', trainable: false };
    expect(nodeAccessibleName(node, { outputShape: [null, 1200], params: 1234567 }, [err], [err, err])).toBe('Dense d, output 1200, 1,234,567 parameters, frozen, 1 error, 2 warnings');
    expect(nodeAccessibleName({ id: 'd', kind: 'Dense' }, undefined, [err, err], [])).toBe('Dense d, output unknown, 2 errors');
  });

  it('speaks unknown dimensions and a scalar', () => {
    expect(spokenShape([null, null, 8])).toBe('any by 8');
    expect(spokenShape([null])).toBe('one value');
    expect(spokenShape(null)).toBe('unknown');
  });
});

describe('connectTargets', () => {
  it('offers the nodes that accept the edge, never itself, an existing edge or a cycle', () => {
    const p = mlp(); // in → h → out
    expect(connectTargets(p.graph, 'in').map((t) => t.id)).toEqual([]); // h and out already have their one input
    const cut = applyEdit(p, { type: 'remove', nodeIds: [], edgeIds: ['e2'] }); // in → h, out alone
    expect(connectTargets(cut.graph, 'in').map((t) => t.id)).toEqual(['out']);
    expect(connectTargets(cut.graph, 'h')).toEqual([{ id: 'out', kind: 'Dense' }]);
    // out → h would need h's only input slot; out → in: an Input takes no inputs.
    expect(connectTargets(cut.graph, 'out')).toEqual([]);
    const loose = applyEdit(cut, { type: 'remove', nodeIds: [], edgeIds: ['e1'] });
    expect(connectTargets(loose.graph, 'out').map((t) => t.id)).toEqual(['h']);
  });
});

describe('arrowDelta', () => {
  it('moves by a grid step, five with Shift, nothing for other keys', () => {
    expect(arrowDelta('ArrowRight', false)).toEqual({ dx: MOVE_STEP, dy: 0 });
    expect(arrowDelta('ArrowUp', true)).toEqual({ dx: 0, dy: -5 * MOVE_STEP });
    expect(arrowDelta('a', false)).toBeNull();
  });
});
