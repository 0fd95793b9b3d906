// The training worker: everything TensorFlow.js does for the app happens here, so the window
// (Electron) or the host's socket loop (browser mode) never waits on a batch. It runs as a
// child process or an Electron utility process (./job-process.ts; the webgpu backend needs a
// main thread), or a worker thread.
import * as tfl from '@tensorflow/tfjs-layers';
import { listBackends, useBackend } from '../engine/backend/index.js';
import { compile } from '../engine/compile/compile.js';
import { loadDataset } from '../engine/data/index.js';
import type { Dataset } from '../engine/data/types.js';
import { evaluateModel } from '../engine/evaluate/evaluate.js';
import { exportTfjsPackage } from '../engine/export/tfjs-package.js';
import { exportKerasPackage } from '../engine/export/keras-package.js';
import { pytorchWithParity } from '../engine/export/pytorch/cli.js';
import { METADATA_JSON, MODEL_PY, WEIGHTS_NPZ } from '../engine/export/pytorch/run.js';
import { onnxWithParity } from '../engine/export/onnx/cli.js';
import { parityWire } from '../engine/export/parity.js';
import { writeFileAtomic } from '../engine/project/atomic.js';
import type { RunDoc } from '../engine/runs/schema.js';
import type { Project } from '../engine/project/types.js';
import { createRun, effectiveStatus, hasUsableModel, loadRunModel, readRun, type RunWriter } from '../engine/runs/store.js';
import { initSourceName } from '../engine/runs/init-source.js';
import type { InitReport } from '../engine/train/init-from.js';
import { importModelFile, recordImport } from '../engine/import/import.js';
import type { FinishedEvent, PhaseEvent } from '../engine/train/events.js';
import { newJobId, startTraining, type TrainingJob, type TrainResult, type TrainWatcher } from '../engine/train/train.js';
import { previewWire } from './preview-wire.js';
import { hostChannel } from './worker-channel.js';
import { parseToWorker, type FromWorker, type ToWorker, type WorkerReply, type WorkerRequest, type WorkerRequestType } from './worker-protocol.js';
import { requireDataset } from '../engine/project/dataset.js';
import { inspectContext, runInspect, type InspectContext } from '../engine/views/inspect/index.js';
import { hasLiveViews, liveViews, type ViewSnapshot } from '../engine/views/live.js';
import { toWire, type UnitMapsWire, type ViewWire } from '../engine/views/wire.js';
import { VIEW_LIMITS } from '../engine/views/wire-schema.js';

/** The channel to the host: a worker thread's port, a utility process's parentPort, or a
 *  child process's IPC channel. */
const port = hostChannel();
const post = (m: FromWorker) => port.postMessage(m);

let job: TrainingJob | null = null;
let project: Project | null = null;
let dataset: Dataset | null = null;
let model: tfl.LayersModel | null = null;
let result: TrainResult | null = null;
/** The loaded run's record (its preprocessing and class names go into an ONNX export). */
let loadedRun: RunDoc | null = null;
/** A stop that came while the data was still loading (before there was a job to stop). */
let pendingStop: string | null = null;
/** Pause, resume and steps that came before the job existed (its data still loading). */
let pendingPause: boolean | null = null;
let pendingSteps = 0;

/** A snapshot as sent: a node's maps cut to the units the host takes (VIEW_LIMITS), so a
 *  very wide layer shows its first units rather than breaking the message. */
function viewWire(s: ViewSnapshot): ViewWire {
  const w = toWire(s);
  if (w.kind !== 'plane') return w;
  const cells = w.res * w.res;
  const cut = (m: UnitMapsWire): UnitMapsWire => {
    if (m.units <= VIEW_LIMITS.units) return m;
    const keep = VIEW_LIMITS.units;
    // base64 of whole 3-byte groups can be cut at a 4-character boundary only when
    // keep·cells is a multiple of 3; re-encode instead.
    const bytes = Uint8Array.from(atob(m.data), (c) => c.charCodeAt(0)).subarray(0, keep * cells);
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { ...m, units: keep, data: btoa(bin) };
  };
  return { ...w, output: cut(w.output), hidden: w.hidden.slice(0, VIEW_LIMITS.hidden).map(cut) };
}

/** A watcher whose failure turns the views off and says so, never failing the training
 *  (a view that cannot be computed on this model or backend). */
function safeWatcher(w: TrainWatcher, failed: (e: Error) => void): TrainWatcher {
  let off = false;
  const guard = async (f: () => Promise<void> | void) => {
    if (off) return;
    try {
      await f();
    } catch (e) {
      off = true;
      failed(e as Error);
    }
  };
  return {
    begin: (m) => guard(() => w.begin(m)),
    afterBatch: (m, info, force) => guard(() => w.afterBatch(m, info, force)),
    end: (m, info) => guard(() => w.end(m, info)),
    dispose: () => {
      try {
        w.dispose();
      } catch {
        /* nothing left to show */
      }
    },
  };
}

