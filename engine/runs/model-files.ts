// A TensorFlow.js IOHandler that writes and reads real files: model.json + weights.bin, the
// layers format tf.loadLayersModel opens. Node has no file:// handler without tfjs-node, so
// the run store brings its own. Each file is written with fsync; the folder as a whole is
// made atomic by the caller (written under a temp name, then renamed into place).
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { join } from 'node:path';
import { MODEL_JSON, readTfjsArtifacts, WEIGHTS_BIN, writeSynced } from '../export/tfjs.js';

/** save() writes `dir`/model.json and weights.bin (the folder must exist and not hold them);
 *  load() reads them back, checking the weight sizes against the manifest. */
export function modelFilesHandler(dir: string): tf.io.IOHandler {
  return {
    async save(a: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (!a.modelTopology || !a.weightSpecs) throw new Error('the model gave no topology or weights to save');
      const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(a.weightData ?? new ArrayBuffer(0)));
      const json = {
        modelTopology: a.modelTopology,
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tfl.version_layers} (LayerLab)`,
        convertedBy: null,
        weightsManifest: [{ paths: [WEIGHTS_BIN], weights: a.weightSpecs }],
        ...(a.trainingConfig ? { trainingConfig: a.trainingConfig } : {}),
        ...(a.userDefinedMetadata ? { userDefinedMetadata: a.userDefinedMetadata } : {}),
      };
      const text = JSON.stringify(json);
      await writeSynced(join(dir, MODEL_JSON), text);
      await writeSynced(join(dir, WEIGHTS_BIN), weights);
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', modelTopologyBytes: text.length, weightDataBytes: weights.byteLength } };
    },
    load: () => readTfjsArtifacts(dir),
  };
}

/** The model's artifacts in memory, read from the device now: a snapshot that later training
 *  steps cannot change. `metadata` becomes model.json's userDefinedMetadata. */
export async function captureArtifacts(model: tfl.LayersModel, metadata?: Record<string, unknown>): Promise<tf.io.ModelArtifacts> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifacts) throw new Error('the model gave nothing to save');
  return metadata ? { ...artifacts, userDefinedMetadata: metadata as Record<string, {}> } : artifacts;
}
