// The API's handlers, shared by the Electron main process and the browser-mode host: each
// validates its request against the contract, then delegates to the engine. One session per
// window (Electron) or per browser tab (browser mode, where a reloaded page takes its session
// back): it remembers where the current document lives, so the renderer never names a path
// to write, keeps the latest training job, and reads data files only where the user pointed
// (./file-access.ts). The host's sessions share one worker pool (./worker-pool.ts).
import { createHash, randomBytes } from 'node:crypto';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { BLOCK_SUFFIX, blockFileSchema, blockIdFor, blockIdSchema, MAX_BLOCK_BYTES, type BlockFile } from '../engine/project/blockFile.js';
import { writeFileAtomic } from '../engine/project/atomic.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { folderNameProblem, imageUploadProblems } from './image-upload.js';
import { describeChanges } from '../engine/runs/diff.js';
import { projectHash } from '../engine/runs/hash.js';
import {
  deleteRun,
  effectiveStatus,
  hasUsableModel,
  labelRun,
  listRuns,
  moveRuns,
  readRun,
  runsDirFor,
  unsavedRunsDir,
} from '../engine/runs/store.js';
import type { RunDoc } from '../engine/runs/schema.js';
import type { InspectRequest } from '../engine/views/inspect/schemas.js';
import { LESSON_DATA_BYTES, lessonDataName } from '../engine/project/lesson.js';
import { listDatasets } from '../engine/data/index.js';
import { toKerasScript } from '../engine/export/keras.js';
import { toTfjsScript } from '../engine/export/tfjsCode.js';
import { loadProjectFile, parseProject, saveProjectFile, serializeProject } from '../engine/project/io.js';
import { lessonId, loadLesson, loadTemplate, templateIds } from '../engine/project/templates.js';
import type { DatasetRef, Project } from '../engine/project/types.js';
import type { TrainingEvent } from '../engine/train/events.js';
import {
  ApiError,
  isChannel,
  parseRequest,
  type Channel,
  type Envelope,
  type EventName,
  type EventPayload,
  type ParsedRequest,
  type Response,
} from './contract.js';
import { blankProject } from '../engine/project/blank.js';
import { NO_DATASET } from '../engine/project/dataset.js';
import { fileStem } from '../engine/project/file-name.js';
import { autoChoice } from '../engine/backend/auto.js';
import { detectModelFormat, FORMAT_LABELS } from '../engine/import/detect.js';
import { FileAccess, reword, type CheckedRef } from './file-access.js';
import { evaluationSchema } from './schemas.js';
import { SearchJob } from './search.js';
import { Trainer, type WorkerSpec } from './trainer.js';
import type { WorkerReply, WorkerRequest, WorkerRequestType } from './worker-protocol.js';
import type { WorkerPool } from './worker-pool.js';

// Loading a dataset to learn its shapes is slow for the big ones; shapes never change.
const datasetInfoCache = new Map<string, Response<'datasets.info'>>();
// Previews are small but cost a full load; a few dozen cover a session's clicking around.
const datasetPreviewCache = new Map<string, Response<'datasets.preview'>>();
const PREVIEW_CACHE_SIZE = 32;

export type SaveKind = 'project' | 'keras-py' | 'tfjs-js' | 'onnx';

/** Where files come from and go: native dialogs in Electron, the workspace folder in browser mode. */
export interface Dialogs {
  /** A project file, or a model file to import, to open; null when the user cancels. */
  pickOpenFile(): Promise<string | null>;
  pickSaveFile(suggestedName: string, kind: SaveKind): Promise<string | null>;
  /** A folder for TensorFlow.js model files. */
  pickExportDir(suggestedName: string): Promise<string | null>;
  /** A data file (CSV, IDX) or image folder to import, or null on cancel. Electron only. */
  pickDataFile?(): Promise<string | null>;
  /** Where an uploaded data file is stored: a fresh host-chosen file. Browser mode only. */
  dataUploadPath?(name: string): Promise<string>;
  /** An image folder to import (one sub-folder per class), or null on cancel. Electron only. */
  pickDataFolder?(): Promise<string | null>;
  /** A fresh, empty host-chosen folder for an uploaded image folder. Browser mode only. */
  dataUploadDir?(name: string): Promise<string>;
}

