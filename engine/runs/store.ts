// The run store: every training of a project kept beside it, as
//
//   <dir>/<stem>.runs/<run-id>/run.json        the record (./schema.ts), versioned, validated
//   <dir>/<stem>.runs/<run-id>/model/          the weights, TensorFlow.js layers format
//                                              (model.json + weights.bin)
//
// for the project file <dir>/<stem>.layerlab.json. A project not saved yet keeps its runs in
// the workspace, <workspace>/unsaved.runs/<project-key>/, and moveRuns() brings them beside
// the file once it is saved.
//
// Crash safety. A run is written as it goes: run.json when it starts, then after every epoch
// the model and run.json again, and once more when it ends. run.json is replaced atomically
// (writeFileAtomic: temp, fsync, rename). The model folder is written under a temp name,
// fsynced, then swapped in: model/ → model.prev/, temp → model/, then run.json, then
// model.prev/ is removed. run.json's `model.epoch` says which epoch the weights must hold and
// model.json's metadata says which they do hold; a reader takes whichever of model/ and
// model.prev/ agrees with run.json. So a process killed at any instant leaves a run whose
// weights are those of the epoch count run.json records.
//
// Writes never hold training up: appendEpoch() snapshots the weights (a read from the
// device) and returns; the files are written in the background, one write at a time. When
// the disk is slower than the epochs, waiting snapshots are merged and only the newest is
// written (each write is still a consistent pair of run.json and model).
//
// The API, for the CLI and the app:
//   runsDirFor(projectPath), unsavedRunsDir(workspace, key)    where runs live
//   createRun(where, init) → RunWriter                          a new run, status 'running'
//     writer.recordProgress(event)   any training event (started: counts, backend; batch:
//                                    batch metrics, bounded by thinning)
//     writer.appendEpoch(event, model)  a finished epoch and its weights
//     writer.finish(outcome)         finished/stopped/failed, test evaluation; waits for
//                                    every write and throws if one failed
//   listRuns(where) → {runs, warnings}     newest first; a broken folder is skipped with a warning
//   readRun(where, id), loadRunModel(where, run|id), deleteRun, labelRun
//   runMatchesProject(run, project), newestMatchingRun(where, project) (finished runs first),
//   pickMatchingRun(runs, project) (the same over a list already read)
//   moveRuns(from, to)
//   effectiveStatus(run): 'interrupted' for a 'running' run whose process is gone
// `where` is a project file path (its runs live beside it) or {runsDir} (an explicit folder,
// e.g. unsavedRunsDir(...)).
//
// Recording a training (as engine/cli/commands/train.ts does):
//   const writer = await createRun(path, { project, dataset, backend: await useBackend(name) });
//   const job = startTraining({ project, dataset, backend: name,
//     onEvent: (e) => { writer.recordProgress(e); … },
//     onEpochEnd: (e, model) => writer.appendEpoch(e, model) });
//   const r = await job.done;
//   await writer.finish({ status: r.status, finished /* the finished event */, evaluation: r.evaluation, model: r.model });
import type * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Dataset, Preprocessing } from '../data/types.js';
import type { Evaluation } from '../evaluate/evaluate.js';
import { MODEL_JSON } from '../export/tfjs.js';
import { formatPath } from '../project/document.js';
import { writeFileAtomic } from '../project/atomic.js';
import { requireDataset } from '../project/dataset.js';
import type { Project } from '../project/types.js';
import type { BatchEvent, EpochEvent, FinishedEvent, TrainingEvent } from '../train/events.js';
import type { InitReport } from '../train/init-from.js';
import { projectHash } from './hash.js';
import { migrateRun } from './migrate.js';
import { captureArtifacts, modelFilesHandler } from './model-files.js';
import { RUN_FORMAT, RUN_VERSION, runSchema, type EpochRecord, type RunDoc, type RunStatus } from './schema.js';

export const RUN_JSON = 'run.json';
export const MODEL_DIR = 'model';
const MODEL_PREV = 'model.prev';
/** Batch points kept per run before thinning halves them. */
export const MAX_BATCH_POINTS = 2000;

export type RunsWhere = string | { runsDir: string };

