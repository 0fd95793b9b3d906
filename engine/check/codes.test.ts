// The table of diagnostic codes: every code has a severity and a one-line meaning, every
// diagnostic the checker gives carries a code from it with that severity, and the table lists
// no code the checker cannot give.
import { describe, expect, it } from 'vitest';
import type { Project } from '../project/types.js';
import { check, type DatasetInfo } from './check.js';
import { DIAGNOSTIC_CODES, severityOf, type DiagnosticCode } from './codes.js';
import { Diagnostics } from './diagnostics.js';
import { chain, project, residual } from './fixtures.js';

const XOR: DatasetInfo = { id: 'xor', task: 'classification', inputShape: [2], targetShape: [], numClasses: 2 };
const MNIST: DatasetInfo = { id: 'mnist', task: 'classification', inputShape: [28, 28, 1], targetShape: [], numClasses: 10 };
const SINE: DatasetInfo = { id: 'sine', task: 'regression', inputShape: [1], targetShape: [1] };

const withGraph = (graph: unknown): Project => ({ ...project([], []), graph } as unknown as Project);

/** Graphs that between them make every code the checker can give, each with its dataset. */
const CASES: [string, Project, DatasetInfo?][] = [
  ['graph not an object', withGraph(3)],
  ['nodes not a list', withGraph({ nodes: {}, edges: [] })],
  ['node not an object', withGraph({ nodes: [5], edges: [] })],
  ['duplicate ids', project([['in', 'Input', { shape: [2] }], ['in', 'Dense', { units: 1 }]], [])],
  ['edge not an object', withGraph({ nodes: [{ id: 'in', kind: 'Input', params: { shape: [2] } }], edges: [7] })],
  ['duplicate edge ids', withGraph({ nodes: [{ id: 'in', kind: 'Input', params: { shape: [2] } }, { id: 'd', kind: 'Dense', params: { units: 2 } }], edges: [{ id: 'e', source: 'in', target: 'd' }, { id: 'e', source: 'in', target: 'd' }] })],
  ['edge to nowhere', project([['in', 'Input', { shape: [2] }], ['d', 'Dense', { units: 2, activation: 'softmax' }]], ['in->d', 'd->ghost'])],
  ['unknown kind and parameter, invalid value', project([['in', 'Input', { shape: [2] }], ['a', 'Dence'], ['b', 'Dense', { unit: 2 }], ['c', 'Dense', { units: 0 }]], ['in->a', 'in->b', 'in->c'])],
  ['no input', project([['d', 'Dense', { units: 2 }]], [])],
  ['unused input, unconnected layer', project([['in', 'Input', { shape: [2] }], ['in2', 'Input', { shape: [2] }], ['d', 'Dense', { units: 2, activation: 'softmax' }], ['x', 'Dense', { units: 2 }]], ['in->d'])],
  ['arity', project([['in', 'Input', { shape: [2] }], ['d', 'Dense', { units: 2 }], ['e', 'Dense', { units: 2 }]], ['in->d', 'in->e', 'd->e'])],
  ['ports', project([['in', 'Input', { shape: [2] }], ['a', 'Dense', { units: 2 }], ['b', 'Dense', { units: 2 }], ['s', 'Add'], ['t', 'Add']], ['in->a', 'in->b', 'a->s:0', 'b->s:0', 'a->t:0', 'b->t:2', 'in->s:7'])],
  ['a port that is no whole number ≥ 0', project([['in', 'Input', { shape: [2] }], ['d', 'Dense', { units: 2, activation: 'softmax' }]], ['in->d:-1'])],
  ['gap between ports', project([['in', 'Input', { shape: [2] }], ['a', 'Dense', { units: 2 }], ['b', 'Dense', { units: 2 }], ['s', 'Add'], ['o', 'Dense', { units: 2, activation: 'softmax' }]], ['in->a', 'in->b', 'a->s:0', 'b->s:2', 's->o'])],
  ['cycle', project([['in', 'Input', { shape: [2] }], ['x', 'Add'], ['y', 'Dense', { units: 2 }]], ['in->x:0', 'y->x:1', 'x->y'])],
  ['shape and merge mismatch', project([['in', 'Input', { shape: [4] }], ['c', 'Conv2D', { filters: 2 }], ['a', 'Dense', { units: 3 }], ['b', 'Dense', { units: 5 }], ['s', 'Add']], ['in->c', 'in->a', 'in->b', 'a->s:0', 'b->s:1'])],
  ['loss against activation', project([['in', 'Input', { shape: [2] }], ['o', 'Dense', { units: 2, activation: 'relu' }]], ['in->o']), XOR],
  ['categorical loss on one unit', project([['in', 'Input', { shape: [2] }], ['o', 'Dense', { units: 1, activation: 'softmax' }]], ['in->o']), XOR],
  ['classification loss on a regression', project([['in', 'Input', { shape: [1] }], ['o', 'Dense', { units: 1 }]], ['in->o']), SINE],
  ['two outputs', project([['in', 'Input', { shape: [2] }], ['a', 'Dense', { units: 2, activation: 'softmax' }], ['b', 'Dense', { units: 2, activation: 'softmax' }]], ['in->a', 'in->b']), XOR],
  ['input against data', project([['in', 'Input', { shape: [3] }], ['o', 'Dense', { units: 2, activation: 'softmax' }]], ['in->o']), XOR],
  ['two inputs for one tensor', project([['a', 'Input', { shape: [2] }], ['b', 'Input', { shape: [2] }], ['c', 'Concatenate'], ['o', 'Dense', { units: 2, activation: 'softmax' }]], ['a->c:0', 'b->c:1', 'c->o']), XOR],
  ['units against classes', project([['in', 'Input', { shape: [28, 28, 1] }], ['f', 'Flatten'], ['o', 'Dense', { units: 3, activation: 'softmax' }]], ['in->f', 'f->o']), MNIST],
  ['classifier that is not flat', project([['in', 'Input', { shape: [28, 28, 1] }], ['o', 'Dense', { units: 10, activation: 'softmax' }]], ['in->o']), MNIST],
  ['output against targets', project([['in', 'Input', { shape: [1] }], ['o', 'Dense', { units: 3 }]], ['in->o'], 'meanSquaredError'), SINE],
  ['clean chain', chain(4)],
  ['clean residual', residual(3)],
];

