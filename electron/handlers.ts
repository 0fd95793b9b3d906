// The API's handlers, shared by the Electron main process and the browser-mode host: each
// validates its request against the contract, then delegates to the engine. One session per
// window (Electron) or per browser tab (browser mode, where a reloaded page takes its session
// back): it remembers where the current document lives, so the renderer never names a path
// to write, keeps the latest training job, and reads data files only where the user pointed
// (./file-access.ts). The host's sessions share one worker pool (./worker-pool.ts).
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { listDatasets } from '../engine/data/index.js';
import { toKerasScript } from '../engine/export/keras.js';
import { toTfjsScript } from '../engine/export/tfjsCode.js';
import { loadProjectFile, parseProject, saveProjectFile, serializeProject } from '../engine/project/io.js';
import { loadTemplate, templateIds } from '../engine/project/templates.js';
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
import { autoChoice } from '../engine/backend/auto.js';
import { FileAccess, reword, type CheckedRef } from './file-access.js';
import { Trainer, type WorkerSpec } from './trainer.js';
import type { WorkerPool } from './worker-pool.js';

type BackendEntry = Response<'backend.info'>['backends'][number];

// Loading a dataset to learn its shapes is slow for the big ones; shapes never change.
const datasetInfoCache = new Map<string, Response<'datasets.info'>>();
// Previews are small but cost a full load; a few dozen cover a session's clicking around.
const datasetPreviewCache = new Map<string, Response<'datasets.preview'>>();
const PREVIEW_CACHE_SIZE = 32;

export type SaveKind = 'project' | 'keras-py' | 'tfjs-js';

/** Where files come from and go: native dialogs in Electron, the workspace folder in browser mode. */
export interface Dialogs {
  /** A project file to open, or null when the user cancels. */
  pickOpenFile(): Promise<string | null>;
  pickSaveFile(suggestedName: string, kind: SaveKind): Promise<string | null>;
  /** A folder for TensorFlow.js model files. */
  pickExportDir(suggestedName: string): Promise<string | null>;
  /** A data file (CSV, IDX) or image folder to import, or null on cancel. Electron only. */
  pickDataFile?(): Promise<string | null>;
  /** Where an uploaded data file is stored: a fresh host-chosen file. Browser mode only. */
  dataUploadPath?(name: string): Promise<string>;
}

export interface SessionOptions {
  dialogs: Dialogs;
  templatesDir: string;
  /** The host's shared workers; a session without one (tests, scripts) gets its own from `worker`. */
  pool?: WorkerPool;
  worker?: WorkerSpec;
  /** Browser mode's workspace: data files may be read there, and relative names resolve there without a document. */
  workspace?: string;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

type Handler<C extends Channel> = (req: ParsedRequest<C>) => Promise<Response<C>>;
type HandlerTable = { [C in Channel]: Handler<C> };

const EXT: Record<SaveKind, string> = { project: '.layerlab.json', 'keras-py': '.py', 'tfjs-js': '.mjs' };

/** A file-name stem for dialogs and workspace files, from a project name. */
export function stemOf(name: string): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ._-]+/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 80);
  return stem || 'untitled';
}

export function withExt(stem: string, kind: SaveKind): string {
  return stem.endsWith(EXT[kind]) ? stem : `${stem}${EXT[kind]}`;
}

