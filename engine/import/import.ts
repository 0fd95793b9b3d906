// `layerlab import` and the app's Open of a model file: a TensorFlow.js layers model
// (model.json + its weight files), a Keras model's JSON (to_json() of tf.keras 2 or Keras 3)
// or a Keras 3 `.keras` file (a zip of config.json and model.weights.h5), recognised by their
// content, become a project (laid out, type-checked) and, where the file has weights, a run
// of that project holding them — so the imported model predicts what it predicted before.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { unzipSync } from 'fflate';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { check } from '../check/check.js';
import { compile } from '../compile/compile.js';
import { withLayout } from '../project/layout.js';
import { saveProjectFile } from '../project/io.js';
import { PROJECT_VERSION, type LossName, type Project } from '../project/types.js';
import { recordImportedRun, type RunsWhere } from '../runs/store.js';
import type { RunDoc } from '../runs/schema.js';
import { preprocessingSchema } from '../runs/schema.js';
import type { Preprocessing } from '../data/types.js';
import { SCALING_PREFIX } from '../export/tfjs-scaling.js';
import { graphFromKeras, ImportError, type ImportedGraph } from './topology.js';
import { detectModelFormat, FORMAT_LABELS, type ImportFormat } from './detect.js';
import { kerasH5Weights, setImportedWeights, tfjsWeightsByLayer, type LayerWeights } from './weights.js';

export { ImportError } from './topology.js';
export { detectModelDoc, detectModelFormat, FORMAT_LABELS, type ImportFormat } from './detect.js';

export interface ImportResult {
  project: Project;
  format: ImportFormat;
  /** The model with the file's weights (the caller disposes it); null for a JSON without any. */
  model: tfl.LayersModel | null;
  /** Values of weights taken from the file. */
  weightValues: number;
  warnings: string[];
  /** A LayerLab export's input scaling, taken out of its graph: the run keeps it, as a run of
   *  the app does, so the imported model takes raw inputs as before. */
  preprocessing?: Preprocessing;
  classNames?: string[];
}

/** A LayerLab TensorFlow.js export without its layerlab_scaling* layers (the consumers of the
 *  last one read the Input again), and the scaling its metadata records. Other files pass. */