export interface SessionOptions {
  dialogs: Dialogs;
  templatesDir: string;
  /** The host's shared workers; a session without one (tests, scripts) gets its own from `worker`. */
  pool?: WorkerPool;
  worker?: WorkerSpec;
  /** Browser mode's workspace: data files may be read there, and relative names resolve there without a document. */
  workspace?: string;
  /** Where documents without a file keep their runs (`<root>/unsaved.runs/<document id>/`)
   *  until saved: Electron's userData folder; the workspace in browser mode when not given. */
  unsavedRunsRoot?: string;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

type Imported = NonNullable<Extract<Response<'project.open'>, { canceled: false }>['imported']>;

type Handler<C extends Channel> = (req: ParsedRequest<C>) => Promise<Response<C>>;
type HandlerTable = { [C in Channel]: Handler<C> };

const EXT: Record<SaveKind, string> = { project: '.layerlab.json', 'keras-py': '.py', 'tfjs-js': '.mjs', onnx: '.onnx' };

export function withExt(stem: string, kind: SaveKind): string {
  return stem.endsWith(EXT[kind]) ? stem : `${stem}${EXT[kind]}`;
}

/** A document's id: names the session's document for the renderer (never a path), and is
 *  the key of an unsaved document's runs folder. */
function newDocumentId(): string {
  return `d${Array.from(randomBytes(12), (b) => (b % 36).toString(36)).join('')}`;
}

/** The session's training job, and the document it was started from (whose run it records). */
interface JobRecord {
  jobId: string;
  documentId: string;
  runsDir: string;
  runId: string | null;
  running: boolean;
}

function runSummary(r: RunDoc, hash: string): Response<'runs.list'>['runs'][number] {
  return {
    id: r.id,
    label: r.label,
    createdAt: r.createdAt,
    status: effectiveStatus(r),
    epochs: r.epochs.length,
    plannedEpochs: r.plannedEpochs,
    backend: r.backend,
    test: r.test ? { loss: r.test.loss, ...(r.test.accuracy !== undefined ? { accuracy: r.test.accuracy } : {}) } : null,
    matchesProject: r.hash === hash,
    hasModel: hasUsableModel(r),
  };
}

export class Session {
  /** The current document: its id, and its file when it has one. */
  private doc: { id: string; path: string | null } = { id: newDocumentId(), path: null };
  /** The runs folders of the documents this session had open before, by id: a training may
   *  start from their runs (the host keeps the folders; the page names only the id). */
  private readonly earlier = new Map<string, string>();
  private job: JobRecord | null = null;
  /** The session's hyper-parameter search, running or the last one. */
  private search: SearchJob | null = null;
  /** Run ids the workers announced, by job (an announcement may come before start() returns). */
  private readonly announced = new Map<string, string>();
  /** The backend the latest job ran on; TensorFlow.js itself only ever loads in the worker. */
  private lastBackend: string | null = null;
  readonly trainer: Trainer;
  /** Which data files this session may read. */
  readonly files: FileAccess;
  private readonly table: HandlerTable;

  constructor(private readonly opts: SessionOptions) {
    this.files = new FileAccess(opts.workspace ?? null);
    this.trainer = new Trainer({
      ...(opts.pool ? { pool: opts.pool } : {}),
      ...(opts.worker ? { worker: opts.worker } : {}),
      emit: (e: TrainingEvent) => {
        if (e.event === 'started') this.lastBackend = e.backend;
        opts.emit('training.event', e);
      },
      onJob: (e) => void this.onJob(e),
      emitLive: (e) => (e.event === 'training.view' ? opts.emit('training.view', e.payload) : opts.emit('training.control', e.payload)),
    });
    this.table = {
      'project.new': async () => {
        this.setDoc(null);
        return { project: blankProject() };
      },
      'project.open': async (req) => {
        if (req.upload) return this.openUpload(req.upload);
        const file = await opts.dialogs.pickOpenFile();
        if (!file) return { canceled: true };
        // Recognised by its content, whatever its name: a model file is imported.
        const bytes = await readFile(file).catch(() => null);
        if (bytes && detectModelFormat(bytes)) return this.importModel(file, path.basename(file), path.basename(path.dirname(path.resolve(file))));
        const result = await loadProjectFile(file);
        if (!result.ok) throw new ApiError('invalid', result.error);
        this.setDoc(file);
        return this.opened(result.project, result.warnings, path.basename(file));
      },
      'project.save': async (req) => {
        if (!this.doc.path) return this.saveAs(req.project, undefined);
        await saveProjectFile(this.doc.path, req.project);
        return { canceled: false, document: { name: path.basename(this.doc.path) }, location: this.doc.path };
      },
      'project.saveAs': async (req) => this.saveAs(req.project, req.suggestedName),
      'templates.list': async () => {
        const templates = [];
        for (const id of await templateIds(opts.templatesDir)) {
          // A broken template is the catalog's bug (its own test catches it); the gallery skips it.
          const p = await loadTemplate(id, opts.templatesDir).catch(() => null);
          if (!p) continue;
          templates.push({ id, name: p.name, description: p.description, datasetId: p.dataset?.id, layers: p.graph.nodes.length });
        }
        return { templates, lessons: await this.listLessons() };
      },
      'templates.load': async (req) => {
        const load = req.lesson ? loadLesson(lessonId(req.id), this.lessonsDir(req.lesson)) : loadTemplate(req.id, opts.templatesDir);
        const project = await load.catch((e: Error) => {
          throw new ApiError(/unknown (template|lesson)/.test(e.message) ? 'not-found' : 'failed', e.message);
        });
        this.setDoc(null);
        return { canceled: false, project: await this.withLessonData(project), warnings: [], document: null };
      },
      'lessons.share': async (req) => {
        if (!req.project.lesson) throw new ApiError('invalid', 'this project has no lesson to share; prepare one in the Lesson tab first');
        const id = lessonId(req.name);
        const dir = this.lessonsDir('shared');
        await mkdir(dir, { recursive: true });
        const file = path.join(dir, `${id}.layerlab.json`);
        await saveProjectFile(file, req.project);
        return { id, location: `lessons/${id}.layerlab.json in the workspace` };
      },
      'lessons.embed': async (req) => this.embedData(req.dataset),
      'datasets.list': async () => ({ datasets: listDatasets() }),
      'datasets.info': async (req) => {
        const c = await this.files.check(req.dataset);
        let info = datasetInfoCache.get(c.key);
        if (!info) {
          const raw = await this.askWorker(c, `reading the shapes of ${c.shown}`, (requestId) => ({ type: 'datasetInfo', requestId, dataset: c.ref }));
          // A file's dataset is named as the project names it, never by the host's full path.
          info = req.dataset.file !== undefined ? { ...raw, id: req.dataset.file, name: path.basename(req.dataset.file) } : raw;
          datasetInfoCache.set(c.key, info);
        }
        return info;
      },
      'datasets.preview': async (req) => this.preview(req.dataset, req.samples),
      'datasets.import': async (req) => this.importDataset(req),
      'training.start': async (req) => {
        const c = await this.files.check(req.project.dataset ?? noDataset());
        const project = { ...req.project, dataset: c.ref };
        const documentId = this.doc.id;
        const runsDir = this.runsDir();
        // The worker records the run as it trains, under the project as the document names it.
        const record = { runsDir, project: req.project };
        const initFrom = req.initFrom ? await this.initSource(req.initFrom.runId, req.initFrom.documentId) : undefined;
        const jobId = await this.trainer
          .start(project, { backend: req.backend, batchEvery: req.batchEvery, record, ...(initFrom ? { initFrom } : {}), ...(req.paused ? { paused: true } : {}), ...(req.views === false ? { views: false } : {}) })
          .catch((e: Error) => rethrow(e, c));
        this.job = { jobId, documentId, runsDir, runId: this.announced.get(jobId) ?? null, running: true };
        this.announced.clear();
        return { jobId, documentId };
      },
      'training.stop': async (req) => ({ stopped: this.trainer.stop(req.jobId, req.reason) }),
      'training.pause': async (req) => ({ accepted: this.trainer.control(req.jobId, 'pause') }),
      'training.resume': async (req) => ({ accepted: this.trainer.control(req.jobId, 'resume') }),
      'training.step': async (req) => ({ accepted: this.trainer.control(req.jobId, 'step') }),
      'training.replay': async () => this.trainer.replay(),
      'evaluate': async (req) => (req.runId ? this.evaluateRun(req.runId, req.split ?? 'test') : this.trainer.evaluate(req.jobId!, req.split ?? 'test')),
      'runs.list': async (req) => this.listRuns(req.project),
      'runs.read': async (req) => {
        const { writer: _writer, ...run } = await this.readRun(req.runId);
        return { run };
      },
      'runs.label': async (req) => {
        await this.readRun(req.runId);
        const run = await labelRun({ runsDir: this.whereOf(req.runId) }, req.runId, req.label);
        this.runsChanged('labelled', req.runId);
        return { id: run.id, label: run.label };
      },
      'runs.delete': async (req) => {
        await this.readRun(req.runId);
        if (this.job?.running && this.job.runId === req.runId) throw new ApiError('busy', `run ${req.runId} is still training; stop it first`);
        await deleteRun({ runsDir: this.whereOf(req.runId) }, req.runId);
        this.runsChanged('deleted', req.runId);
        return { deleted: true as const };
      },
      'export': async (req) => this.exportProject(req),
      'views.inspect': async (req) => this.inspectRun(req),
      'search.start': async (req) => this.startSearch(req),
      'search.stop': async (req) => ({ stopped: this.search?.id === req.searchId ? this.search.stop() : false }),
      'blocks.list': async () => this.listBlocks(),
      'blocks.save': async (req) => this.saveBlock(req.block),
      'blocks.delete': async (req) => {
        const file = this.blockFile(req.id);
        const st = await lstat(file).catch(() => null);
        if (!st?.isFile()) return { deleted: false };
        await unlink(file);
        return { deleted: true };
      },
      'backend.info': async () => {
        // Asked when a page connects and when a run begins or ends: the first Train's worker starts now.
        this.trainer.pool.prewarm();
        const backends = await this.trainer.backends();
        // Before any job: what 'auto' would take (a software GPU adapter is passed by).
        const name = this.lastBackend ?? autoChoice(backends)?.name ?? null;
        const entry = backends.find((b) => b.name === name);
        return { active: name ? { name, device: entry?.device ?? 'CPU' } : null, backends };
      },
    };
  }

