// The contract every layer kind passes (Keras run_layer_test style): for seeded random valid
// cases drawn by each kind's `sample`, the kind agrees with TensorFlow.js on output shape and
// weight count, its parameters survive the file format, its code emitters produce the same
// layer, and it trains one step. A new kind in the catalog gets this battery for free.
import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV_VARS, catalogCases } from '../backend/env.js';
import { listBackends, useBackend } from '../backend/index.js';
import { resolveParams } from './params.js';
import { CATALOG } from './registry.js';
import { renderShapeError } from './shape-error.js';
import type { LayerKind, LayerSample, Params } from './types.js';
import { randomFrom } from './testkit.js';

// webgpu joins where an adapter exists: here Dawn's OpenGL ES backend on Mesa's llvmpipe, as
// in engine/backend/webgpu/webgpu.test.ts (asked for before the ladder first asks Dawn).
process.env[ENV_VARS.dawnBackend.name] ??= 'opengles';
process.env.EGL_PLATFORM ??= 'surfaceless';
process.env.XDG_RUNTIME_DIR ??= os.tmpdir();
const gpu = await useBackend('webgpu').then(() => true, () => false);

/** Backends every kind must train on: one list, so a new backend joins the battery here. */
const BACKENDS = ['cpu', 'wasm', ...(gpu ? ['webgpu'] : [])];
/** Random cases per kind and backend: few, tiny, seeded (the suite runs on 2 busy cores).
 *  LAYERLAB_CATALOG_SEED / _RUNS explore other cases locally without editing the test. */
const { runs: RUNS, seed: SEED } = catalogCases();
const BATCH = 2;

function weightCount(weights: tfl.LayerVariable[]): number {
  return weights.reduce((n, w) => n + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);
}

/** Evaluates the emitted TensorFlow.js expression with the real library behind `tf`. */
function runTfjsCode(code: string): unknown {
  const tfShim = { layers: tfl.layers, regularizers: tfl.regularizers, initializers: tfl.initializers, input: tfl.input };
  return new Function('tf', `return ${code};`)(tfShim);
}

function inputData(sample: LayerSample, shape: number[]): tf.Tensor {
  const full = [BATCH, ...shape];
  if (sample.intInputsBelow !== undefined)
    return tf.floor(tf.randomUniform(full, 0, sample.intInputsBelow - 1e-3, 'float32', 3));
  return tf.randomUniform(full, -1, 1, 'float32', 4);
}

/** Checks one case; throws (via expect) on any disagreement so fast-check can report it. */
async function checkCase(kind: LayerKind, sample: LayerSample): Promise<void> {
  const where = `${kind.kind} ${JSON.stringify(sample)}`;

  // Parameters: valid as drawn, and unchanged through JSON (the project file) and back.
  const resolved = resolveParams(kind.params, sample.params);
  expect(resolved.issues, where).toEqual([]);
  const params: Params = resolved.params;
  const again = resolveParams(kind.params, JSON.parse(JSON.stringify(params)) as Record<string, unknown>);
  expect(again.issues, where).toEqual([]);
  expect(again.params, where).toEqual(params);

  const inferred = kind.inferShape(sample.inputs, params);
  if (!inferred.ok) throw new Error(`${where}: inferShape failed: ${renderShapeError(inferred.error, { kind: kind.kind })}`);

  // Code emitters: Keras names the class, and the TensorFlow.js code builds the same layer.
  const keras = kind.toKeras(params, 'under_test');
  expect(keras, where).toContain(kind.arity.max === 0 ? 'keras.Input(' : `layers.${kind.kind}(`);
  expect(keras, where).toContain('name="under_test"');
  const emitted = runTfjsCode(kind.toTfjs(params, 'under_test'));

  const inputs = sample.inputs.map((shape) => tfl.input({ shape: shape as number[] }));
  let output: tfl.SymbolicTensor;
  let layer: tfl.layers.Layer | null = null;
  if (kind.arity.max === 0) {
    // A source kind (Input) is the model's input itself.
    output = emitted as tfl.SymbolicTensor;
    inputs.push(output);
  } else {
    const reference = kind.build(params, { tfl, name: 'under_test' });
    expect((emitted as tfl.layers.Layer).getClassName(), where).toBe(kind.kind);
    expect((emitted as tfl.layers.Layer).getConfig(), where).toEqual(reference.getConfig());
    layer = kind.build(params, { tfl, name: 'seeded', seed: 7 });
    output = layer.apply(inputs.length === 1 ? inputs[0]! : inputs) as tfl.SymbolicTensor;
    // The same seed starts the same weights (repeatable runs on one backend).
    const twin = kind.build(params, { tfl, name: 'twin', seed: 7 });
    const twinInputs = sample.inputs.map((shape) => tfl.input({ shape: shape as number[] }));
    twin.apply(twinInputs.length === 1 ? twinInputs[0]! : twinInputs);
    const [a, b] = [layer.getWeights(), twin.getWeights()];
    expect(b.length, where).toBe(a.length);
    // Read asynchronously: webgpu's synchronous read needs OffscreenCanvas, which Node lacks.
    for (const [i, w] of a.entries()) expect(Array.from(await b[i]!.data()), `${where} weight ${i}`).toEqual(Array.from(await w.data()));
    twin.dispose();
  }

  // Shape: symbolic, and concrete on a real batch.
  expect(output.shape[0], where).toBeNull();
  expect(output.shape.slice(1), where).toEqual(inferred.shape);

  const counted = kind.countParams(sample.inputs, params);
  expect(counted, where).toEqual({
    trainable: layer ? weightCount(layer.trainableWeights) : 0,
    nonTrainable: layer ? weightCount(layer.nonTrainableWeights) : 0,
  });

  // One training step through a small trainable head (a Dense on the last axis, so gradients
  // flow back through the layer); a last axis unknown until run time gets no head.
  const last = output.shape[output.shape.length - 1];
  const head =
    last === null
      ? output
      : (tfl.layers.dense({ units: 1, kernelInitializer: tfl.initializers.glorotNormal({ seed: 5 }) }).apply(output) as tfl.SymbolicTensor);
  const model = tfl.model({ inputs, outputs: head === output ? [output] : [output, head] });
  const xs = sample.inputs.length === 0 ? [inputData(sample, output.shape.slice(1) as number[])] : sample.inputs.map((s) => inputData(sample, s as number[]));
  try {
    const outs = model.predict(xs);
    const [predicted, headOut = predicted] = Array.isArray(outs) ? outs : [outs];
    // Unknown (null) dimensions are resolved at run time: any size matches them.
    expect(predicted!.shape.length, where).toBe(inferred.shape.length + 1);
    inferred.shape.forEach((d, i) => {
      if (d !== null) expect(predicted!.shape[i + 1], `${where} axis ${i + 1}`).toBe(d);
    });
    const y = tf.randomNormal(headOut!.shape, 0, 1, 'float32', 6);
    tf.dispose([predicted!, headOut!]);
    const trainer = tfl.model({ inputs, outputs: head });
    if (trainer.trainableWeights.length > 0) {
      trainer.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
      const loss = (await trainer.trainOnBatch(xs, y)) as number;
      expect(Number.isFinite(loss), `${where}: loss ${loss}`).toBe(true);
    }
    y.dispose();
  } finally {
    tf.dispose(xs);
    model.dispose();
  }
}