async function train(msg: Extract<ToWorker, { type: 'train' }>): Promise<void> {
  // The job is named and announced before its data loads, so the dashboard can say what the
  // wait is for (loading the data, starting the backend, building the model) as it happens.
  const jobId = newJobId();
  const phase = (p: Omit<PhaseEvent, 'event' | 'jobId'>) => post({ type: 'event', event: { event: 'phase', jobId, ...p } });
  post({ type: 'ready', jobId });
  let data: Dataset;
  try {
    project = msg.project;
    const ref = requireDataset(msg.project);
    const message = `Loading dataset '${ref.id ?? baseName(ref.file ?? '')}'…`;
    phase({ phase: 'dataset', message });
    // The loader reports at a bounded rate (per 5 % or 100 ms), so each report can go out.
    data = dataset = await loadDataset(ref, {
      seed: msg.project.training.seed,
      onProgress: (done, total, unit) => phase({ phase: 'dataset', message, progress: { done, total, unit } }),
    });
  } catch (e) {
    // After 'ready' the job exists: its data failing to load ends it like any failed run.
    post({ type: 'event', event: { event: 'failed', jobId, message: (e as Error).message } });
    post({ type: 'done', status: 'failed', hasModel: false });
    return;
  }
  if (pendingStop !== null) {
    post({ type: 'event', event: { event: 'stopped', jobId, epoch: 0, reason: pendingStop } });
    post({ type: 'done', status: 'stopped', hasModel: false });
    return;
  }
  // Start weights (the app's Start from), loaded on the job's backend before its run is
  // created: weights that do not load end the job before it records anything.
  let initFrom: { model: tfl.LayersModel; from: string } | undefined;
  let initRunId: string | undefined;
  if (msg.initFrom) {
    try {
      phase({ phase: 'backend', message: `Starting the ${msg.backend && msg.backend !== 'auto' ? `${msg.backend} ` : ''}backend…` });
      await useBackend(msg.backend ?? 'auto');
      phase({ phase: 'model', message: `Loading the start weights of run ${msg.initFrom.runId}…` });
      const where = { runsDir: msg.initFrom.runsDir };
      const run = await readRun(where, msg.initFrom.runId);
      if (!hasUsableModel(run)) throw new Error(`run ${run.id} has no saved weights (${effectiveStatus(run)}, ${run.epochs.length} epochs finished)`);
      initFrom = { model: await loadRunModel(where, run), from: initSourceName(run) };
      initRunId = run.id;
    } catch (e) {
      post({ type: 'event', event: { event: 'failed', jobId, message: `could not load the start weights: ${(e as Error).message}` } });
      post({ type: 'done', status: 'failed', hasModel: false });
      return;
    }
  }
  // The run is recorded here, where the model lives: run.json when it starts, weights and
  // run.json after every epoch, the end (test metrics, final weights) before 'done'.
  let writer: RunWriter | null = null;
  if (msg.record) {
    try {
      phase({ phase: 'backend', message: `Starting the ${msg.backend && msg.backend !== 'auto' ? `${msg.backend} ` : ''}backend…` });
      const backend = await useBackend(msg.backend ?? 'auto');
      writer = await createRun(
        { runsDir: msg.record.runsDir },
        { project: msg.record.project ?? msg.project, dataset: data, backend, batchEvery: msg.batchEvery ?? 10, ...(msg.record.label ? { label: msg.record.label } : {}), ...(msg.record.search ? { search: msg.record.search } : {}) },
      );
      post({ type: 'run', runId: writer.id });
    } catch (e) {
      initFrom?.model.dispose();
      post({ type: 'event', event: { event: 'failed', jobId, message: `could not start the run's record: ${(e as Error).message}` } });
      post({ type: 'done', status: 'failed', hasModel: false });
      return;
    }
  }
  let finished: FinishedEvent | undefined;
  const w = writer;
  const watch = msg.views !== false && hasLiveViews(data);
  const startPaused = pendingPause ?? msg.paused ?? false;
  job = startTraining({
    id: jobId,
    project: msg.project,
    dataset: data,
    backend: msg.backend,
    batchEvery: msg.batchEvery,
    paused: startPaused,
    onControl: (c) => post({ type: 'control', ...c }),
    ...(watch
      ? {
          watch: (nodeIdOf: Map<string, string>) =>
            safeWatcher(
              liveViews({ project: msg.project, dataset: data, nodeIdOf, emit: (snapshot, info) => post({ type: 'view', view: viewWire(snapshot), ...info }) }),
              (e) => post({ type: 'event', event: { event: 'warning', jobId, code: 'views-off', message: `The live views are off for this run (${e.message}); training goes on.` } }),
            ),
        }
      : {}),
    onEvent: (event) => {
      w?.recordProgress(event);
      if (event.event === 'finished') finished = event;
      post({ type: 'event', event });
    },
    onPhase: (event) => post({ type: 'event', event }),
    ...(w ? { onEpochEnd: (e, m) => w.appendEpoch(e, m) } : {}),
    ...(initFrom
      ? {
          initFrom,
          // The report goes to the dashboard as an event, and into the run's record.
          onInit: (r: InitReport) => {
            w?.recordInit(r, initRunId);
            post({ type: 'event', event: { event: 'init', jobId, from: r.from, ...(initRunId ? { sourceRunId: initRunId } : {}), loaded: r.loaded, fresh: r.fresh } });
          },
        }
      : {}),
  });
  // A stop that came while the run's record or the backend was being set up.
  if (pendingStop !== null) job.stop(pendingStop);
  for (; pendingSteps > 0; pendingSteps--) job.step();
  result = await job.done;
  // Its weights were copied into the job's model as it was built.
  initFrom?.model.dispose();
  model = result.model ?? null;
  let recordError: string | undefined;
  if (w) {
    try {
      await w.finish({
        status: result.status,
        ...(result.error ? { message: result.error } : {}),
        ...(finished ? { finished } : {}),
        ...(result.evaluation ? { evaluation: result.evaluation } : {}),
        ...(result.model ? { model: result.model } : {}),
      });
    } catch (e) {
      recordError = (e as Error).message;
    }
  }
  post({ type: 'done', status: result.status, hasModel: model !== null, ...(recordError ? { recordError } : {}) });
}