// Safety nets: a bug in the checker, or a node without a shape that no other error explains.
const UNREACHABLE_BY_DESIGN = new Set<DiagnosticCode>(['internal', 'unreachable']);

describe('diagnostic codes', () => {
  it('every code has a severity and a one-line meaning', () => {
    for (const [code, entry] of Object.entries(DIAGNOSTIC_CODES)) {
      expect(['error', 'warning'], code).toContain(entry.severity);
      expect(entry.doc, code).toMatch(/^[^\n]{10,200}$/);
    }
  });

  it('every diagnostic given on the fixtures has a known code with its severity, and every code is given', () => {
    const seen = new Set<string>();
    for (const [what, p, dataset] of CASES) {
      const r = check(p, dataset ? { dataset } : undefined);
      for (const d of [...r.errors, ...r.warnings]) {
        expect(Object.keys(DIAGNOSTIC_CODES), `${what}: ${d.code}`).toContain(d.code);
        expect(d.severity, `${what}: ${d.code}`).toBe(severityOf(d.code));
        seen.add(d.code);
      }
      for (const e of r.errors) expect(e.severity).toBe('error');
      for (const w of r.warnings) expect(w.severity).toBe('warning');
    }
    const never = Object.keys(DIAGNOSTIC_CODES).filter((c) => !seen.has(c) && !UNREACHABLE_BY_DESIGN.has(c as DiagnosticCode));
    expect(never).toEqual([]);
  });

  it('routes by the severity in the table', () => {
    const d = new Diagnostics();
    d.error('cycle', 'x');
    d.warning('unconnected-port', 'y');
    expect(d.errors.map((e) => [e.code, e.severity])).toEqual([['cycle', 'error']]);
    expect(d.warnings.map((w) => [w.code, w.severity])).toEqual([['unconnected-port', 'warning']]);
  });

  it('reports a wrong code under the severity of the table, whatever the call says', () => {
    // tsc refuses these calls (npx tsc --noEmit checks the @ts-expect-error lines); code that
    // gets past the types anyway still cannot file a warning as an error.
    const d = new Diagnostics();
    // @ts-expect-error a warning's code reported as an error
    d.error('loss-activation', 'x');
    // @ts-expect-error an error's code reported as a warning
    d.warning('cycle', 'x');
    expect(d.errors.map((e) => e.code)).toEqual(['cycle']);
    expect(d.warnings.map((w) => w.code)).toEqual(['loss-activation']);
    // @ts-expect-error a misspelt code
    expect(() => d.error('shpae', 'x')).toThrow();
  });
});