describe('layer catalog', () => {
  it('lists each kind once, with a sample and valid defaults', () => {
    const names = CATALOG.map((k) => k.kind);
    expect(new Set(names).size).toBe(names.length);
    for (const kind of CATALOG) {
      expect(kind.sample, `${kind.kind} has no sample`).toBeTypeOf('function');
      expect(resolveParams(kind.params, {}).issues, kind.kind).toEqual([]);
      for (const p of kind.keyParams) expect(kind.params, `${kind.kind}.keyParams`).toHaveProperty(p);
      for (const [name, spec] of Object.entries(kind.params)) expect(spec.doc.length, `${kind.kind}.${name} doc`).toBeGreaterThan(5);
    }
  });

  it('holds the core Keras layer kinds', () => {
    const required = 'Input Dense Activation Dropout Flatten Reshape Conv1D Conv2D Conv2DTranspose MaxPooling1D MaxPooling2D AveragePooling1D AveragePooling2D GlobalAveragePooling2D GlobalMaxPooling2D UpSampling2D BatchNormalization LayerNormalization GaussianNoise SimpleRNN LSTM GRU Embedding RepeatVector Concatenate Add Multiply Average';
    expect(CATALOG.map((k) => k.kind)).toEqual(expect.arrayContaining(required.split(' ')));
  });
});

// Which of the two runs says, in the report, whether the battery below covered webgpu.
it.skipIf(!gpu)('webgpu has an adapter here, so the contract runs on it too', async () => {
  const entry = (await listBackends()).find((b) => b.name === 'webgpu');
  expect(entry).toMatchObject({ available: true, device: expect.stringMatching(/Dawn/) });
});
it.skipIf(gpu)("webgpu has no adapter here (needs a GPU, or Mesa GL for Dawn's GL backend): the contract runs on cpu and wasm only", async () => {
  const entry = (await listBackends()).find((b) => b.name === 'webgpu');
  expect(entry).toMatchObject({ available: false, reason: expect.stringMatching(/\w{3}/) });
});

describe.each(BACKENDS)('layer contract on %s', (backend) => {
  beforeAll(async () => {
    // Through the app's own backend setup, which also gives tensors the chained methods
    // tfjs-layers calls (the orthogonal initializer of every recurrent layer needs them).
    await useBackend(backend);
  });

  it.each(CATALOG.filter((k) => k.sample).map((k) => [k.kind, k] as const))('%s agrees with TensorFlow.js and trains', async (_name, kind) => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        await checkCase(kind, kind.sample!(randomFrom(g)));
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  });
});