export function stripExportScaling(doc: Record<string, unknown>): { doc: Record<string, unknown>; preprocessing?: Preprocessing; dropped?: Set<string> } {
  const meta = (doc.userDefinedMetadata as { layerlab?: { scalingInside?: unknown; preprocessing?: unknown } } | undefined)?.layerlab;
  const topology = doc.modelTopology as { config?: { layers?: unknown } } | undefined;
  const layers = topology?.config?.layers;
  if (!meta?.scalingInside || !Array.isArray(layers)) return { doc };
  const parsed = preprocessingSchema.safeParse(meta.preprocessing);
  if (!parsed.success) throw new ImportError(`userDefinedMetadata.layerlab.preprocessing is not a scaling LayerLab reads (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  const nameOf = (l: { name?: unknown; config?: { name?: unknown } }) => String(l.name ?? l.config?.name ?? '');
  // Each scaling layer reads one tensor: follow the chain back to the Input.
  const source = new Map<string, string>();
  for (const l of layers as { name?: unknown; config?: { name?: unknown }; inbound_nodes?: unknown }[]) {
    const name = nameOf(l);
    if (!name.startsWith(SCALING_PREFIX)) continue;
    const from = JSON.stringify(l.inbound_nodes ?? []).match(/^\[\[\["([^"]+)"/)?.[1];
    if (!from) throw new ImportError(`layer '${name}': could not read its input`);
    source.set(name, source.get(from) ?? from);
  }
  const rename = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      if (typeof v[0] === 'string' && source.has(v[0]) && typeof v[1] === 'number') return [source.get(v[0]), 0, 0, ...v.slice(3)];
      return v.map(rename);
    }
    return v;
  };
  const kept = (layers as Record<string, unknown>[]).filter((l) => !source.has(nameOf(l))).map((l) => ({ ...l, inbound_nodes: rename(l.inbound_nodes) }));
  const config = { ...(topology!.config as object), layers: kept };
  return { doc: { ...doc, modelTopology: { ...(topology as object), config } }, preprocessing: parsed.data as Preprocessing, dropped: new Set(source.keys()) };
}

/** Reads a sibling file named in a TensorFlow.js weights manifest (the folder of model.json). */
export type ReadSibling = (name: string) => Promise<Uint8Array>;

const LOSS_BY_ACTIVATION: Record<string, LossName> = { softmax: 'categoricalCrossentropy', sigmoid: 'binaryCrossentropy' };

function camelLoss(v: unknown): LossName | null {
  if (typeof v !== 'string') return null;
  const c = v.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase());
  const known: LossName[] = ['meanSquaredError', 'meanAbsoluteError', 'binaryCrossentropy', 'categoricalCrossentropy', 'sparseCategoricalCrossentropy', 'hinge'];
  return known.find((k) => k.toLowerCase() === c.toLowerCase()) ?? null;
}

function projectOf(g: ImportedGraph, fileName: string, extra: { loss?: LossName | null; datasetId?: string | null }): Project {
  const loss = extra.loss ?? LOSS_BY_ACTIVATION[g.outputActivation ?? ''] ?? 'meanSquaredError';
  const project: Project = {
    format: 'layerlab-project',
    version: PROJECT_VERSION,
    name: g.name,
    description: `Imported from ${fileName}.`,
    graph: withLayout({ nodes: g.nodes, edges: g.edges }),
    ...(extra.datasetId ? { dataset: { id: extra.datasetId } } : {}),
    training: {
      optimizer: { kind: 'adam', learningRate: 0.001 },
      loss,
      metrics: loss === 'meanSquaredError' || loss === 'meanAbsoluteError' ? [] : ['accuracy'],
      epochs: 10,
      batchSize: 32,
      validationSplit: 0.1,
      seed: 42,
    },
  };
  return project;
}

/** Checks the imported graph (an error there is the file's fault, named by node) and builds
 *  it, with the weights when there are any. */
function build(g: ImportedGraph, project: Project, weights: LayerWeights | null): { model: tfl.LayersModel | null; values: number } {
  const report = check(project);
  if (report.errors.length) throw new ImportError(`the imported graph does not check: ${report.errors.map((e) => e.message).join('; ')}`, report.errors.map((e) => e.message));
  if (!weights) return { model: null, values: 0 };
  const compiled = compile(project, { tfl });
  try {
    const values = setImportedWeights(compiled, weights, new Map(g.layers.map((l) => [l.id, l.className])));
    return { model: compiled.model, values };
  } catch (e) {
    compiled.model.dispose();
    throw e;
  }
}

/** Imports a model given as bytes. `readSibling` reads the weight files a model.json names. */
export async function importModelBytes(fileName: string, bytes: Uint8Array, readSibling?: ReadSibling): Promise<ImportResult> {
  const format = detectModelFormat(bytes);
  if (!format)
    throw new ImportError(`${fileName}: not a model LayerLab can import (expected a TensorFlow.js model.json, a Keras model's JSON or a .keras file)`);
  if (format === 'keras') {
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(bytes);
    } catch (e) {
      throw new ImportError(`${fileName}: not a readable zip (${(e as Error).message})`);
    }
    const config = files['config.json'];
    if (!config) throw new ImportError(`${fileName}: a .keras file holds config.json, but this zip has ${Object.keys(files).join(', ') || 'nothing'}`);
    const g = graphFromKeras(parseJson(fileName, config, 'config.json'));
    const project = projectOf(g, fileName, { loss: compileLoss(parseJson(fileName, config, 'config.json')) });
    const h5 = files['model.weights.h5'];
    const weights = h5 ? await kerasH5Weights(h5, g.layers) : null;
    const warnings = [...g.warnings, ...(h5 ? [] : [`${fileName} holds no model.weights.h5: the weights start fresh`])];
    const { model, values } = build(g, project, weights);
    return { project, format, model, weightValues: values, warnings };
  }
  const { doc, preprocessing, dropped } = stripExportScaling(parseJson(fileName, bytes) as Record<string, unknown>);
  const g = graphFromKeras(doc);
  if (format === 'keras-json') {
    const project = projectOf(g, fileName, {});
    build(g, project, null);
    return { project, format, model: null, weightValues: 0, warnings: [...g.warnings, 'a Keras JSON holds the architecture only: the weights start fresh'] };
  }
  // TensorFlow.js: the training config and LayerLab's own metadata say the loss and dataset.
  const meta = (doc.userDefinedMetadata as { layerlab?: { dataset?: unknown; classNames?: unknown } } | undefined)?.layerlab;
  const classNames = Array.isArray(meta?.classNames) && meta.classNames.every((c) => typeof c === 'string') ? (meta.classNames as string[]) : undefined;
  const loss = camelLoss((doc.trainingConfig as { loss?: unknown } | undefined)?.loss);
  const project = projectOf(g, fileName, { loss, datasetId: typeof meta?.dataset === 'string' ? meta.dataset : null });
  const manifest = doc.weightsManifest;
  if (!Array.isArray(manifest)) throw new ImportError(`${fileName}: a TensorFlow.js model.json needs a weightsManifest`);
  const specs: tf.io.WeightsManifestEntry[] = [];
  const chunks: Uint8Array[] = [];
  for (const [i, group] of (manifest as { paths?: unknown; weights?: unknown }[]).entries()) {
    if (!Array.isArray(group?.paths) || !Array.isArray(group.weights)) throw new ImportError(`${fileName}: weightsManifest[${i}] needs "paths" and "weights"`);
    specs.push(...(group.weights as tf.io.WeightsManifestEntry[]));
    for (const p of group.paths) {
      if (typeof p !== 'string' || p !== basename(p)) throw new ImportError(`${fileName}: weight file '${String(p)}' must be a file name beside it`);
      if (!readSibling) throw new ImportError(`${fileName} names weight file '${p}', but it was opened without its folder`);
      chunks.push(await readSibling(p).catch((e: Error) => {
        throw new ImportError(`${fileName}: cannot read its weight file '${p}': ${e.message}`);
      }));
    }
  }
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let off = 0;
  for (const c of chunks) {
    all.set(c, off);
    off += c.byteLength;
  }
  const weights = tfjsWeightsByLayer(specs, all.buffer, new Set(g.layers.map((l) => l.id)), dropped);
  const { model, values } = build(g, project, weights);
  return { project, format, model, weightValues: values, warnings: g.warnings, ...(preprocessing ? { preprocessing } : {}), ...(classNames ? { classNames } : {}) };
}

function parseJson(fileName: string, bytes: Uint8Array, inner?: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new ImportError(`${fileName}${inner ? `: ${inner}` : ''}: not valid JSON (${(e as Error).message})`);
  }
}

