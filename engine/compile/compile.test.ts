import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { chain, edge, node, project } from '../train/testkit.js';
import { check } from '../check/check.js';
import { CompileError, compile, compileChecked } from './compile.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function compileError(fn: () => unknown): CompileError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CompileError);
    return e as CompileError;
  }
  throw new Error('expected a CompileError');
}

describe('compile', () => {
  it('builds a chain whose tfjs layer names are the node ids', () => {
    const p = chain([4], [['Dense', { units: 3, activation: 'relu' }], ['Dense', { units: 2, activation: 'softmax' }]]);
    const { model, layerNameOf, inputIds, outputIds } = compile(p, { tfl });
    expect(model.layers.map((l) => l.name)).toEqual(['in', 'l1', 'l2']);
    expect([...layerNameOf.entries()]).toEqual([['in', 'in'], ['l1', 'l1'], ['l2', 'l2']]);
    expect(inputIds).toEqual(['in']);
    expect(outputIds).toEqual(['l2']);
    expect(model.outputs[0]!.shape).toEqual([null, 2]);
    expect(model.countParams()).toBe(4 * 3 + 3 + 3 * 2 + 2);
    // Weights map back to nodes through their names.
    expect(model.getLayer('l1').getWeights().map((w) => w.shape)).toEqual([[4, 3], [3]]);
    model.dispose();
  });

  it('sanitises ids that are not valid tfjs names and keeps the map reversible', () => {
    const p = project([node('the input', 'Input', { shape: [2] }), node('hidden #1', 'Dense', { units: 2 })], [edge('the input', 'hidden #1')]);
    const c = compile(p, { tfl });
    expect(c.layerNameOf.get('hidden #1')).toBe('hidden__1');
    expect(c.nodeIdOf.get('hidden__1')).toBe('hidden #1');
    expect(c.model.getLayer('hidden__1')).toBeDefined();
    c.model.dispose();
  });

  it('merges inputs in targetPort order, with several inputs and outputs', () => {
    // b (3 features) goes to port 0 and a (1 feature) to port 1 although a is listed first.
    const p = project(
      [node('a', 'Input', { shape: [1] }), node('b', 'Input', { shape: [3] }), node('cat', 'Concatenate'), node('o1', 'Dense', { units: 1 }), node('o2', 'Dense', { units: 2 })],
      [edge('a', 'cat', 1), edge('b', 'cat', 0), edge('cat', 'o1'), edge('cat', 'o2')],
    );
    const { model, inputIds, outputIds } = compile(p, { tfl });
    expect(inputIds).toEqual(['a', 'b']);
    expect(outputIds).toEqual(['o1', 'o2']);
    expect(model.outputs.map((o) => o.shape)).toEqual([[null, 1], [null, 2]]);
    // The concatenation puts b's values first: [b1, b2, b3, a].
    const probe = tfl.model({ inputs: model.inputs, outputs: model.getLayer('cat').output as tfl.SymbolicTensor });
    const out = probe.predict([tf.tensor2d([[9]]), tf.tensor2d([[1, 2, 3]])]) as tf.Tensor;
    expect(Array.from(out.dataSync())).toEqual([1, 2, 3, 9]);
    tf.dispose(out);
    model.dispose();
  });

  it('refuses a graph with check errors, naming the node', () => {
    const bad = chain([784], [['Dense', { units: 10 }], ['Conv2D', { filters: 4 }]]);
    const e = compileError(() => compile(bad, { tfl }));
    expect(e.nodeId).toBe('l2');
    expect(e.message).toMatch(/Conv2D/);
    const unknown = chain([2], [['NoSuchLayer', {}]]);
    expect(compileError(() => compile(unknown, { tfl })).nodeId).toBe('l1');
    const badParam = chain([2], [['Dense', { units: -3 }]]);
    const pe = compileError(() => compile(badParam, { tfl }));
    expect(pe.nodeId).toBe('l1');
    expect(pe.message).toMatch(/units/);
  });

  it('refuses a cycle', () => {
    const p = project(
      [node('in', 'Input', { shape: [2] }), node('x', 'Add'), node('y', 'Dense', { units: 2 })],
      [edge('in', 'x', 0), edge('y', 'x', 1), edge('x', 'y')],
    );
    const e = compileError(() => compile(p, { tfl }));
    expect(['x', 'y']).toContain(e.nodeId);
  });

  it('seeds initializers: same seed, same weights; another seed, other weights', () => {
    const p = chain([3], [['Dense', { units: 4 }], ['Dense', { units: 1 }]]);
    const weights = (seed: number) => {
      const { model } = compile(p, { tfl, seed });
      const w = model.getWeights().map((t) => Array.from(t.dataSync()));
      model.dispose();
      return w;
    };
    expect(weights(7)).toEqual(weights(7));
    expect(weights(7)).not.toEqual(weights(8));
    // Different layers do not start from the same random numbers.
    const [k1] = weights(7);
    const { model } = compile(p, { tfl, seed: 7 });
    expect(Array.from(model.getLayer('l2').getWeights()[0]!.dataSync()).slice(0, 4)).not.toEqual(k1!.slice(0, 4));
    model.dispose();
  });

  it('refuses a graph with the checker\'s first message, word for word', () => {
    const bad = chain([784], [['Dense', { units: 10 }], ['Conv2D', { filters: 4 }]]);
    const first = check(bad).errors[0]!;
    const e = compileError(() => compile(bad, { tfl }));
    expect(e.message).toBe(first.message);
    expect(compileError(() => compileChecked(check(bad), { tfl })).message).toBe(first.message);
  });
});

describe('compile builds what check proved', () => {
  it('reads the project once: the checker\'s pass is the only one', () => {
    const p = chain([4], [['Dense', { units: 3 }], ['Dense', { units: 2, activation: 'softmax' }]]);
    let reads = 0;
    const counted = new Proxy(p, { get: (t, key, r) => (key === 'graph' && reads++, Reflect.get(t, key, r)) });
    const { model } = compile(counted, { tfl });
    // check() reads the graph once; a second validation pass (or a second check) would read it again.
    expect(reads).toBe(1);
    model.dispose();
  });

  it('builds the plan from check\'s report alone, with its order and resolved parameters', () => {
    const p = chain([4], [['Dense', { units: 3 }], ['Dense', { units: 2, activation: 'softmax' }]]);
    const report = check(p);
    expect(report.plan!.steps.map((s) => [s.id, s.kind, s.inputs])).toEqual([['in', 'Input', []], ['l1', 'Dense', ['in']], ['l2', 'Dense', ['l1']]]);
    // Defaults are filled in by the checker, once.
    expect(report.plan!.steps[1]!.params).toMatchObject({ units: 3, activation: 'linear', useBias: true });
    // Editing the project afterwards does not change what that report builds: compileChecked
    // looks at nothing but the report.
    (p.graph.nodes[1]!.params as { units: number }).units = 7;
    const { model } = compileChecked(report, { tfl });
    expect(model.getLayer('l1').getWeights()[0]!.shape).toEqual([4, 3]);
    model.dispose();
  });

  it('has no plan for a graph with errors', () => {
    const report = check(chain([2], [['NoSuchLayer', {}]]));
    expect(report.plan).toBeUndefined();
    expect(compileError(() => compileChecked(report, { tfl })).nodeId).toBe('l1');
  });
});
