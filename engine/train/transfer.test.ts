// Transfer learning: a frozen node keeps its weights bit for bit through training while the
// others change; a training started from another run's weights takes them on the nodes it
// shares (by id and shape) and reports the rest as starting fresh.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../check/check.js';
import { compile } from '../compile/compile.js';
import { blobs, chain } from './testkit.js';
import { startTraining } from './train.js';

const body = (frozen: boolean) => {
  const p = chain([2], [['Dense', { units: 6, activation: 'relu' }], ['Dense', { units: 4, activation: 'tanh' }], ['Dense', { units: 3, activation: 'softmax' }]], {
    loss: 'sparseCategoricalCrossentropy',
    epochs: 1,
    batchSize: 8,
    validationSplit: 0,
  });
  if (frozen) for (const n of p.graph.nodes) if (n.id === 'l1' || n.id === 'l2') n.trainable = false;
  return p;
};

const weightsOf = (m: tfl.LayersModel, layer: string) => m.getLayer(layer).getWeights().map((t) => Array.from(t.dataSync()));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('frozen nodes', () => {
  it('count as non-trainable in the summary', () => {
    const open = check(body(false));
    const frozen = check(body(true));
    expect(frozen.totalParams).toBe(open.totalParams);
    expect(frozen.trainableParams).toBe(open.trainableParams - (2 * 6 + 6) - (6 * 4 + 4));
  });

  it('keep their weights bit for bit through an epoch while the others train', async () => {
    const project = body(true);
    const before = compile(project, { tfl }).model; // same seed: the start weights of the run
    const start = { l1: weightsOf(before, 'l1'), l2: weightsOf(before, 'l2'), l3: weightsOf(before, 'l3') };
    before.dispose();
    const r = await startTraining({ project, dataset: blobs(48, 5, 3), backend: 'cpu' }).done;
    expect(r.status).toBe('finished');
    expect(weightsOf(r.model!, 'l1')).toEqual(start.l1);
    expect(weightsOf(r.model!, 'l2')).toEqual(start.l2);
    expect(weightsOf(r.model!, 'l3')).not.toEqual(start.l3);
    r.model!.dispose();
  });
});

describe('start weights from a run', () => {
  it('take the shared nodes by id and shape and report the others as fresh', async () => {
    const first = await startTraining({ project: body(false), dataset: blobs(48, 5, 3), backend: 'cpu' }).done;
    const source = first.model!;
    // A new head: l3 has 2 classes now (another shape), l4 is new.
    const next = chain([2], [['Dense', { units: 6, activation: 'relu' }], ['Dense', { units: 4, activation: 'tanh' }], ['Dense', { units: 2, activation: 'softmax' }]], {
      loss: 'sparseCategoricalCrossentropy',
      epochs: 1,
      batchSize: 8,
      validationSplit: 0,
    });
    for (const n of next.graph.nodes) if (n.id === 'l1' || n.id === 'l2') n.trainable = false;
    let reported;
    const r = await startTraining({ project: next, dataset: blobs(48, 6, 2), backend: 'cpu', initFrom: { model: source, from: 'run A' }, onInit: (x) => (reported = x) }).done;
    expect(r.init).toEqual(reported);
    expect(r.init).toEqual({
      from: 'run A',
      loaded: [
        { id: 'l1', values: 18 },
        { id: 'l2', values: 28 },
      ],
      fresh: [{ id: 'l3', reason: 'its weights are [4, 2] [2] here but [4, 3] [3] in run A' }],
    });
    // The frozen body is the source's, unchanged by this training.
    expect(weightsOf(r.model!, 'l1')).toEqual(weightsOf(source, 'l1'));
    expect(weightsOf(r.model!, 'l2')).toEqual(weightsOf(source, 'l2'));
    source.dispose();
    r.model!.dispose();
  });
});