  /** Runs one call: validates, dispatches, and wraps the outcome in an envelope. Never throws. */
  async handle(channel: unknown, request: unknown): Promise<Envelope<unknown>> {
    try {
      if (!isChannel(channel)) throw new ApiError('unknown-channel', `unknown channel '${String(channel)}'`);
      const req = parseRequest(channel, request);
      const value = await (this.table[channel] as Handler<Channel>)(req as never);
      return { ok: true, value };
    } catch (e) {
      if (e instanceof ApiError) return { ok: false, error: { code: e.code, message: e.message } };
      return { ok: false, error: { code: 'failed', message: (e as Error)?.message ?? String(e) } };
    }
  }

  /** Ends the session's job and drops its queued worker requests. */
  async dispose(): Promise<void> {
    await this.search?.dispose();
    await this.trainer.dispose();
  }

  /** A hyper-parameter search of the open document (./search.ts): its trials are runs of it. */
  private async startSearch(req: ParsedRequest<'search.start'>): Promise<Response<'search.start'>> {
    if (this.search?.running) throw new ApiError('busy', `search ${this.search.id} is still running; stop it first`);
    const c = await this.files.check(req.project.dataset ?? noDataset());
    const documentId = this.doc.id;
    const job = new SearchJob({
      pool: this.trainer.pool,
      project: req.project,
      dataset: c.ref,
      runsDir: this.runsDir(),
      input: {
        space: req.space,
        ...(req.random !== undefined ? { random: req.random } : {}),
        ...(req.seed !== undefined ? { seed: req.seed } : {}),
        ...(req.metric !== undefined ? { metric: req.metric } : {}),
        ...(req.epochs !== undefined ? { epochs: req.epochs } : {}),
        ...(req.halving ? { halving: true } : {}),
      },
      ...(req.parallel !== undefined ? { parallel: req.parallel } : {}),
      ...(req.backend ? { backend: req.backend } : {}),
      emit: (e) => this.opts.emit('search.event', e),
      // The runs panel lists the trials as they start and end (while the document is still open).
      onRun: (runId, phase) => {
        if (this.doc.id === documentId) this.runsChanged(phase, runId);
      },
    });
    this.search = job;
    void job.start();
    const p = job.plan;
    return { searchId: job.id, metric: p.metric, direction: job.direction, parallel: job.parallel, trials: p.jobs.map((j) => ({ index: j.index, params: j.params })), skipped: p.skipped, epochs: p.fullEpochs };
  }