/** Loads a recorded run's model; evaluate and export then work on it as on a trained one. */
async function loadRun(msg: Extract<ToWorker, { type: 'loadRun' }>): Promise<void> {
  try {
    await useBackend(msg.backend ?? 'auto');
    const where = { runsDir: msg.runsDir };
    const run = await readRun(where, msg.runId);
    project = msg.dataset ? { ...run.project, dataset: msg.dataset } : run.project;
    loadedRun = run;
    model = await loadRunModel(where, run);
    post({ type: 'ready', jobId: `run-${run.id}` });
  } catch (e) {
    post({ type: 'startFailed', message: (e as Error).message });
  }
}

/** The job's dataset for an export's parity check; undefined (random inputs, said so in the
 *  check's message) when it does not load. */
async function parityData(p: Project): Promise<Dataset | undefined> {
  try {
    return (dataset ??= await loadDataset(requireDataset(p), { seed: p.training.seed }));
  } catch {
    return undefined;
  }
}

/** The .onnx file of the model, and its parity check on the dataset's test split (random
 *  inputs, said so in the message, when the data does not load). */
async function exportOnnxFile(file: string): Promise<WorkerReply<'exportOnnx'>> {
  if (!model || !project) throw new Error('there is no model to export; train or build first');
  const data = await parityData(project);
  const { bytes, parity: p } = await onnxWithParity({ model, ...(loadedRun ? { run: loadedRun } : {}), ...(data ? { dataset: data } : {}) });
  await writeFileAtomic(file, bytes);
  const parity = parityWire(p);
  return { bytes: bytes.length, parity };
}

/** The views' context of the model this worker holds, made once per model. */
let inspected: InspectContext | null = null;
async function inspectCtx(): Promise<InspectContext> {
  if (!model || !project) throw new Error('there is no model to look inside; train first or pick a run with weights');
  if (inspected?.model === model) return inspected;
  const data = (dataset ??= await loadDataset(requireDataset(project), { seed: project.training.seed }));
  inspected = inspectContext(model, project, data, loadedRun);
  return inspected;
}

/** A file's name without its folders. */
function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

async function build(msg: Extract<ToWorker, { type: 'build' }>): Promise<void> {
  try {
    await useBackend(msg.backend ?? 'auto');
    project = msg.project;
    model = compile(msg.project, { tfl }).model;
    post({ type: 'ready', jobId: 'untrained' });
  } catch (e) {
    post({ type: 'startFailed', message: (e as Error).message });
  }
}

/** A model file as a project, and its weights as a run of it (the utility worker trains
 *  nothing: the CPU backend is enough to set the weights and save them). */
async function importModel(msg: WorkerRequest<'importModel'>): Promise<WorkerReply<'importModel'>> {
  await useBackend('cpu');
  const r = await importModelFile(msg.file);
  if (msg.name) r.project.name = msg.name;
  try {
    const run = await recordImport(r, { runsDir: msg.runsDir }, msg.from);
    return { project: r.project, format: r.format, runId: run?.id ?? null, weightValues: r.weightValues, warnings: r.warnings };
  } finally {
    r.model?.dispose();
  }
}