// --- Where runs live -------------------------------------------------------------------------

/** `<dir>/<stem>.runs` for `<dir>/<stem>.layerlab.json` (or `<stem>.json`, or any name). */
export function runsDirFor(projectPath: string): string {
  const p = resolve(projectPath);
  const name = basename(p);
  const stem = name.endsWith('.layerlab.json') ? name.slice(0, -'.layerlab.json'.length) : name.replace(/\.[^.]*$/, '') || name;
  return join(dirname(p), `${stem}.runs`);
}

const KEY = /^[A-Za-z0-9_-]{1,64}$/;

/** The runs folder of an unsaved project: `<workspace>/unsaved.runs/<key>`, where the key is
 *  whatever stable id the app gives the unsaved document (letters, digits, _ and -). */
export function unsavedRunsDir(workspace: string, projectKey: string): string {
  if (!KEY.test(projectKey)) throw new Error(`unsaved project key '${projectKey}' must be 1-64 letters, digits, '_' or '-'`);
  return join(resolve(workspace), 'unsaved.runs', projectKey);
}

function dirOf(where: RunsWhere): string {
  return typeof where === 'string' ? runsDirFor(where) : resolve(where.runsDir);
}

const RUN_ID = /^[0-9a-z]{9}-[0-9a-z]{6}$/;

/** Sortable ids: 9 base-36 digits of the creation time in ms (fixed width until the year
 *  5188), a dash, 6 random base-36 characters. Sorting ids sorts runs by creation. */
export function newRunId(now = Date.now()): string {
  const time = now.toString(36).padStart(9, '0');
  const rand = Array.from(randomBytes(6), (b) => (b % 36).toString(36)).join('');
  return `${time}-${rand}`;
}

function runDir(where: RunsWhere, id: string): string {
  if (!RUN_ID.test(id)) throw new Error(`'${id}' is not a run id (run ids look like 0mifx3k2a-4q9zt1)`);
  return join(dirOf(where), id);
}

/** run.json's text: one top-level field a line (so a diff or a grep finds its way), each
 *  value compact (epochs and batch points stay small). NaN and ±Infinity become null. */
export function serializeRun(doc: RunDoc): string {
  const lines = Object.entries(doc)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

// --- Reading ---------------------------------------------------------------------------------

type ReadResult = { ok: true; run: RunDoc; migrated: string[] } | { ok: false; error: string };

async function readRunFile(file: string): Promise<ReadResult> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, error: `${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}` };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `${file}: not valid JSON (${(e as Error).message})` };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { ok: false, error: `${file}: not a run (expected a JSON object)` };
  const o = doc as Record<string, unknown>;
  if (o.format !== RUN_FORMAT) return { ok: false, error: `${file}: format: expected "${RUN_FORMAT}", got ${JSON.stringify(o.format)}` };
  const m = migrateRun(o);
  if (!m.ok) {
    const issue = m.issues?.[0];
    return { ok: false, error: `${file}: ${m.error}${issue ? `: ${formatPath(issue.path)}: ${issue.message}` : ''}` };
  }
  const parsed = runSchema.safeParse(m.doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `${file}: ${formatPath(issue.path)}: ${issue.message}` };
  }
  return { ok: true, run: parsed.data, migrated: m.applied };
}

/** One run, validated (and migrated from older versions). Throws with the file and the place. */
export async function readRun(where: RunsWhere, id: string): Promise<RunDoc> {
  const r = await readRunFile(join(runDir(where, id), RUN_JSON));
  if (!r.ok) throw new Error(r.error);
  return r.run;
}

export interface RunList {
  /** Newest first. */
  runs: RunDoc[];
  /** One line per folder that could not be read, naming it and why. */
  warnings: string[];
}