  /** A new document (or, with `keepId`, the same one under a new file: a first save; with
   *  `id`, a new document whose id was chosen before, as an import's runs folder was). */
  private setDoc(file: string | null, doc?: { name: string } | null, keepId = false, id?: string): void {
    const next = id ?? (keepId ? this.doc.id : null);
    if (next !== this.doc.id) this.earlier.set(this.doc.id, this.runsDir());
    this.doc = { id: id ?? (keepId ? this.doc.id : newDocumentId()), path: file };
    this.files.projectDir = file ? path.dirname(path.resolve(file)) : null;
    this.opts.emit('document.changed', file ? { name: path.basename(file) } : (doc ?? null));
    this.runsChanged('document');
  }

  private async saveAs(project: Project, suggested: string | undefined): Promise<Response<'project.save'>> {
    const file = await this.opts.dialogs.pickSaveFile(withExt(fileStem(suggested ?? project.name), 'project'), 'project');
    if (!file) return { canceled: true };
    await saveProjectFile(file, project);
    // A first save keeps the document (its runs move along beside the file); saving a saved
    // document under another name starts a copy whose runs stay with the original.
    const wasUnsaved = this.doc.path === null;
    const before = this.runsDir();
    this.setDoc(file, undefined, wasUnsaved);
    if (wasUnsaved) await this.moveRunsAlong(before);
    return { canceled: false, document: { name: path.basename(file) }, location: file };
  }

  /** An opened project's answer; opening reads no data, but a dataset file outside what the
   *  user chose is said now (and refused when used). */
  private async opened(opened: Project, warnings: string[], name: string | null, imported?: Imported): Promise<Response<'project.open'>> {
    const project = await this.withLessonData(opened);
    const refused = project.dataset ? await this.datasetRefusal(project.dataset) : null;
    return { canceled: false, project, warnings: [...warnings, ...(refused ? [refused] : [])], document: name ? { name } : null, ...(imported ? { imported } : {}) };
  }

