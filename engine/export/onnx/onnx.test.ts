// ONNX export against TensorFlow.js: every exportable catalog kind in a small graph (cases
// drawn by the kind's own `sample`, as the layer contract test draws them) with random
// weights, run by onnxruntime-node and matched within 1e-4; the MNIST templates; the error a
// layer ONNX cannot express gives.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import fc from 'fast-check';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/index.js';
import { compile } from '../../compile/compile.js';
import { resolveParams } from '../../layers/params.js';
import { CATALOG } from '../../layers/registry.js';
import type { LayerKind, LayerSample } from '../../layers/types.js';
import { loadTemplate } from '../../project/templates.js';
import { decodeModel, OPSET } from './graph.js';
import { OnnxExportError, toOnnx } from './export.js';
import { checkOnnxParity, unscale } from './parity.js';
import { randomFrom } from '../../layers/testkit.js';
import { randomizeWeights } from '../fixtures.js';

const TOLERANCE = 1e-4;
const BATCH = 3;

beforeAll(async () => {
  await useBackend('cpu');
});

function inputData(sample: LayerSample, shape: number[], seed: number): tf.Tensor {
  const full = [BATCH, ...shape];
  if (sample.intInputsBelow !== undefined) return tf.floor(tf.randomUniform(full, 0, sample.intInputsBelow - 1e-3, 'float32', seed));
  return tf.randomUniform(full, -1, 1, 'float32', seed);
}

async function runOnnx(bytes: Uint8Array, xs: tf.Tensor[]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const feeds: Record<string, ort.Tensor> = {};
    session.inputNames.forEach((name, i) => (feeds[name] = new ort.Tensor('float32', xs[i]!.dataSync() as Float32Array, xs[i]!.shape)));
    const out = await session.run(feeds);
    return out[session.outputNames[0]!]!.data as Float32Array;
  } finally {
    await session.release();
  }
}

function maxDelta(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Reasons a drawn case may fail to export by design (ONNX's recurrent ops take a fixed set
 *  of activations); anything else is a converter bug. */
const ACCEPTED_REFUSALS = /is not one ONNX's (RNN|LSTM|GRU) takes/;

async function checkCase(kind: LayerKind, sample: LayerSample, seed: number): Promise<'matched' | 'refused'> {
  const where = `${kind.kind} ${JSON.stringify(sample)}`;
  const params = resolveParams(kind.params, sample.params).params;
  const inputs = sample.inputs.map((shape) => tfl.input({ shape: shape as number[] }));
  const layer = kind.build(params, { tfl, name: 'under_test', seed: 7 });
  const output = layer.apply(inputs.length === 1 ? inputs[0]! : inputs) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs, outputs: output });
  const xs = sample.inputs.map((s, i) => inputData(sample, s as number[], seed + i));
  try {
    randomizeWeights(model, seed);
    let bytes: Uint8Array;
    try {
      bytes = toOnnx(model);
    } catch (e) {
      if (e instanceof OnnxExportError && ACCEPTED_REFUSALS.test(e.message)) {
        expect(e.message).toContain("node 'under_test'");
        return 'refused';
      }
      throw new Error(`${where}: ${(e as Error).message}`);
    }
    const want = (model.predict(xs) as tf.Tensor).dataSync() as Float32Array;
    const got = await runOnnx(bytes, xs);
    expect(maxDelta(got, want), where).toBeLessThanOrEqual(TOLERANCE);
    return 'matched';
  } finally {
    tf.dispose(xs);
    model.dispose();
  }
}

describe('ONNX export of each catalog kind', () => {
  const kinds = CATALOG.filter((k) => k.sample && k.arity.max !== 0);
  it.each(kinds.map((k) => [k.kind, k] as const))('%s runs in onnxruntime as in TensorFlow.js', async (_name, kind) => {
    const outcomes: string[] = [];
    let seed = 11;
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        outcomes.push(await checkCase(kind, kind.sample!(randomFrom(g)), seed++));
      }),
      { seed: 20261203, numRuns: 4, endOnFailure: true },
    );
    // At least one drawn case must really have been compared.
    expect(outcomes, kind.kind).toContain('matched');
  });
});

