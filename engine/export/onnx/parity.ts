// The ONNX side of the parity check (../parity.ts): the exported model run by
// onnxruntime-node on raw inputs. onnxruntime-node is loaded when asked for, so the exporter
// works without it and says the check did not run.
import type * as tfl from '@tensorflow/tfjs-layers';
import { appPredictions, compareOutputs, PARITY_TOLERANCE, type ParityInput, type ParityResult } from '../parity.js';

export { PARITY_SAMPLES, PARITY_TOLERANCE, unscale, type ParityInput, type ParityResult } from '../parity.js';

type Ort = typeof import('onnxruntime-node');

/** onnxruntime-node, or why it is not there. */
export async function loadOrt(): Promise<Ort | string> {
  try {
    return await import('onnxruntime-node');
  } catch (e) {
    return `onnxruntime-node is not installed (npm install onnxruntime-node) (${(e as Error).message.split('\n')[0]})`;
  }
}

/** Runs both models on `input` (one model input) and compares every output value. */
export async function checkOnnxParity(onnx: Uint8Array, model: tfl.LayersModel, input: ParityInput, tolerance = PARITY_TOLERANCE): Promise<ParityResult> {
  const ort = await loadOrt();
  if (typeof ort === 'string') return { checked: false, reason: ort, line: `not checked: ${ort}` };
  if (model.inputs.length !== 1) return { checked: false, reason: 'the model has several inputs', line: 'not checked: the parity check feeds models of one input' };
  const shape = model.inputs[0]!.shape.slice(1) as number[];
  const session = await ort.InferenceSession.create(onnx);
  try {
    const result = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', input.raw, [input.count, ...shape]) });
    const got = result[session.outputNames[0]!]!.data as Float32Array;
    const { values, width } = await appPredictions(model, input);
    return compareOutputs(got, values, width, input, 'the exported ONNX model', tolerance);
  } finally {
    await session.release();
  }
}
