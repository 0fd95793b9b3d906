// The TensorFlow.js layers format: a folder with model.json (topology + weights manifest)
// and weights.bin, which tf.loadLayersModel('…/model.json') opens in a browser or Node.
// Node has no file:// handler without tfjs-node, so saving and loading go through memory
// handlers and the files are written here: the whole folder is built beside the target,
// then swapped in, so a failed export never leaves a half-written model behind.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

export interface ExportTfjsOptions {
  /** More files to put in the folder (e.g. a copy of the project). */
  extraFiles?: Record<string, string | Uint8Array>;
  /** Stored as model.json's userDefinedMetadata (class names, preprocessing, …). */
  metadata?: Record<string, unknown>;
}

interface ModelJson {
  modelTopology: unknown;
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  trainingConfig?: tf.io.TrainingConfig;
  userDefinedMetadata?: Record<string, unknown>;
}

/** Writes a new file (never over an old one) and syncs it before closing. */
export async function writeSynced(path: string, data: string | Uint8Array): Promise<void> {
  const h = await fsp.open(path, 'wx');
  try {
    await h.writeFile(data);
    await h.sync();
  } finally {
    await h.close();
  }
}

/** Files an export may replace; a folder holding anything else is not ours to overwrite. */
function replaceable(existing: string[], ours: Set<string>): boolean {
  return existing.every((f) => ours.has(f));
}

/** Saves a model as model.json + weights.bin (and any extra files) in `dir`, atomically. */
export async function exportTfjs(model: tfl.LayersModel, dir: string, opts: ExportTfjsOptions = {}): Promise<{ dir: string; files: string[] }> {
  const target = resolve(dir);
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifacts?.modelTopology || !artifacts.weightSpecs) throw new Error('the model gave no topology or weights to save');
  const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0)));
  const json: ModelJson = {
    modelTopology: artifacts.modelTopology,
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tfl.version_layers} (LayerLab)`,
    convertedBy: null,
    weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs }],
    ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
    ...(opts.metadata ? { userDefinedMetadata: opts.metadata } : {}),
  };
  const files: Record<string, string | Uint8Array> = { [MODEL_JSON]: JSON.stringify(json), [WEIGHTS_BIN]: weights, ...opts.extraFiles };
  for (const name of Object.keys(files))
    if (name !== basename(name) || name.startsWith('.')) throw new Error(`export file name '${name}' must be a plain file name`);

  const existing = await fsp.readdir(target).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    if (e.code === 'ENOTDIR') throw new Error(`cannot export to ${target}: it is a file, not a folder`);
    throw new Error(`cannot export to ${target}: ${e.message}`);
  });
  if (existing && !replaceable(existing, new Set([...Object.keys(files), MODEL_JSON, WEIGHTS_BIN, 'project.layerlab.json'])))
    throw new Error(`refusing to replace ${target}: it holds files that are not a LayerLab model export (${existing.slice(0, 3).join(', ')}…); choose an empty or new folder`);

  await fsp.mkdir(dirname(target), { recursive: true });
  const tag = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const tmp = join(dirname(target), `.${basename(target)}.${tag}.tmp`);
  const old = join(dirname(target), `.${basename(target)}.${tag}.old`);
  try {
    await fsp.mkdir(tmp);
    for (const [name, data] of Object.entries(files)) await writeSynced(join(tmp, name), data);
    if (existing) await fsp.rename(target, old);
    try {
      await fsp.rename(tmp, target);
    } catch (e) {
      if (existing) await fsp.rename(old, target).catch(() => undefined);
      throw e;
    }
  } catch (e) {
    await fsp.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    throw new Error(`could not export the model to ${target}: ${(e as Error).message}`);
  }
  await fsp.rm(old, { recursive: true, force: true }).catch(() => undefined);
  return { dir: target, files: Object.keys(files) };
}

const BYTES_PER: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, string: 0 };

function fail(file: string, what: string): never {
  throw new Error(`${file}: ${what}`);
}

/** Reads the manifest and weights of an exported folder, checking sizes against the specs. */
export async function readTfjsArtifacts(dir: string): Promise<tf.io.ModelArtifacts> {
  const file = join(resolve(dir), MODEL_JSON);
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail(file, code === 'ENOENT' ? `no such file; ${dir} is not a TensorFlow.js model folder (train with --out DIR first)` : (e as Error).message);
  }
  let json: Partial<ModelJson>;
  try {
    json = JSON.parse(text) as Partial<ModelJson>;
  } catch (e) {
    fail(file, `not valid JSON: ${(e as Error).message}`);
  }
  if (!json || typeof json !== 'object' || !json.modelTopology) fail(file, 'has no modelTopology; not a TensorFlow.js layers model');
  if (!Array.isArray(json.weightsManifest)) fail(file, 'has no weightsManifest');
  const specs: tf.io.WeightsManifestEntry[] = [];
  const chunks: Uint8Array[] = [];
  for (const [i, group] of json.weightsManifest.entries()) {
    if (!Array.isArray(group?.paths) || !Array.isArray(group.weights)) fail(file, `weightsManifest[${i}] needs "paths" and "weights" lists`);
    specs.push(...group.weights);
    const expected = group.weights.reduce((n, w) => n + (BYTES_PER[w.dtype] ?? 4) * w.shape.reduce((a, b) => a * b, 1), 0);
    let got = 0;
    for (const p of group.paths) {
      if (typeof p !== 'string' || p !== basename(p)) fail(file, `weightsManifest[${i}].paths: '${String(p)}' must be a file name in the same folder`);
      const wfile = join(dirname(file), p);
      const bytes = await fsp.readFile(wfile).catch((e: Error) => fail(wfile, e.message));
      chunks.push(bytes);
      got += bytes.byteLength;
    }
    if (got !== expected) fail(file, `weightsManifest[${i}] describes ${expected} bytes of weights but its files hold ${got}`);
  }
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let off = 0;
  for (const c of chunks) {
    all.set(c, off);
    off += c.byteLength;
  }
  return {
    modelTopology: json.modelTopology as {},
    weightSpecs: specs,
    weightData: all.buffer,
    ...(json.trainingConfig ? { trainingConfig: json.trainingConfig } : {}),
    ...(json.userDefinedMetadata ? { userDefinedMetadata: json.userDefinedMetadata as Record<string, {}> } : {}),
  };
}

/** Loads a folder written by exportTfjs (or by any TensorFlow.js model.save to files). */
export async function loadTfjsModel(dir: string): Promise<tfl.LayersModel> {
  const artifacts = await readTfjsArtifacts(dir);
  try {
    return await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (e) {
    throw new Error(`${join(resolve(dir), MODEL_JSON)}: TensorFlow.js could not rebuild the model: ${(e as Error).message}`);
  }
}