/** Every readable run of a project; a missing runs folder is an empty list. */
export async function listRuns(where: RunsWhere): Promise<RunList> {
  const dir = dirOf(where);
  let entries;
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { runs: [], warnings: [] };
    throw new Error(`cannot list runs in ${dir}: ${(e as Error).message}`);
  }
  const runs: RunDoc[] = [];
  const warnings: string[] = [];
  for (const e of entries.filter((x) => x.isDirectory() && RUN_ID.test(x.name)).sort((a, b) => (a.name < b.name ? 1 : -1))) {
    const r = await readRunFile(join(dir, e.name, RUN_JSON));
    if (!r.ok) warnings.push(`skipped run ${e.name}: ${r.error}`);
    else if (r.run.id !== e.name) warnings.push(`skipped run ${e.name}: its run.json names run '${r.run.id}'`);
    else runs.push(r.run);
  }
  return { runs, warnings };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The stored status, except that a 'running' run whose writing process is gone (on this
 *  machine) is 'interrupted': it keeps its finished epochs but will never end. */
export function effectiveStatus(run: RunDoc): RunStatus | 'interrupted' {
  if (run.status !== 'running' || !run.writer || run.writer.host !== hostname()) return run.status;
  return run.writer.pid === process.pid || alive(run.writer.pid) ? 'running' : 'interrupted';
}

/** Whether the project, as it is now, would train what this run trained (./hash.ts). */
export function runMatchesProject(run: Pick<RunDoc, 'hash'>, project: Pick<Project, 'graph' | 'training' | 'dataset'>): boolean {
  return run.hash === projectHash(project);
}

/** Whether a run's weights can stand for its project: it saved weights and is not still
 *  changing them (finished, stopped, or interrupted after some epochs). */
export function hasUsableModel(run: RunDoc): boolean {
  const s = effectiveStatus(run);
  return run.model !== null && (s === 'finished' || s === 'stopped' || s === 'interrupted');
}

/** Of runs listed newest first: the newest finished one that matches the project, else the
 *  newest matching one with usable weights (stopped, interrupted), else null. A finished
 *  run is preferred so that a later run killed after a few epochs does not stand in for it. */
export function pickMatchingRun(runs: readonly RunDoc[], project: Pick<Project, 'graph' | 'training' | 'dataset'>): RunDoc | null {
  const hash = projectHash(project);
  const usable = runs.filter((r) => r.hash === hash && hasUsableModel(r));
  return usable.find((r) => r.status === 'finished') ?? usable[0] ?? null;
}

/** pickMatchingRun over the project's stored runs. */
export async function newestMatchingRun(where: RunsWhere, project: Pick<Project, 'graph' | 'training' | 'dataset'>): Promise<RunDoc | null> {
  return pickMatchingRun((await listRuns(where)).runs, project);
}

async function modelEpochIn(dir: string): Promise<number | null> {
  try {
    const json = JSON.parse(await fsp.readFile(join(dir, MODEL_JSON), 'utf8')) as { userDefinedMetadata?: { layerlab?: { epoch?: unknown } } };
    const e = json.userDefinedMetadata?.layerlab?.epoch;
    return typeof e === 'number' ? e : null;
  } catch {
    return null;
  }
}

/** The folder holding the run's weights: model/, or model.prev/ when a crash came between
 *  swapping a new model in and recording it (see the header). */
export async function runModelDir(where: RunsWhere, run: RunDoc): Promise<string> {
  const dir = runDir(where, run.id);
  if (!run.model) throw new Error(`run ${run.id} has no saved weights (it ${run.status === 'failed' ? 'failed' : 'ended'} before its first epoch finished)`);
  const found: string[] = [];
  for (const name of [MODEL_DIR, MODEL_PREV]) {
    const epoch = await modelEpochIn(join(dir, name));
    if (epoch === run.model.epoch) return join(dir, name);
    if (epoch !== null) found.push(`${name}/ holds epoch ${epoch}`);
  }
  throw new Error(`run ${run.id}: run.json records weights of epoch ${run.model.epoch}, but ${found.length ? found.join(' and ') : `${dir}/${MODEL_DIR} holds no model`}`);
}

/** Loads the run's trained model (the caller chooses the backend first, and disposes it). */
export async function loadRunModel(where: RunsWhere, runOrId: RunDoc | string): Promise<tfl.LayersModel> {
  const run = typeof runOrId === 'string' ? await readRun(where, runOrId) : runOrId;
  const dir = await runModelDir(where, run);
  try {
    return await tfl.loadLayersModel(modelFilesHandler(dir));
  } catch (e) {
    throw new Error(`run ${run.id}: TensorFlow.js could not load its model (${dir}): ${(e as Error).message}`);
  }
}