function compileLoss(doc: unknown): LossName | null {
  const c = (doc as { compile_config?: { loss?: unknown } } | null)?.compile_config;
  return camelLoss(c?.loss);
}

/** Imports a file from disk (a model.json's weight files are read beside it). */
export async function importModelFile(path: string): Promise<ImportResult> {
  const file = resolve(path);
  const bytes = await fsp.readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new ImportError(`${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  return importModelBytes(basename(file), bytes, (name) => fsp.readFile(join(dirname(file), name)));
}

export interface SavedImport {
  path: string;
  /** The run holding the imported weights; null when the file had none. */
  run: RunDoc | null;
}

/** Writes the project and, when there are weights, records them as its run. */
export async function saveImport(result: ImportResult, projectPath: string, from: string): Promise<SavedImport> {
  await saveProjectFile(projectPath, result.project);
  return { path: projectPath, run: await recordImport(result, projectPath, from) };
}

/** Records an import's weights (and the scaling and class names it brought) as a run in
 *  `where`: a project file's runs, or a runs folder (the app's unsaved document); null
 *  when the file had no weights. */
export async function recordImport(result: ImportResult, where: RunsWhere, from: string): Promise<RunDoc | null> {
  if (!result.model) return null;
  const act = result.project.training.loss;
  const task = act === 'meanSquaredError' || act === 'meanAbsoluteError' ? 'regression' : 'classification';
  return recordImportedRun(where, {
    project: result.project,
    model: result.model,
    from,
    format: FORMAT_LABELS[result.format],
    task,
    ...(result.preprocessing ? { preprocessing: result.preprocessing } : {}),
    ...(result.classNames ? { classNames: result.classNames } : {}),
  });
}