  /** Browser mode's Open: a model among the uploaded files is imported; anything else is a project. */
  private async openUpload(u: NonNullable<ParsedRequest<'project.open'>['upload']>): Promise<Response<'project.open'>> {
    const name = path.basename(u.name);
    const bytes = u.base64 !== undefined ? Buffer.from(u.base64, 'base64') : Buffer.from(u.text ?? '', 'utf8');
    const format = detectModelFormat(bytes);
    if (format) {
      const files = new Map((u.files ?? []).map((f) => [f.name, f.base64]));
      if (format === 'tfjs') {
        // The weight files are the model's; the page sends the ones the user chose with it.
        const missing = weightFilesOf(bytes).filter((w) => !files.has(w));
        if (missing.length)
          throw new ApiError('invalid', `${name} keeps its weights in ${missing.join(', ')}: choose ${missing.length === 1 ? 'that file' : 'those files'} together with ${name} in the Open dialog (they are in the folder beside it)`);
      }
      // The worker imports files: the upload becomes a private folder of them, for that long.
      const dir = await mkdtemp(path.join(tmpdir(), 'layerlab-import-'));
      try {
        const file = path.join(dir, name);
        await writeFile(file, bytes);
        for (const [f, b64] of files) if (f !== name) await writeFile(path.join(dir, f), Buffer.from(b64, 'base64'));
        return await this.importModel(file, name);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
    const result = parseProject(u.text ?? bytes.toString('utf8'), name);
    if (!result.ok) throw new ApiError('invalid', result.error);
    // An upload of a file this workspace holds byte for byte is that file (its runs with it).
    this.setDoc(await this.workspaceFileFor(u.name, u.text ?? bytes.toString('utf8')), { name });
    return this.opened(result.project, result.warnings, name);
  }

  /** A model file becomes a new, unsaved document named after the file; its weights become a
   *  run in that document's unsaved runs folder, which moves beside the file at the first save. */
  private async importModel(file: string, shown: string, folder?: string): Promise<Response<'project.open'>> {
    const id = newDocumentId();
    const runsDir = unsavedRunsDir(this.unsavedRoot(), id);
    // 'model.json' says little: its folder names a TensorFlow.js model, where it is known.
    const stem = shown.replace(/\.(keras|json)$/i, '');
    const name = stem && stem.toLowerCase() !== 'model' ? stem : folder || undefined;
    const r = await this.trainer
      .ask((requestId) => ({ type: 'importModel', requestId, file, runsDir, from: shown, ...(name ? { name } : {}) }), `importing ${shown}`)
      .catch((e: Error) => {
        // Named as the user knows the file, never by the host's folder.
        const message = reword(e.message, [[file, shown], [path.dirname(file), '.']]);
        throw new ApiError(e instanceof ApiError && e.code !== 'failed' ? e.code : 'invalid', message);
      });
    this.setDoc(null, null, false, id);
    return this.opened(r.project, r.warnings, null, { file: shown, format: FORMAT_LABELS[r.format], runId: r.runId, weights: r.weightValues });
  }

  // --- Runs ----------------------------------------------------------------------------------

  /** The open document's runs folder: beside its file, or the unsaved runs of its id. */
  private runsDir(): string {
    if (this.doc.path) return runsDirFor(this.doc.path);
    return unsavedRunsDir(this.unsavedRoot(), this.doc.id);
  }

  // --- My blocks -----------------------------------------------------------------------------

  /** The library folder: the workspace's in browser mode, the app's data folder in Electron. */
  private blocksDir(): string {
    return path.join(path.resolve(this.opts.workspace ?? this.unsavedRoot()), 'my-blocks');
  }

  /** A block's file, from an id the contract has already checked (no dots, no separators). */
  private blockFile(id: string): string {
    const dir = this.blocksDir();
    const file = path.join(dir, `${id}${BLOCK_SUFFIX}`);
    if (path.dirname(file) !== dir) throw new ApiError('forbidden', `'${id}' is not a block name`);
    return file;
  }

  private async listBlocks() {
    const dir = this.blocksDir();
    const names = await readdir(dir).catch(() => [] as string[]);
    const blocks: { id: string; block: BlockFile }[] = [];
    for (const name of names.sort()) {
      if (!name.endsWith(BLOCK_SUFFIX)) continue;
      const id = name.slice(0, -BLOCK_SUFFIX.length);
      if (!blockIdSchema.safeParse(id).success) continue;
      // Only plain files of a sane size; a broken or foreign file is passed by, not fatal.
      const st = await lstat(path.join(dir, name)).catch(() => null);
      if (!st?.isFile() || st.size > MAX_BLOCK_BYTES) continue;
      const text = await readFile(path.join(dir, name), 'utf8').catch(() => null);
      let json: unknown = null;
      try {
        json = text === null ? null : JSON.parse(text);
      } catch {
        continue;
      }
      const parsed = blockFileSchema.safeParse(json);
      if (parsed.success) blocks.push({ id, block: parsed.data });
    }
    return { blocks };
  }

  private async saveBlock(block: BlockFile) {
    const id = blockIdFor(block.name);
    const text = `${JSON.stringify(block, null, 2)}\n`;
    if (Buffer.byteLength(text) > MAX_BLOCK_BYTES) throw new ApiError('invalid', `the block is over ${MAX_BLOCK_BYTES / 1024} KiB`);
    await mkdir(this.blocksDir(), { recursive: true });
    await writeFileAtomic(this.blockFile(id), text);
    return { id };
  }

  private unsavedRoot(): string {
    return this.opts.unsavedRunsRoot ?? this.opts.workspace ?? path.join(tmpdir(), 'layerlab');
  }

  /** The session's job when it belongs to the open document: started from it, or recording
   *  into its runs folder (a saved project opened again). */
  private jobHere(): JobRecord | null {
    const j = this.job;
    return j && (j.documentId === this.doc.id || j.runsDir === this.runsDir()) ? j : null;
  }

  /** The folder holding one of the open document's runs (the job's run may still be in the
   *  unsaved folder it started in, after a save mid-run). */
  private whereOf(runId: string): string {
    const j = this.jobHere();
    return j && j.runId === runId ? j.runsDir : this.runsDir();
  }

  /** One run of the open document, or not-found naming it. */
  private async readRun(runId: string): Promise<RunDoc> {
    try {
      return await readRun({ runsDir: this.whereOf(runId) }, runId);
    } catch (e) {
      if (/no such file/.test((e as Error).message)) throw new ApiError('not-found', `no run '${runId}' in this project`);
      throw e;
    }
  }

  /** A lesson's embedded data file, written once into the host's lesson-data/ folder (named
   *  by its content's hash) and chosen for this session, with the project's dataset pointing
   *  at it: the lesson needs no file beside it. */
  private async withLessonData(project: Project): Promise<Project> {
    const data = project.lesson?.data;
    const file = project.dataset?.file;
    const root = this.opts.workspace ?? this.opts.unsavedRunsRoot;
    if (!data || !file || !root || path.basename(file) !== data.name) return project;
    const dir = path.join(root, 'lesson-data', createHash('sha256').update(data.text).digest('hex').slice(0, 16));
    await mkdir(dir, { recursive: true });
    const target = path.join(dir, data.name);
    // Named by its content: a copy already there is this one.
    await writeFile(target, data.text, { flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
    await this.files.allowPicked(target);
    return { ...project, dataset: { ...project.dataset!, file: this.files.nameFor(target) } };
  }

  /** The project's CSV data file, for a lesson to embed (read only as training would read it). */
  private async embedData(dataset: DatasetRef): Promise<Response<'lessons.embed'>> {
    if (!dataset.file || !/\.csv$/i.test(dataset.file) || (dataset.format && dataset.format !== 'csv')) throw new ApiError('invalid', 'only a CSV data file can be embedded in a lesson (built-in datasets need no embedding)');
    const c = await this.files.check(dataset);
    const size = (await stat(c.ref.file!)).size;
    if (size > LESSON_DATA_BYTES) throw new ApiError('invalid', `${c.shown} is ${(size / 1024).toFixed(0)} KiB; a lesson embeds at most ${LESSON_DATA_BYTES / 1024} KiB (hand the file out beside the lesson instead)`);
    const name = path.basename(dataset.file);
    const parsed = lessonDataName.safeParse(name);
    if (!parsed.success) throw new ApiError('invalid', `${name}: ${parsed.error.issues[0]?.message ?? 'not a CSV file name'}; rename the file to embed it`);
    return { name, text: await readFile(c.ref.file!, 'utf8') };
  }

  /** The app's lessons (beside the templates) or the workspace's shared ones. */
  private lessonsDir(source: 'built-in' | 'shared'): string {
    if (source === 'built-in') return path.join(this.opts.templatesDir, 'lessons');
    const root = this.opts.workspace ?? this.opts.unsavedRunsRoot;
    if (!root) throw new ApiError('unavailable', 'this host has no workspace to keep shared lessons in');
    return path.join(root, 'lessons');
  }

  private async listLessons(): Promise<Response<'templates.list'>['lessons']> {
    const out: Response<'templates.list'>['lessons'] = [];
    for (const source of ['built-in', 'shared'] as const) {
      let dir: string;
      try {
        dir = this.lessonsDir(source);
      } catch {
        continue;
      }
      // No shared lessons yet: no folder.
      const ids = await templateIds(dir).catch(() => [] as string[]);
      for (const id of ids) {
        const p = await loadLesson(id, dir).catch(() => null);
        if (!p?.lesson) continue;
        out.push({ id, source, title: p.lesson.title, description: p.description, steps: p.lesson.steps.length, datasetId: p.dataset?.id });
      }
    }
    return out;
  }

  /** Where a training's start weights come from: one of the open document's runs, found as
   *  evaluate and export find theirs; a run without usable weights is refused here. */
  private async initSource(runId: string, documentId?: string): Promise<{ runsDir: string; runId: string }> {
    const other = documentId !== undefined && documentId !== this.doc.id;
    const dir = other ? this.earlier.get(documentId) : this.whereOf(runId);
    if (!dir) throw new ApiError('not-found', `initFrom: no document '${documentId}' was open in this session`);
    const run = await readRun({ runsDir: dir }, runId).catch((e: Error) => {
      if (/no such file/.test(e.message)) throw new ApiError('not-found', `initFrom: no run '${runId}' in ${other ? 'that document' : 'this project'}`);
      throw new ApiError('invalid', `initFrom: ${e.message}`);
    });
    if (!hasUsableModel(run))
      throw new ApiError('invalid', `initFrom: run ${runId}${run.label ? ` (${run.label})` : ''} has no saved weights to start from (${effectiveStatus(run)}, ${run.epochs.length} epochs finished); pick another run or start from fresh weights`);
    return { runsDir: dir, runId };
  }

  /** Runs with weights of the documents open before this one (newest document first). */
  private async elsewhere(hash: string): Promise<NonNullable<Response<'runs.list'>['elsewhere']>> {
    const here = this.runsDir();
    const out: NonNullable<Response<'runs.list'>['elsewhere']> = [];
    const seen = new Set([here]);
    for (const [documentId, dir] of [...this.earlier].reverse()) {
      if (documentId === this.doc.id || seen.has(dir)) continue;
      seen.add(dir);
      // A folder that is gone or unreadable just offers nothing.
      const { runs } = await listRuns({ runsDir: dir }).catch(() => ({ runs: [] as RunDoc[] }));
      for (const r of runs) if (hasUsableModel(r)) out.push({ ...runSummary(r, hash), documentId, project: r.project.name });
    }
    return out;
  }

  private async listRuns(project: Project): Promise<Response<'runs.list'>> {
    const dir = this.runsDir();
    const { runs, warnings } = await listRuns({ runsDir: dir });
    const job = this.jobHere();
    if (job?.runId && job.runsDir !== dir && !runs.some((r) => r.id === job.runId)) {
      const live = await readRun({ runsDir: job.runsDir }, job.runId).catch(() => null);
      if (live) runs.unshift(live);
    }
    const hash = projectHash(project);
    return {
      documentId: this.doc.id,
      runs: runs.map((r) => runSummary(r, hash)),
      warnings,
      job: job ? { jobId: job.jobId, runId: job.runId, running: job.running } : null,
      elsewhere: await this.elsewhere(hash),
    };
  }

  private async evaluateRun(runId: string, split: 'test' | 'train'): Promise<Response<'evaluate'>> {
    const run = await this.readRun(runId);
    // A finished run evaluated its final model on the test split as it ended.
    if (split === 'test' && run.evaluation) {
      const stored = evaluationSchema.safeParse(run.evaluation);
      if (stored.success) return stored.data;
    }
    if (!hasUsableModel(run)) throw new ApiError('not-found', `run ${runId} has no saved weights to evaluate (${effectiveStatus(run)}, ${run.epochs.length} epochs finished)`);
    const c = await this.files.check(run.project.dataset ?? noDataset());
    return this.trainer.evaluateRun(this.whereOf(runId), runId, split, c.ref).catch((e: Error) => rethrow(e, c));
  }

  /** A view inside one of the open document's runs, on the run's dataset as the host resolves it. */
  private async inspectRun(req: InspectChannelRequest): Promise<Response<'views.inspect'>> {
    const run = await this.readRun(req.runId);
    if (!hasUsableModel(run)) throw new ApiError('not-found', `run ${req.runId} has no saved weights to look inside (${effectiveStatus(run)}, ${run.epochs.length} epochs finished)`);
    const c = await this.files.check(run.project.dataset ?? noDataset());
    const { runId, ...inspect } = req;
    return this.trainer.inspectRun(this.whereOf(runId), runId, c.ref, inspect).catch((e: Error) => rethrow(e, c));
  }

  private runsChanged(reason: EventPayload<'runs.changed'>['reason'], runId?: string): void {
    this.opts.emit('runs.changed', { documentId: this.doc.id, reason, ...(runId ? { runId } : {}) });
  }

  /** After a first save: the unsaved runs move beside the file (a run still training follows
   *  when it ends). */
  private async moveRunsAlong(from: string): Promise<void> {
    const r = await moveRuns({ runsDir: from }, { runsDir: this.runsDir() });
    if (r.moved.length) this.runsChanged('moved');
  }

  private async onJob(e: Parameters<NonNullable<ConstructorParameters<typeof Trainer>[0]['onJob']>>[0]): Promise<void> {
    const j = this.job && this.job.jobId === e.jobId ? this.job : null;
    if (e.type === 'run') {
      if (j) j.runId = e.runId;
      else this.announced.set(e.jobId, e.runId);
      if (!j || j.documentId === this.doc.id) this.runsChanged('started', e.runId);
      return;
    }
    if (!j) return;
    j.running = false;
    // Saved while it trained: the run joins its document's other runs now.
    if (j.runId && j.documentId === this.doc.id && j.runsDir !== this.runsDir()) {
      const r = await moveRuns({ runsDir: j.runsDir }, { runsDir: this.runsDir() }).catch(() => null);
      if (r?.moved.includes(j.runId)) j.runsDir = this.runsDir();
    }
    this.runsChanged('ended', j.runId ?? undefined);
  }

  /** Browser mode: the workspace's own file of that name, when the upload is exactly it. */
  private async workspaceFileFor(name: string, text: string): Promise<string | null> {
    if (!this.opts.workspace) return null;
    const file = path.join(path.resolve(this.opts.workspace), path.basename(name));
    const onDisk = await readFile(file, 'utf8').catch(() => null);
    return onDisk === text ? file : null;
  }

  /** Why a project's dataset would be refused, in words, or null when it may be read. */
  private async datasetRefusal(dataset: DatasetRef): Promise<string | null> {
    try {
      await this.files.check(dataset);
      return null;
    } catch (e) {
      return e instanceof ApiError && e.code === 'forbidden' ? e.message : null;
    }
  }

  /** A utility request about checked data; its errors name the files as the project does. */
  private askWorker<K extends WorkerRequestType>(c: CheckedRef, what: string, make: (requestId: number) => WorkerRequest<K>): Promise<WorkerReply<K>> {
    return this.trainer.ask(make, what).catch((e: Error) => rethrow(e, c));
  }

  private async preview(dataset: DatasetRef, samples = 24): Promise<Response<'datasets.preview'>> {
    const c = await this.files.check(dataset);
    const key = JSON.stringify([c.key, samples]);
    let p = datasetPreviewCache.get(key);
    if (!p) {
      const raw = await this.askWorker(c, `previewing ${c.shown}`, (requestId) => ({ type: 'datasetPreview', requestId, dataset: c.ref, samples }));
      p = dataset.file !== undefined ? { ...raw, id: dataset.file } : raw;
      if (datasetPreviewCache.size >= PREVIEW_CACHE_SIZE) datasetPreviewCache.delete(datasetPreviewCache.keys().next().value!);
      datasetPreviewCache.set(key, p);
    }
    return p;
  }

  /** An image folder: browser mode writes the uploaded images into a fresh workspace folder; Electron's dialog picks one. */
  private async importImages(req: ParsedRequest<'datasets.import'>): Promise<Response<'datasets.import'>> {
    const upload = req.images;
    let dir: string | null;
    if (upload) {
      // Every name is checked before anything is written: one bad name refuses the whole folder.
      // A folder name the disk cannot hold is replaced, not refused: it only names the new folder.
      const problems = imageUploadProblems(upload.files.map((f) => f.name));
      if (problems.length) throw new ApiError('invalid', `image folder ${upload.name} not imported: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
      if (!this.opts.dialogs.dataUploadDir) throw new ApiError('unavailable', 'this host imports image folders through its folder dialog; send { folder: true } instead of an upload');
      dir = await this.opts.dialogs.dataUploadDir(folderNameProblem(upload.name) ? 'images' : upload.name);
      try {
        for (const f of upload.files) {
          const [cls, name] = f.name.split('/') as [string, string];
          const target = path.join(dir, cls, name);
          // Belt and braces: the checked name cannot leave the folder.
          if (path.relative(dir, target).split(path.sep).length !== 2) throw new ApiError('invalid', `${f.name}: not a "class/file" name`);
          await mkdir(path.join(dir, cls), { recursive: true });
          await writeFile(target, Buffer.from(f.base64, 'base64'), { flag: 'wx' });
        }
      } catch (e) {
        await rm(dir, { recursive: true, force: true });
        throw e;
      }
    } else {
      if (!this.opts.dialogs.pickDataFolder) throw new ApiError('unavailable', 'in browser mode, an image folder is uploaded: send its images as `images`');
      dir = await this.opts.dialogs.pickDataFolder();
      if (!dir) return { canceled: true };
      await this.files.allowPicked(dir);
    }
    const name = upload ? this.files.nameFor(dir) : dir;
    const dataset: DatasetRef = { file: name, format: 'images' };
    try {
      await this.preview(dataset);
    } catch (e) {
      if (upload) await rm(dir, { recursive: true, force: true });
      if (e instanceof ApiError && (e.code === 'forbidden' || e.code === 'timeout')) throw e;
      const msg = (e as Error).message;
      throw new ApiError('invalid', upload ? msg.split(dir).join(upload.name).split(name).join(upload.name) : msg);
    }
    return { canceled: false, dataset, name: path.basename(dir) };
  }

  private async importDataset(req: ParsedRequest<'datasets.import'>): Promise<Response<'datasets.import'>> {
    if (req.images || req.folder) {
      if (req.upload) throw new ApiError('invalid', 'give a CSV upload or an image folder, not both');
      return this.importImages(req);
    }
    let file: string | null;
    const upload = req.upload;
    if (upload) {
      if (!/\.(csv|tsv|txt)$/i.test(upload.name)) throw new ApiError('invalid', `${upload.name}: only CSV files (.csv, .tsv, .txt) can be uploaded`);
      if (!this.opts.dialogs.dataUploadPath) throw new ApiError('unavailable', 'this host imports data through its file dialog; send {} instead of an upload');
      file = await this.opts.dialogs.dataUploadPath(upload.name);
      await writeFile(file, upload.text);
    } else {
      if (!this.opts.dialogs.pickDataFile) throw new ApiError('unavailable', 'in browser mode, Import uploads the chosen CSV file: send its contents as `upload`');
      file = await this.opts.dialogs.pickDataFile();
      if (!file) return { canceled: true };
      // The user chose it: this session may read it, wherever it is (devices and /proc aside).
      await this.files.allowPicked(file);
    }
    // An upload is stored in the workspace and named relative to it (or to the project's folder).
    const name = upload ? this.files.nameFor(file) : file;
    const dataset: DatasetRef = {
      file: name,
      ...(upload || /\.(csv|tsv|txt)$/i.test(file) ? { format: 'csv' as const } : {}),
      ...(req.labelColumn !== undefined || req.columns
        ? { options: { ...(req.labelColumn !== undefined ? { labelColumn: req.labelColumn } : {}), ...(req.columns ? { columns: req.columns } : {}) } }
        : {}),
    };
    try {
      // Loading it once proves it is a dataset (and warms the preview cache).
      await this.preview(dataset);
    } catch (e) {
      // A half-read file never stays behind looking like a dataset.
      if (upload) await rm(file, { force: true });
      const msg = (e as Error).message;
      if (e instanceof ApiError && (e.code === 'forbidden' || e.code === 'timeout')) throw e;
      throw new ApiError('invalid', upload ? msg.split(file).join(upload.name).split(name).join(upload.name) : msg);
    }
    return { canceled: false, dataset, name: path.basename(file) };
  }

  private async exportProject(req: ParsedRequest<'export'>): Promise<Response<'export'>> {
    // An export reads no data, but a project that names a file outside what the user chose is
    // refused here as everywhere, before any dialog opens.
    if (req.project.dataset) await this.files.check(req.project.dataset);
    let run: RunDoc | null = null;
    if (req.runId) {
      run = await this.readRun(req.runId);
      // Never the model of another graph under this project's name without being asked.
      if (req.graph !== 'run' && run.hash !== projectHash(req.project)) {
        const changes = describeChanges(run.project, req.project).text || 'its settings differ';
        throw new ApiError('invalid', `run ${run.id}${run.label ? ` (${run.label})` : ''} trained an older graph: ${changes}; export the run's own graph (graph: 'run') or train the project again`);
      }
      if ((req.format === 'tfjs' || req.format === 'onnx' || req.format === 'pytorch') && !hasUsableModel(run)) throw new ApiError('not-found', `run ${run.id} has no saved weights to export (${effectiveStatus(run)}, ${run.epochs.length} epochs finished)`);
    }
    const source = run && req.graph === 'run' ? run.project : req.project;
    const stem = fileStem(req.suggestedName ?? req.project.name);
    // Formats that carry weights, and the Keras script of a run (its weights beside it), are
    // written by a worker that holds the model, then checked against the app's predictions.
    const kerasOfRun = req.format === 'keras-py' && run !== null && hasUsableModel(run);
    if (req.format === 'tfjs' || req.format === 'onnx' || req.format === 'pytorch' || kerasOfRun) {
      const target =
        req.format === 'tfjs' ? await this.opts.dialogs.pickExportDir(stem)
        : req.format === 'pytorch' ? await this.opts.dialogs.pickExportDir(`${stem}-pytorch`)
        : req.format === 'onnx' ? await this.opts.dialogs.pickSaveFile(withExt(stem, 'onnx'), 'onnx')
        : await this.opts.dialogs.pickSaveFile(withExt(stem, 'keras-py'), 'keras-py');
      if (!target) return { canceled: true };
      // The parity check runs on the run's dataset, resolved by the host as for evaluate.
      const named = run ? run.project.dataset : req.project.dataset;
      const data = named ? await this.files.check(named) : null;
      const project = data ? { ...req.project, dataset: data.ref } : req.project;
      const where = run ? this.whereOf(run.id) : '';
      const done =
        req.format === 'tfjs'
          ? run ? this.trainer.exportRunTfjs(where, run.id, target, data?.ref) : this.trainer.exportTfjs(req.jobId, project, target)
          : req.format === 'pytorch'
            ? run ? this.trainer.exportRunPytorch(where, run.id, target, data?.ref) : this.trainer.exportPytorch(req.jobId, project, target)
            : req.format === 'onnx'
              ? run ? this.trainer.exportRunOnnx(where, run.id, target, data?.ref) : this.trainer.exportOnnx(req.jobId, project, target)
              : this.trainer.exportRunKeras(where, run!.id, target, data?.ref);
      const reply = await done.catch((e: Error) => (data ? rethrow(e, data) : Promise.reject(e)));
      const files = 'files' in reply ? reply.files : [path.basename(target)];
      return { canceled: false, location: target, files, parity: reply.parity, ...(run ? {} : { untrained: true }) };
    }
    const kind: SaveKind = req.format === 'project' ? 'project' : (req.format as 'keras-py' | 'tfjs-js');
    const file = await this.opts.dialogs.pickSaveFile(withExt(stem, kind), kind);
    if (!file) return { canceled: true };
    const text = kind === 'project' ? serializeProject(source) : kind === 'keras-py' ? toKerasScript(source) : toTfjsScript(source);
    await writeFile(file, text);
    return { canceled: false, location: file, files: [path.basename(file)] };
  }
}

/** An error from a worker, its resolved paths reworded to the names the project uses. */
type InspectChannelRequest = InspectRequest & { runId: string };

function rethrow(e: Error, c: CheckedRef): never {
  const message = reword(e.message, c.names);
  if (e instanceof ApiError) throw new ApiError(e.code, message);
  throw new ApiError('failed', message);
}

/** The weight files a TensorFlow.js model.json names (its manifest's paths). */
function weightFilesOf(bytes: Uint8Array): string[] {
  const doc = JSON.parse(new TextDecoder().decode(bytes)) as { weightsManifest?: { paths?: unknown }[] };
  const paths = Array.isArray(doc.weightsManifest) ? doc.weightsManifest.flatMap((g) => (Array.isArray(g?.paths) ? g.paths : [])) : [];
  return paths.filter((p): p is string => typeof p === 'string');
}

/** Training, search and evaluation need the data; a project file may name none. */
function noDataset(): never {
  throw new ApiError('invalid', NO_DATASET);
}