// --- Changing stored runs --------------------------------------------------------------------

/** Removes a run and its weights. The folder is renamed away first, so a listing never sees
 *  half of it. */
export async function deleteRun(where: RunsWhere, id: string): Promise<void> {
  const dir = runDir(where, id);
  await fsp.access(join(dir, RUN_JSON)).catch(() => {
    throw new Error(`no run '${id}' in ${dirOf(where)}`);
  });
  const gone = join(dirOf(where), `.${id}.deleted.${randomBytes(3).toString('hex')}`);
  await fsp.rename(dir, gone);
  await fsp.rm(gone, { recursive: true, force: true });
}

/** Sets a run's label ('' clears it). A running run's writer keeps the new label. */
export async function labelRun(where: RunsWhere, id: string, label: string): Promise<RunDoc> {
  if (label.length > 200) throw new Error(`a run label is at most 200 characters, got ${label.length}`);
  const run = await readRun(where, id);
  const next: RunDoc = { ...run, label };
  await writeFileAtomic(join(runDir(where, id), RUN_JSON), serializeRun(next));
  return next;
}

export interface MoveResult {
  moved: string[];
  warnings: string[];
}

/** Moves every run from one runs folder to another (an unsaved project's runs to beside its
 *  new file). Live runs stay (their writer still writes there) and are named in warnings;
 *  so are ids already present at the target. The source folder is removed when emptied. */