describe('ONNX export of a whole model', () => {
  it.each(['mnist-standard', 'mnist-simplified', 'mnist-convolutional'])('the %s template (untrained) matches TensorFlow.js', async (id) => {
    const project = await loadTemplate(id);
    const { model, nodeIdOf } = compile(project, { tfl, seed: 3 });
    const shape = model.inputs[0]!.shape.slice(1) as number[];
    const scaled = tf.randomUniform([4, ...shape], 0, 1, 'float32', 5);
    try {
      const preprocessing = { method: 'pixels' as const, offset: [0], divisor: [255], from: 'fixed (pixels / 255)' };
      const bytes = toOnnx(model, { nodeIdOf, preprocessing, classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] });
      const x = scaled.dataSync() as Float32Array;
      const result = await checkOnnxParity(bytes, model, { scaled: x, raw: unscale(x, preprocessing), count: 4, source: 'random inputs', classification: true });
      expect(result.checked && result.ok, result.line).toBe(true);
      expect(result.line).toMatch(/^predictions match: max \|Δ\| = \S+ over 4 samples \(random inputs\), same class on 4\/4$/);
    } finally {
      scaled.dispose();
      model.dispose();
    }
  });

  it('a Flatten after a convolution flattens in channels-last order, so the Dense weights fit', async () => {
    // Non-square, several channels: a channels-first flatten would feed the Dense scrambled values.
    const inp = tfl.input({ shape: [3, 5, 2] });
    const c = tfl.layers.conv2d({ filters: 3, kernelSize: 2, name: 'c' }).apply(inp) as tfl.SymbolicTensor;
    const f = tfl.layers.flatten({ name: 'f' }).apply(c) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: inp, outputs: tfl.layers.dense({ units: 4, name: 'd' }).apply(f) as tfl.SymbolicTensor });
    randomizeWeights(model, 21);
    const x = tf.randomUniform([2, 3, 5, 2], -1, 1, 'float32', 8);
    const want = (model.predict(x) as tf.Tensor).dataSync() as Float32Array;
    expect(maxDelta(await runOnnx(toOnnx(model), [x]), want)).toBeLessThanOrEqual(TOLERANCE);
    tf.dispose(x);
    model.dispose();
  });

  it('writes opset 17 with the scaling and class names inside', () => {
    const inp = tfl.input({ shape: [2], name: 'x' });
    const model = tfl.model({ inputs: inp, outputs: tfl.layers.dense({ units: 2, name: 'out', activation: 'softmax' }).apply(inp) as tfl.SymbolicTensor });
    const bytes = toOnnx(model, { preprocessing: { method: 'standardize', offset: [1, 2], divisor: [3, 4], from: 'training split' }, classNames: ['no', 'yes'] });
    const decoded = decodeModel(bytes) as { opsetImport: { version: number }[]; graph: { node: { opType: string }[]; input: { name: string }[] }; metadataProps: { key: string; value: string }[] };
    expect(decoded.opsetImport[0]!.version).toBe(OPSET);
    expect(OPSET).toBeGreaterThanOrEqual(13);
    expect(decoded.graph.input.map((i) => i.name)).toEqual(['x']);
    expect(decoded.graph.node.slice(0, 2).map((n) => n.opType)).toEqual(['Sub', 'Div']);
    expect(decoded.metadataProps).toContainEqual({ key: 'class_names', value: '["no","yes"]' });
    model.dispose();
  });

  it('a mismatch names the first differing sample', async () => {
    const inp = tfl.input({ shape: [3] });
    const model = tfl.model({ inputs: inp, outputs: tfl.layers.dense({ units: 2, name: 'd' }).apply(inp) as tfl.SymbolicTensor });
    const bytes = toOnnx(model);
    // Weights changed after export: the file no longer predicts what the model does.
    randomizeWeights(model, 99);
    const x = Float32Array.from([0.1, 0.2, 0.3, 1, 2, 3]);
    const result = await checkOnnxParity(bytes, model, { scaled: x, raw: x, count: 2, source: 'test split', classification: true });
    expect(result.checked && !result.ok).toBe(true);
    expect(result.line).toMatch(/^predictions differ: max \|Δ\| = \S+ over 2 samples, same class on \d\/2; first at sample 0, value \d: the exported ONNX model /);
    model.dispose();
  });

  it('a layer ONNX cannot express is an error naming the node and why', () => {
    const inp = tfl.input({ shape: [4, 2] });
    const out = tfl.layers.lstm({ units: 3, activation: 'selu', name: 'memory' }).apply(inp) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: inp, outputs: out });
    expect(() => toOnnx(model, { nodeIdOf: new Map([['memory', 'memory']]) })).toThrow("cannot export node 'memory' (LSTM) to ONNX: activation 'selu' is not one ONNX's LSTM takes");
    model.dispose();
    const inp2 = tfl.input({ shape: [4, 2] });
    const permuted = tfl.layers.permute({ dims: [2, 1], name: 'swap' }).apply(inp2) as tfl.SymbolicTensor;
    const model2 = tfl.model({ inputs: inp2, outputs: permuted });
    expect(() => toOnnx(model2)).toThrow("cannot export node 'swap' (Permute) to ONNX: ONNX export has no converter for Permute");
    model2.dispose();
  });
});