/** Answers a request with what its type replies (worker-protocol.ts), or with why not. */
async function reply<K extends WorkerRequestType>(msg: WorkerRequest<K>, work: () => Promise<WorkerReply<K>>) {
  try {
    post({ type: 'reply', requestId: msg.requestId, ok: true, value: await work() });
  } catch (e) {
    post({ type: 'reply', requestId: msg.requestId, ok: false, message: (e as Error).message });
  }
}

/** A message that breaks the protocol is answered where the host waits for an answer: a
 *  request's reply, a job's start; anything else can only be logged. */
function refuse(raw: unknown, message: string): void {
  const m = (raw !== null && typeof raw === 'object' ? raw : {}) as { type?: unknown; requestId?: unknown };
  if (typeof m.requestId === 'number') post({ type: 'reply', requestId: m.requestId, ok: false, message });
  else if (m.type === 'train' || m.type === 'build' || m.type === 'loadRun') post({ type: 'startFailed', message });
  else console.error(message);
}

port.on('message', (raw: unknown) => {
  let msg: ToWorker;
  try {
    msg = parseToWorker(raw);
  } catch (e) {
    refuse(raw, (e as Error).message);
    return;
  }
  switch (msg.type) {
    case 'train':
      void train(msg);
      break;
    case 'build':
      void build(msg);
      break;
    case 'loadRun':
      void loadRun(msg);
      break;
    case 'stop':
      if (job) job.stop(msg.reason);
      else pendingStop = msg.reason ?? 'stopped by the user';
      break;
    case 'pause':
      if (job) job.pause();
      else pendingPause = true;
      break;
    case 'resume':
      if (job) job.resume();
      else {
        pendingPause = false;
        pendingSteps = 0;
      }
      break;
    case 'step':
      if (job) job.step();
      else if (pendingPause ?? true) pendingSteps++;
      break;
    case 'evaluate':
      void reply(msg, async () => {
        if (!model || !project) throw new Error('there is no trained model yet; train first');
        if (msg.split === 'test' && result?.evaluation) return result.evaluation;
        const data = (dataset ??= await loadDataset(requireDataset(project), { seed: project.training.seed }));
        return evaluateModel(model, project, data[msg.split], data);
      });
      break;
    case 'exportTfjs':
      void reply(msg, async () => {
        if (!model || !project) throw new Error('there is no model to export; train or build first');
        const data = await parityData(project);
        const { files, parity } = await exportTfjsPackage({ model, dir: msg.dir, ...(loadedRun ? { run: loadedRun } : {}), ...(data ? { dataset: data } : {}) });
        return { files, parity: parityWire(parity) };
      });
      break;
    case 'exportOnnx':
      void reply(msg, () => exportOnnxFile(msg.file));
      break;
    case 'exportPytorch':
      void reply(msg, async () => {
        if (!model || !project) throw new Error('there is no model to export; train or build first');
        const data = await parityData(project);
        const { parity } = await pytorchWithParity({ model, project: loadedRun?.project ?? project, out: msg.dir, ...(loadedRun ? { run: loadedRun } : {}), ...(data ? { dataset: data } : {}) });
        return { files: [MODEL_PY, WEIGHTS_NPZ, METADATA_JSON], parity: parityWire(parity) };
      });
      break;
    case 'exportKeras':
      void reply(msg, async () => {
        if (!model || !project) throw new Error('there is no model to export; train or build first');
        const data = await parityData(project);
        const { files, parity } = await exportKerasPackage({ model, project: loadedRun?.project ?? project, file: msg.file, ...(loadedRun ? { run: loadedRun } : {}), ...(data ? { dataset: data } : {}) });
        return { files, parity: parityWire(parity) };
      });
      break;
    case 'inspect':
      void reply(msg, async () => runInspect(await inspectCtx(), msg.inspect));
      break;
    case 'ping':
      void reply(msg, async () => 'pong');
      break;
    case 'backends':
      void reply(msg, () => listBackends());
      break;
    case 'datasetInfo':
      void reply(msg, async () => {
        const d = await loadDataset(msg.dataset);
        return {
          id: d.id,
          name: d.name,
          task: d.task,
          inputShape: d.inputShape,
          targetShape: d.targetShape,
          ...(d.classNames ? { classNames: d.classNames } : {}),
          trainCount: d.train.count,
          testCount: d.test.count,
        };
      });
      break;
    case 'datasetPreview':
      void reply(msg, async () => previewWire(await loadDataset(msg.dataset), msg.dataset, msg.samples));
      break;
    case 'importModel':
      void reply(msg, () => importModel(msg));
      break;
  }
});