export async function moveRuns(from: RunsWhere, to: RunsWhere): Promise<MoveResult> {
  const src = dirOf(from);
  const dst = dirOf(to);
  const out: MoveResult = { moved: [], warnings: [] };
  if (src === dst) return out;
  const { runs, warnings } = await listRuns(from);
  out.warnings.push(...warnings);
  if (!runs.length) return out;
  await fsp.mkdir(dst, { recursive: true });
  for (const run of [...runs].reverse()) {
    if (effectiveStatus(run) === 'running') {
      out.warnings.push(`run ${run.id} is still training; it stays in ${src} (move it when it ends)`);
      continue;
    }
    const target = join(dst, run.id);
    if (await fsp.access(target).then(() => true, () => false)) {
      out.warnings.push(`run ${run.id} already exists in ${dst}; left in ${src}`);
      continue;
    }
    try {
      await fsp.rename(join(src, run.id), target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw new Error(`could not move run ${run.id} to ${dst}: ${(e as Error).message}`);
      // Another file system: copy under a temp name, rename into place, then remove the old one.
      const tmp = join(dst, `.${run.id}.moving`);
      await fsp.cp(join(src, run.id), tmp, { recursive: true });
      await fsp.rename(tmp, target);
      await fsp.rm(join(src, run.id), { recursive: true, force: true });
    }
    out.moved.push(run.id);
  }
  await fsp.rmdir(src).catch(() => undefined); // only when empty
  return out;
}

// --- Writing a run as it trains --------------------------------------------------------------

export interface CreateRunInit {
  /** The project exactly as it will train (every override applied). */
  project: Project;
  /** The loaded dataset: its counts, shapes, classes and the training split's scaling. */
  dataset: Dataset;
  backend: { name: string; device: string };
  label?: string;
  search?: { id: string; params: Record<string, unknown>; rung?: number };
  /** The training job's batch-event interval, for the batch points' spacing. Default 10. */
  batchEvery?: number;
  /** For tests: the clock. */
  now?: () => Date;
}

export interface RunOutcome {
  status: Exclude<RunStatus, 'running'>;
  /** The stop reason or the failure, in words. */
  message?: string;
  finished?: FinishedEvent;
  evaluation?: Evaluation;
  /** The final model of a finished run (early stopping may have restored the best epoch's
   *  weights); stopped and failed runs keep the last finished epoch's weights. */
  model?: tfl.LayersModel;
}

interface Pending {
  doc: RunDoc;
  artifacts?: tf.io.ModelArtifacts;
}

/** The live side of a run. Methods are called from the training job's events; nothing they
 *  do throws into training: write errors are kept and thrown by finish(). */
export class RunWriter {
  readonly id: string;
  readonly dir: string;
  private doc: RunDoc;
  private readonly now: () => Date;
  private readonly started: number;
  private pending: Pending | null = null;
  private writing: Promise<void> | null = null;
  private error: Error | null = null;
  private keep = 1; // one batch point kept per `keep` batch events
  private seen = 0;
  private readonly batchEvery: number;

  /** Use createRun(). */
  constructor(dir: string, doc: RunDoc, now: () => Date, batchEvery: number) {
    this.id = doc.id;
    this.dir = dir;
    this.doc = doc;
    this.now = now;
    this.started = now().getTime();
    this.batchEvery = batchEvery;
  }

  /** The run as recorded so far (a copy). */
  get run(): RunDoc {
    return structuredClone(this.doc);
  }

  /** Takes any training event: started fills in counts and backend, batch adds a batch point
   *  (bounded: past MAX_BATCH_POINTS every other point is dropped and the spacing doubles).
   *  Epoch events need the model: use appendEpoch. Finished/stopped/failed: use finish. */
  recordProgress(e: TrainingEvent): void {
    if (e.event === 'started') {
      this.doc.backend = { ...this.doc.backend, name: e.backend };
      this.doc.plannedEpochs = e.epochs;
      this.doc.totalParams = e.totalParams;
      this.doc.dataset = { ...this.doc.dataset, trainCount: e.trainCount, validationCount: e.validationCount };
      this.schedule();
    } else if (e.event === 'batch') this.addBatch(e);
  }

  /** Records where the start weights came from (a training with initFrom), before its first epoch. */
  recordInit(r: InitReport, runId?: string): void {
    this.doc.initFrom = { from: r.from, ...(runId ? { runId } : {}), loaded: r.loaded.map((l) => ({ ...l })), fresh: r.fresh.map((f) => ({ ...f })) };
    this.schedule();
  }

  private addBatch(e: BatchEvent): void {
    if (this.seen++ % this.keep !== 0) return;
    const b = this.doc.batches;
    b.points.push({ epoch: e.epoch, batch: e.batch, step: e.step, metrics: e.metrics });
    if (b.points.length >= MAX_BATCH_POINTS) {
      b.points = b.points.filter((_, i) => i % 2 === 0);
      this.keep *= 2;
      b.every = this.batchEvery * this.keep;
    }
  }

  /** Records a finished epoch and snapshots the model's weights; the files are written in the
   *  background. Resolves once the snapshot is taken (training may go on). */
  async appendEpoch(e: EpochEvent, model: tfl.LayersModel): Promise<void> {
    const record: EpochRecord = { epoch: e.epoch, metrics: e.metrics, learningRate: e.learningRate, seconds: e.seconds, examplesPerSec: e.imagesPerSec };
    let artifacts: tf.io.ModelArtifacts;
    try {
      artifacts = await captureArtifacts(model, this.metadata(e.epoch));
    } catch (err) {
      this.error ??= new Error(`run ${this.id}: could not read the weights of epoch ${e.epoch}: ${(err as Error).message}`);
      return;
    }
    this.doc.epochs.push(record);
    this.doc.timing.trainSeconds += e.seconds;
    this.doc.model = { epoch: e.epoch };
    this.schedule(artifacts);
  }

  /** Ends the run: status, message, test metrics, the final model of a finished run. Waits for
   *  every write; throws if any failed (the run folder then holds the last good write). */
  async finish(outcome: RunOutcome): Promise<RunDoc> {
    const d = this.doc;
    d.status = outcome.status;
    if (outcome.message !== undefined) d.message = outcome.message;
    const f = outcome.finished;
    if (f?.stoppedEarly) d.stoppedEarly = f.stoppedEarly;
    if (f?.test) d.test = f.test as RunDoc['test'];
    if (outcome.evaluation) d.evaluation = outcome.evaluation as RunDoc['evaluation'];
    d.timing.finishedAt = this.now().toISOString();
    d.timing.totalSeconds = f?.seconds ?? (this.now().getTime() - this.started) / 1000;
    delete d.writer;
    let artifacts: tf.io.ModelArtifacts | undefined;
    if (outcome.status === 'finished' && outcome.model && d.epochs.length > 0) {
      const epoch = d.epochs.length;
      const restored = d.stoppedEarly && d.project.training.earlyStopping?.restoreBestWeights && d.stoppedEarly.bestEpoch !== epoch;
      try {
        artifacts = await captureArtifacts(outcome.model, this.metadata(epoch));
        d.model = { epoch, ...(restored ? { weightsFrom: d.stoppedEarly!.bestEpoch } : {}) };
      } catch (err) {
        this.error ??= new Error(`run ${this.id}: could not read the final weights: ${(err as Error).message}`);
      }
    }
    this.schedule(artifacts);
    await this.flush();
    if (this.error) throw this.error;
    return this.run;
  }

  /** Resolves when every scheduled write is on disk. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private metadata(epoch: number): Record<string, unknown> {
    const d = this.doc.dataset;
    return {
      layerlab: {
        run: this.id,
        epoch,
        project: this.doc.project.name,
        dataset: d.id,
        task: d.task,
        inputShape: d.inputShape,
        targetShape: d.targetShape,
        ...(d.classNames ? { classNames: d.classNames } : {}),
        ...(d.preprocessing ? { preprocessing: d.preprocessing } : {}),
      },
    };
  }

  private schedule(artifacts?: tf.io.ModelArtifacts): void {
    // structuredClone: later events must not change a snapshot waiting to be written.
    const next: Pending = { doc: structuredClone(this.doc) };
    const a = artifacts ?? this.pending?.artifacts;
    if (a) next.artifacts = a;
    this.pending = next;
    if (!this.writing) this.writing = this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending) {
        const p = this.pending;
        this.pending = null;
        try {
          await this.write(p);
        } catch (e) {
          this.error ??= new Error(`run ${this.id}: ${(e as Error).message}`);
        }
      }
    } finally {
      this.writing = null;
    }
  }

  private async write(p: Pending): Promise<void> {
    const model = join(this.dir, MODEL_DIR);
    const prev = join(this.dir, MODEL_PREV);
    if (p.artifacts) {
      const tmp = join(this.dir, `.model.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      await fsp.mkdir(tmp);
      try {
        await modelFilesHandler(tmp).save!(p.artifacts);
        await fsp.rm(prev, { recursive: true, force: true });
        await fsp.rename(model, prev).catch((e: NodeJS.ErrnoException) => {
          if (e.code !== 'ENOENT') throw e;
        });
        await fsp.rename(tmp, model);
      } catch (e) {
        await fsp.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
        throw new Error(`could not save the model: ${(e as Error).message}`);
      }
    }
    // Someone may have labelled the run since it started (labelRun): keep their label.
    const onDisk = await readRunFile(join(this.dir, RUN_JSON));
    const doc = onDisk.ok ? { ...p.doc, label: onDisk.run.label } : p.doc;
    if (onDisk.ok) this.doc.label = onDisk.run.label;
    await writeFileAtomic(join(this.dir, RUN_JSON), serializeRun(doc));
    if (p.artifacts) await fsp.rm(prev, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Starts a run: its folder and a first run.json (status 'running', no epochs yet). */
export async function createRun(where: RunsWhere, init: CreateRunInit): Promise<RunWriter> {
  const now = init.now ?? (() => new Date());
  const created = now();
  const id = newRunId(created.getTime());
  const dir = runDir(where, id);
  const { project, dataset } = init;
  const doc: RunDoc = {
    format: RUN_FORMAT,
    version: RUN_VERSION,
    id,
    label: init.label ?? '',
    createdAt: created.toISOString(),
    status: 'running',
    project: structuredClone(project),
    hash: projectHash(project),
    dataset: {
      ref: structuredClone(requireDataset(project)),
      id: dataset.id,
      name: dataset.name,
      task: dataset.task,
      inputShape: [...dataset.inputShape],
      targetShape: [...dataset.targetShape],
      ...(dataset.classNames ? { classNames: [...dataset.classNames] } : {}),
      trainCount: dataset.train.count,
      validationCount: 0,
      testCount: dataset.test.count,
      ...(dataset.preprocessing ? { preprocessing: structuredClone(dataset.preprocessing) } : {}),
    },
    seed: project.training.seed ?? null,
    backend: { ...init.backend },
    plannedEpochs: project.training.epochs,
    epochs: [],
    batches: { every: init.batchEvery ?? 10, points: [] },
    timing: { startedAt: created.toISOString(), trainSeconds: 0 },
    model: null,
    ...(init.search ? { search: structuredClone(init.search) } : {}),
    writer: { pid: process.pid, host: hostname() },
  };
  await fsp.mkdir(dir, { recursive: true });
  const writer = new RunWriter(dir, doc, now, init.batchEvery ?? 10);
  // The first write is awaited: a run that cannot be written should fail before training.
  await writeFileAtomic(join(dir, RUN_JSON), serializeRun(doc));
  return writer;
}

// --- Imported models --------------------------------------------------------------------------

export interface ImportedRunInit {
  /** The project the import wrote (its graph compiles to `model`). */
  project: Project;
  model: tfl.LayersModel;
  /** The file imported and its format, in words (e.g. 'TensorFlow.js layers model'). */
  from: string;
  format: string;
  task?: 'classification' | 'regression' | 'sequence';
  label?: string;
  now?: () => Date;
  /** The scaling the weights expect (a LayerLab export's, taken out of its graph). */
  preprocessing?: Preprocessing;
  classNames?: string[];
}

/** Records an imported model's weights as a finished run of its project, with no epochs
 *  (model epoch 0), so that everything that takes a run — evaluation, export, the runs panel,
 *  a training's start weights — takes the import too. */
export async function recordImportedRun(where: RunsWhere, init: ImportedRunInit): Promise<RunDoc> {
  const now = init.now ?? (() => new Date());
  const created = now();
  const id = newRunId(created.getTime());
  const dir = runDir(where, id);
  const { project } = init;
  const input = project.graph.nodes.find((n) => n.kind === 'Input');
  const ref = project.dataset ?? { id: 'none' };
  const doc: RunDoc = {
    format: RUN_FORMAT,
    version: RUN_VERSION,
    id,
    label: init.label ?? `imported from ${basename(init.from)}`,
    createdAt: created.toISOString(),
    status: 'finished',
    project: structuredClone(project),
    hash: projectHash(project),
    dataset: {
      ref: structuredClone(ref),
      id: ref.id ?? ref.file ?? 'none',
      name: project.dataset ? (ref.id ?? ref.file ?? 'dataset') : 'none (imported model)',
      task: init.task ?? 'classification',
      inputShape: ((input?.params.shape as (number | null)[] | undefined) ?? []).map((d) => d ?? 0),
      targetShape: [],
      trainCount: 0,
      validationCount: 0,
      testCount: 0,
      ...(init.preprocessing ? { preprocessing: init.preprocessing } : {}),
      ...(init.classNames ? { classNames: init.classNames } : {}),
    },
    seed: project.training.seed ?? null,
    backend: { name: 'import', device: 'none' },
    plannedEpochs: 0,
    totalParams: init.model.countParams(),
    epochs: [],
    batches: { every: 10, points: [] },
    timing: { startedAt: created.toISOString(), finishedAt: created.toISOString(), trainSeconds: 0, totalSeconds: 0 },
    model: { epoch: 0 },
    imported: { from: init.from, format: init.format, at: created.toISOString() },
  };
  const artifacts = await captureArtifacts(init.model, { layerlab: { run: id, epoch: 0, project: project.name, imported: init.from } });
  await fsp.mkdir(dir, { recursive: true });
  const tmp = join(dir, `.model.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await fsp.mkdir(tmp);
  try {
    await modelFilesHandler(tmp).save!(artifacts);
    await fsp.rename(tmp, join(dir, MODEL_DIR));
  } catch (e) {
    await fsp.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    throw new Error(`could not save the imported model's weights in ${dir}: ${(e as Error).message}`);
  }
  await writeFileAtomic(join(dir, RUN_JSON), serializeRun(doc));
  return doc;
}