export class Session {
  /** The current document's file, when it has one. */
  private docPath: string | null = null;
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
    });
    this.table = {
      'project.new': async () => {
        this.setDoc(null);
        return { project: blankProject() };
      },
      'project.open': async (req) => {
        let result;
        let name: string;
        if (req.upload) {
          name = path.basename(req.upload.name);
          result = parseProject(req.upload.text, name);
        } else {
          const file = await opts.dialogs.pickOpenFile();
          if (!file) return { canceled: true };
          name = path.basename(file);
          result = await loadProjectFile(file);
          if (result.ok) this.setDoc(file);
        }
        if (!result.ok) throw new ApiError('invalid', result.error);
        if (req.upload) this.setDoc(null, { name });
        // Opening reads no data; a dataset file outside what the user chose is said now, and refused when used.
        const refused = await this.datasetRefusal(result.project.dataset);
        return { canceled: false, project: result.project, warnings: [...result.warnings, ...(refused ? [refused] : [])], document: { name } };
      },
      'project.save': async (req) => {
        if (!this.docPath) return this.saveAs(req.project, undefined);
        await saveProjectFile(this.docPath, req.project);
        return { canceled: false, document: { name: path.basename(this.docPath) }, location: this.docPath };
      },
      'project.saveAs': async (req) => this.saveAs(req.project, req.suggestedName),
      'templates.list': async () => {
        const templates = [];
        for (const id of await templateIds(opts.templatesDir)) {
          // A broken template is the catalog's bug (its own test catches it); the gallery skips it.
          const p = await loadTemplate(id, opts.templatesDir).catch(() => null);
          if (!p) continue;
          templates.push({ id, name: p.name, description: p.description, datasetId: p.dataset.id, layers: p.graph.nodes.length });
        }
        return { templates };
      },
      'templates.load': async (req) => {
        const project = await loadTemplate(req.id, opts.templatesDir).catch((e: Error) => {
          throw new ApiError(/unknown template/.test(e.message) ? 'not-found' : 'failed', e.message);
        });
        this.setDoc(null);
        return { canceled: false, project, warnings: [], document: null };
      },
      'datasets.list': async () => ({ datasets: listDatasets() }),
      'datasets.info': async (req) => {
        const c = await this.files.check(req.dataset);
        let info = datasetInfoCache.get(c.key);
        if (!info) {
          const raw = (await this.askWorker(c, `reading the shapes of ${c.shown}`, (requestId) => ({ type: 'datasetInfo', requestId, dataset: c.ref }))) as Response<'datasets.info'>;
          // A file's dataset is named as the project names it, never by the host's full path.
          info = req.dataset.file !== undefined ? { ...raw, id: req.dataset.file, name: path.basename(req.dataset.file) } : raw;
          datasetInfoCache.set(c.key, info);
        }
        return info;
      },
      'datasets.preview': async (req) => this.preview(req.dataset, req.samples),
      'datasets.import': async (req) => this.importDataset(req),
      'training.start': async (req) => {
        const c = await this.files.check(req.project.dataset);
        const project = { ...req.project, dataset: c.ref };
        return { jobId: await this.trainer.start(project, { backend: req.backend, batchEvery: req.batchEvery }).catch((e: Error) => rethrow(e, c)) };
      },
      'training.stop': async (req) => ({ stopped: this.trainer.stop(req.jobId, req.reason) }),
      'training.replay': async () => this.trainer.replay(),
      'evaluate': async (req) => this.trainer.evaluate(req.jobId, req.split ?? 'test'),
      'export': async (req) => this.exportProject(req),
      'backend.info': async () => {
        // Asked when a page connects and when a run begins or ends: the first Train's worker starts now.
        this.trainer.pool.prewarm();
        const backends = (await this.trainer.backends()) as BackendEntry[];
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
    await this.trainer.dispose();
  }

  private setDoc(file: string | null, doc?: { name: string }): void {
    this.docPath = file;
    this.files.projectDir = file ? path.dirname(path.resolve(file)) : null;
    this.opts.emit('document.changed', file ? { name: path.basename(file) } : (doc ?? null));
  }

  private async saveAs(project: Project, suggested: string | undefined): Promise<Response<'project.save'>> {
    const file = await this.opts.dialogs.pickSaveFile(withExt(stemOf(suggested ?? project.name), 'project'), 'project');
    if (!file) return { canceled: true };
    await saveProjectFile(file, project);
    this.setDoc(file);
    return { canceled: false, document: { name: path.basename(file) }, location: file };
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
  private askWorker(c: CheckedRef, what: string, make: Parameters<Trainer['ask']>[0]): Promise<unknown> {
    return this.trainer.ask(make, what).catch((e: Error) => rethrow(e, c));
  }

  private async preview(dataset: DatasetRef, samples = 24): Promise<Response<'datasets.preview'>> {
    const c = await this.files.check(dataset);
    const key = JSON.stringify([c.key, samples]);
    let p = datasetPreviewCache.get(key);
    if (!p) {
      const raw = (await this.askWorker(c, `previewing ${c.shown}`, (requestId) => ({ type: 'datasetPreview', requestId, dataset: c.ref, samples }))) as Response<'datasets.preview'>;
      p = dataset.file !== undefined ? { ...raw, id: dataset.file } : raw;
      if (datasetPreviewCache.size >= PREVIEW_CACHE_SIZE) datasetPreviewCache.delete(datasetPreviewCache.keys().next().value!);
      datasetPreviewCache.set(key, p);
    }
    return p;
  }

  private async importDataset(req: ParsedRequest<'datasets.import'>): Promise<Response<'datasets.import'>> {
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
      ...(req.labelColumn !== undefined ? { options: { labelColumn: req.labelColumn } } : {}),
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
    await this.files.check(req.project.dataset);
    const stem = stemOf(req.suggestedName ?? req.project.name);
    if (req.format === 'tfjs') {
      const dir = await this.opts.dialogs.pickExportDir(stem);
      if (!dir) return { canceled: true };
      const files = await this.trainer.exportTfjs(req.jobId, req.project, dir);
      return { canceled: false, location: dir, files };
    }
    const kind: SaveKind = req.format === 'project' ? 'project' : req.format;
    const file = await this.opts.dialogs.pickSaveFile(withExt(stem, kind), kind);
    if (!file) return { canceled: true };
    const text = kind === 'project' ? serializeProject(req.project) : kind === 'keras-py' ? toKerasScript(req.project) : toTfjsScript(req.project);
    await writeFile(file, text);
    return { canceled: false, location: file, files: [path.basename(file)] };
  }
}

/** An error from a worker, its resolved paths reworded to the names the project uses. */
function rethrow(e: Error, c: CheckedRef): never {
  const message = reword(e.message, c.names);
  if (e instanceof ApiError) throw new ApiError(e.code, message);
  throw new ApiError('failed', message);
}
