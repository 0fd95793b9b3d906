import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportTfjs, loadTfjsModel, readTfjsArtifacts } from './tfjs.js';

/** A small functional model with a branch, a merge and a conv, so every weight kind is saved. */
function model(seed: number): tfl.LayersModel {
  const init = tfl.initializers.glorotUniform({ seed });
  const x = tfl.input({ shape: [6, 6, 1], name: 'in' });
  const c = tfl.layers.conv2d({ filters: 2, kernelSize: 3, activation: 'relu', kernelInitializer: init, name: 'c1' }).apply(x) as tfl.SymbolicTensor;
  const f = tfl.layers.flatten({ name: 'flat' }).apply(c) as tfl.SymbolicTensor;
  const a = tfl.layers.dense({ units: 4, activation: 'tanh', kernelInitializer: init, name: 'a' }).apply(f) as tfl.SymbolicTensor;
  const b = tfl.layers.dense({ units: 4, kernelInitializer: init, name: 'b' }).apply(f) as tfl.SymbolicTensor;
  const m = tfl.layers.concatenate({ name: 'cat' }).apply([a, b]) as tfl.SymbolicTensor;
  const out = tfl.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init, name: 'out' }).apply(m) as tfl.SymbolicTensor;
  return tfl.model({ inputs: x, outputs: out });
}

const probe = () => tf.tensor4d(Array.from({ length: 2 * 36 }, (_, i) => Math.sin(i)), [2, 6, 6, 1]);

async function predict(m: tfl.LayersModel): Promise<Float32Array> {
  const x = probe();
  const y = m.predict(x) as tf.Tensor;
  const data = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  return data;
}

describe('exportTfjs', () => {
  let dir: string;
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'layerlab-tfjs-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes model.json + weights.bin that load back with identical predictions', async () => {
    const m = model(3);
    const before = await predict(m);
    const out = join(dir, 'model');
    const r = await exportTfjs(m, out, { extraFiles: { 'project.layerlab.json': '{}\n' }, metadata: { classNames: ['a', 'b', 'c'] } });
    expect(r.files.sort()).toEqual(['model.json', 'project.layerlab.json', 'weights.bin']);
    expect((await readdir(out)).sort()).toEqual(['model.json', 'project.layerlab.json', 'weights.bin']);
    expect((await readdir(dir)).sort()).toEqual(['model']); // no temp folders left
    const back = await loadTfjsModel(out);
    expect(Array.from(await predict(back))).toEqual(Array.from(before));
    expect((await readTfjsArtifacts(out)).userDefinedMetadata).toEqual({ classNames: ['a', 'b', 'c'] });
    tf.dispose([m, back] as never);
  });

  it("is the standard format: TensorFlow.js's own model.json reader accepts it", async () => {
    const m = model(5);
    const out = join(dir, 'm');
    await exportTfjs(m, out);
    const modelJson = JSON.parse(await readFile(join(out, 'model.json'), 'utf8')) as tf.io.ModelJSON;
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.weightsManifest[0]!.paths).toEqual(['weights.bin']);
    const artifacts = await tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
      const specs = manifest.flatMap((g) => g.weights);
      const bufs = await Promise.all(manifest.flatMap((g) => g.paths).map((p) => readFile(join(out, p))));
      return [specs, tf.io.CompositeArrayBuffer.join(bufs.map((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)))];
    });
    const back = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
    expect(Array.from(await predict(back))).toEqual(Array.from(await predict(m)));
  });

  it('replaces an earlier export whole; a failed export leaves the earlier one intact', async () => {
    const out = join(dir, 'm');
    await exportTfjs(model(1), out);
    const first = await readFile(join(out, 'weights.bin'));
    await exportTfjs(model(2), out);
    const second = await readFile(join(out, 'weights.bin'));
    expect(Buffer.compare(first, second)).not.toBe(0);
    // The third export fails while writing its files (a value that cannot be written).
    await expect(exportTfjs(model(9), out, { extraFiles: { 'notes.txt': 42 as unknown as string } })).rejects.toThrow(
      `could not export the model to ${out}`,
    );
    expect(Buffer.compare(await readFile(join(out, 'weights.bin')), second)).toBe(0);
    expect(await readdir(dir)).toEqual(['m']);
  });

  it('refuses to overwrite a folder that holds other files, or a file', async () => {
    const other = join(dir, 'docs');
    await mkdir(other);
    await writeFile(join(other, 'thesis.tex'), 'precious');
    await expect(exportTfjs(model(1), other)).rejects.toThrow(/refusing to replace .*docs: it holds files that are not a LayerLab model export/);
    expect(await readFile(join(other, 'thesis.tex'), 'utf8')).toBe('precious');
    await expect(exportTfjs(model(1), join(other, 'thesis.tex'))).rejects.toThrow(/it is a file, not a folder/);
  });

  it('loading names the file and what is wrong', async () => {
    await expect(loadTfjsModel(dir)).rejects.toThrow(`${join(dir, 'model.json')}: no such file`);
    const out = join(dir, 'm');
    await exportTfjs(model(1), out);
    await writeFile(join(out, 'weights.bin'), new Uint8Array(10));
    await expect(loadTfjsModel(out)).rejects.toThrow(/describes \d+ bytes of weights but its files hold 10/);
    await writeFile(join(out, 'model.json'), '{"modelTopology": ');
    await expect(loadTfjsModel(out)).rejects.toThrow(/model\.json: not valid JSON/);
  });
});
