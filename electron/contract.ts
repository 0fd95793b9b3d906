// The one API contract between the renderer and its host (Electron main process or the
// browser-mode host): every channel's request and response schema, and every event's
// payload schema. Imported by the preload, the main process, the web host and the
// renderer; whoever receives a message validates it here. Pure: no Electron, no Node.
import { z } from 'zod';
import { datasetSchema } from '../engine/project/schema.js';
import { blockFileSchema, blockIdSchema } from '../engine/project/blockFile.js';
import {
  backendEntrySchema,
  datasetInfoSchema,
  datasetPreviewSchema,
  datasetSummarySchema,
  evaluationSchema,
  projectSchema,
  trainingEventSchema,
  trainingReplaySchema,
} from './schemas.js';
import { ACTION_IDS, type ActionId } from './actions.js';
import { MAX_IMAGE_FILES } from './image-upload.js';
import { RUN_STATUSES, runSchema } from '../engine/runs/schema.js';
import { searchChannels, searchEvents } from './search-contract.js';
import { inspectReplySchema, inspectRequestSchema } from '../engine/views/inspect/schemas.js';
import { trainingPlaceSchema, viewWireSchema } from '../engine/views/wire-schema.js';

export { projectSchema, trainingEventSchema, trainingReplaySchema, evaluationSchema, datasetSummarySchema, datasetInfoSchema, datasetPreviewSchema, backendEntrySchema };
export type { Evaluation, DatasetSummaryWire, DatasetPreviewWire, TrainingReplay } from './schemas.js';

/** Browser mode: the largest file the renderer uploads (it checks File.size before reading
 *  it), and, with 1 MiB for the JSON around it, the largest message the host takes. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
export const MAX_MESSAGE_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024;

/** A template or export name: a file name's stem, never a path. */
const safeName = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, 'letters, digits, space, dot, dash or underscore only; no path separators');

/** Where a document lives, as the renderer may know it: a display name, never a path it could write to. */
const docRef = z.object({ name: z.string() });

const canceled = z.object({ canceled: z.literal(true) });

/** A run's id (engine/runs/store.ts newRunId): the only name of a run the renderer sends.
 *  The host finds the runs folder from the session's own document, never from the page. */
export const RUN_ID_PATTERN = /^[0-9a-z]{9}-[0-9a-z]{6}$/;
const runId = z.string().regex(RUN_ID_PATTERN, 'a run id looks like "0mifx3k2a-4q9zt1" (no paths)');

const nullableNumber = z.number().nullable();

/** One row of the runs panel. */
export const runSummarySchema = z.object({
  id: runId,
  label: z.string(),
  createdAt: z.string(),
  /** 'interrupted': it was running in a process that is gone; its finished epochs are kept. */
  status: z.enum([...RUN_STATUSES, 'interrupted']),
  /** Epochs finished, and asked for. */
  epochs: z.number().int(),
  plannedEpochs: z.number().int(),
  backend: z.object({ name: z.string(), device: z.string() }),
  test: z.object({ loss: nullableNumber, accuracy: nullableNumber.optional() }).nullable(),
  /** Whether the project the renderer sent would train what this run trained (hash equal). */
  matchesProject: z.boolean(),
  /** It saved weights that can be evaluated and exported. */
  hasModel: z.boolean(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

/** A run as the renderer reads it: the stored record without the writer's process. */
export const runRecordSchema = runSchema.omit({ writer: true });
export type RunRecord = z.infer<typeof runRecordSchema>;

/**
 * A dataset as the project refers to it (the project document's own schema): a built-in id
 * or a file, with loader options. A `file` is a name the host gave it (an import's answer):
 * relative to the project's folder, or to the workspace in browser mode; the host reads it only inside those folders or when
 * the user picked it through the host's dialog, and never a device or a /proc, /sys file.
 */
const datasetRef = datasetSchema;

/** Opened or loaded: the project and the loader's warnings (migrations, defaults). */
const loaded = z.object({
  canceled: z.literal(false),
  project: projectSchema,
  warnings: z.array(z.string()),
  document: docRef.nullable(),
  /** Open found a model file (TensorFlow.js, Keras) and imported it: the project is a new,
   *  unsaved document, and `runId` the run of it holding the file's weights (null without any). */
  imported: z.object({ file: z.string(), format: z.string(), runId: runId.nullable(), weights: z.number().int().min(0) }).optional(),
});

/** Browser mode's image folder: each image as "class/file.png" (the host checks every name,
 *  electron/image-upload.ts) in base64, all of them together no larger than an upload. */
const imageFolderUpload = z
  .object({
    name: z.string().min(1).max(255),
    files: z.array(z.object({ name: z.string().min(1).max(600), base64: z.string().min(1).max(MAX_UPLOAD_BYTES) })).min(1).max(MAX_IMAGE_FILES),
  })
  .refine((u) => u.files.reduce((n, f) => n + f.base64.length, 0) <= MAX_UPLOAD_BYTES, `the images together may take at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB as base64`);

/** A file's own name as the page knows it: never a path. */
const uploadName = z
  .string()
  .min(1)
  .max(255)
  .refine((n) => !/[/\\\0]/.test(n) && n !== '.' && n !== '..', 'a file name, not a path');

/** Browser mode's Open: the chosen file as text (a project, a model's JSON) or base64 (a
 *  .keras zip), with the other files chosen with it (a model.json's weight files). */
const openUpload = z
  .object({
    name: z.string().min(1).max(255),
    text: z.string().max(MAX_UPLOAD_BYTES).optional(),
    base64: z.string().max(MAX_UPLOAD_BYTES).optional(),
    files: z.array(z.object({ name: uploadName, base64: z.string().max(MAX_UPLOAD_BYTES) })).max(64).optional(),
  })
  .refine((u) => (u.text === undefined) !== (u.base64 === undefined), 'give the file as text or as base64, one of them');

const saved = z.object({
  canceled: z.literal(false),
  document: docRef,
  /** Where it went, in words for the status bar (a path in Electron, a workspace file in browser mode). */
  location: z.string(),
});

export const EXPORT_FORMATS = ['tfjs', 'onnx', 'pytorch', 'keras-py', 'tfjs-js', 'project'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The menu's actions, from the one action table (electron/actions.ts). */
export const MENU_ACTIONS = ACTION_IDS;
export type MenuAction = ActionId;

/** An ONNX export's answer: the bytes written and how its predictions compared with the
 *  app's (`message` is the line to show; unchecked: why not). */
/** How an exported model's predictions compare with the app's (engine/export/parity.ts). */
export const paritySchema = z.object({
  checked: z.boolean(),
  ok: z.boolean(),
  maxAbsDiff: z.number().nullable(),
  samples: z.number().int().min(0),
  sameClass: z.number().int().min(0).nullable(),
  /** Where the inputs came from: 'test split', 'training split' or 'random inputs'. */
  source: z.string().optional(),
  /** The first value past the tolerance. */
  first: z.object({ sample: z.number().int(), index: z.number().int(), exported: z.number(), app: z.number() }).optional(),
  message: z.string(),
});

/** Request/response schemas per channel. */
export const channels = {
  /** A fresh, empty project; forgets the current document's location. */
  'project.new': {
    request: z.object({}),
    response: z.object({ project: projectSchema }),
  },
  /**
   * Electron: an open dialog in the main process (send `{}`).
   * Browser mode: the renderer uploads the chosen file's contents (`upload`), since a
   * browser page cannot name a file on the host. A file that does not parse is an error
   * response whose message names the file and the JSON path. A model file (recognised by its
   * content: a TensorFlow.js model.json, a Keras model's JSON, a .keras zip) is imported
   * (`imported`); a model.json's weight files are part of what the user chose: in Electron
   * the ones it names beside it, in browser mode the files uploaded with it (`files`).
   */
  'project.open': {
    request: z.object({
      upload: openUpload.optional(),
    }),
    response: z.discriminatedUnion('canceled', [canceled, loaded]),
  },
  /** Saves to the current document; asks where (like saveAs) when there is none yet. */
  'project.save': {
    request: z.object({ project: projectSchema }),
    response: z.discriminatedUnion('canceled', [canceled, saved]),
  },
  /** Always asks where. `suggestedName` seeds the dialog (Electron) or names the workspace file (browser mode). */
  'project.saveAs': {
    request: z.object({ project: projectSchema, suggestedName: safeName.optional() }),
    response: z.discriminatedUnion('canceled', [canceled, saved]),
  },
  'templates.list': {
    request: z.object({}),
    response: z.object({
      templates: z.array(
        z.object({
          /** File name without `.layerlab.json`; the card's `data-template`. */
          id: z.string(),
          name: z.string(),
          description: z.string().optional(),
          datasetId: z.string().optional(),
          layers: z.number().int(),
        }),
      ),
      /** Projects that carry a lesson: the app's own (templates/lessons/) and, in the
       *  workspace's lessons/ folder, the ones a teacher shared (lessons.share). */
      lessons: z.array(
        z.object({
          id: z.string(),
          source: z.enum(['built-in', 'shared']),
          title: z.string(),
          description: z.string().optional(),
          steps: z.number().int(),
          datasetId: z.string().optional(),
        }),
      ),
    }),
  },
  /** A template becomes an unsaved new document. */
  'templates.load': {
    /** `lesson`: the id names a lesson, built in or shared; it opens as a new document (the
     *  student's changes are their own copy). */
    request: z.object({ id: safeName, lesson: z.enum(['built-in', 'shared']).optional() }),
    response: loaded,
  },
  /** Writes the project, with its lesson, into the workspace's lessons/ folder under an id
   *  made from `name`, for a link that opens it (browser mode: `?lesson=ID`). */
  'lessons.share': {
    request: z.object({ project: projectSchema, name: safeName }),
    response: z.object({ id: z.string(), location: z.string() }),
  },
  /** The project's CSV data file as text, for a lesson to carry inside it (lesson.data). */
  'lessons.embed': {
    request: z.object({ dataset: datasetRef }),
    response: z.object({ name: z.string(), text: z.string() }),
  },
  'datasets.list': {
    request: z.object({}),
    response: z.object({ datasets: z.array(datasetSummarySchema) }),
  },
  /** Loads a dataset (as the project refers to it, options included) to learn its shapes, for the checker. */
  'datasets.info': {
    request: z.object({ dataset: datasetRef }),
    response: datasetInfoSchema,
  },
  /** The data panel's look at a dataset: sizes, shapes, class balance, sample images or rows, 2-D points. */
  'datasets.preview': {
    request: z.object({ dataset: datasetRef, samples: z.number().int().min(0).max(64).optional() }),
    response: datasetPreviewSchema,
  },
  /**
   * Imports a data file. Electron: an open dialog in the main process (send `{}`).
   * Browser mode: the renderer uploads a CSV file's contents; the host stores it in its
   * workspace under a name it chooses. Either way the answer is the reference the project
   * stores; a file that does not load is an error naming the file, row and column.
   */
  'datasets.import': {
    request: z.object({
      upload: z.object({ name: z.string().min(1).max(255), text: z.string().min(1).max(MAX_UPLOAD_BYTES) }).optional(),
      /** Browser mode: an image folder, one sub-folder per class, written into a new workspace folder. */
      images: imageFolderUpload.optional(),
      /** Electron: the dialog picks an image folder instead of a file. */
      folder: z.boolean().optional(),
      labelColumn: z.union([z.string().min(1), z.number().int().min(0)]).optional(),
      /** Column types the user chose after a refusal (the CSV loader's option `columns`). */
      columns: z.record(z.string().min(1).max(1000), z.enum(['numeric', 'categorical', 'ignore'])).optional(),
    }),
    response: z.discriminatedUnion('canceled', [
      canceled,
      z.object({ canceled: z.literal(false), dataset: datasetRef, name: z.string() }),
    ]),
  },
  /** Starts a job off the UI thread; its events arrive on `training.event`. One job at a time.
   *  `initFrom`: start from the weights of one of the open document's runs (transfer
   *  learning: nodes matched by id and weight shapes; an 'init' event reports which took them),
   *  or, with `documentId`, of another document this session had open (runs.list's `elsewhere`). */
  'training.start': {
    request: z.object({
      project: projectSchema,
      backend: z.string().optional(),
      batchEvery: z.number().int().min(1).optional(),
      initFrom: z.object({ runId, documentId: z.string().max(100).optional() }).optional(),
      /** Start paused: the job waits before its first batch (training.step trains one). */
      paused: z.boolean().optional(),
      /** false: no live views for this job (watching costs some training time). */
      views: z.boolean().optional(),
    }),
    /** `documentId`: the document (runs.list's) the job belongs to and records its run for. */
    response: z.object({ jobId: z.string(), documentId: z.string().optional() }),
  },
  'training.stop': {
    request: z.object({ jobId: z.string(), reason: z.string().optional() }),
    response: z.object({ stopped: z.boolean() }),
  },
  /** Pause the running job after its batch in progress; Step trains exactly one batch more
   *  (then waits again); Resume goes on. `accepted` is false when `jobId` is not running. The
   *  job's state arrives on `training.control`. */
  'training.pause': { request: z.object({ jobId: z.string() }), response: z.object({ accepted: z.boolean() }) },
  'training.resume': { request: z.object({ jobId: z.string() }), response: z.object({ accepted: z.boolean() }) },
  'training.step': { request: z.object({ jobId: z.string() }), response: z.object({ accepted: z.boolean() }) },
  /**
   * The session's current or last job as events, for a page that comes back to a session
   * (a reload in browser mode) and redraws the dashboard before following the live stream.
   * Every event sent before this answer is in it; every event after it is new.
   */
  'training.replay': {
    request: z.object({}),
    response: trainingReplaySchema,
  },
  /**
   * Evaluates a recorded run's saved model (`runId`, of the open document) on its dataset's
   * test (or train) split; a finished run's stored test evaluation is answered as it is. An
   * old run is evaluated from its files, after a restart too. `jobId` (the session's latest
   * job, while its worker keeps the model) is the older form.
   */
  'evaluate': {
    request: z
      .object({ runId: runId.optional(), jobId: z.string().optional(), split: z.enum(['test', 'train']).optional() })
      .refine((r) => (r.runId === undefined) !== (r.jobId === undefined), { message: 'give exactly one of runId and jobId' }),
    response: evaluationSchema,
  },
  /**
   * The open document's runs (beside its file, or in the workspace's unsaved runs while it has
   * none), newest first, each compared with `project` (the renderer's project now). `job` is
   * the session's training job when it was started from this document (null otherwise).
   */
  'runs.list': {
    request: z.object({ project: projectSchema }),
    response: z.object({
      documentId: z.string(),
      runs: z.array(runSummarySchema),
      /** Run folders that could not be read, each naming the folder and why. */
      warnings: z.array(z.string()),
      job: z.object({ jobId: z.string(), runId: runId.nullable(), running: z.boolean() }).nullable(),
      /** Runs with weights of the other documents this session had open, for Train → Start
       *  from (a template trained, then another opened): each with its document and project name. */
      elsewhere: z.array(runSummarySchema.extend({ documentId: z.string(), project: z.string() })).optional(),
    }),
  },
  /** One run of the open document: metrics per epoch and batch, and its settings as trained. */
  'runs.read': {
    request: z.object({ runId }),
    response: z.object({ run: runRecordSchema }),
  },
  /** Sets a run's label ('' clears it). */
  'runs.label': {
    request: z.object({ runId, label: z.string().max(200) }),
    response: z.object({ id: runId, label: z.string() }),
  },
  /** Deletes a run and its weights (not one still training). */
  'runs.delete': {
    request: z.object({ runId }),
    response: z.object({ deleted: z.literal(true) }),
  },
  /**
   * Writes an export through the host. `tfjs` with `runId` writes that run's trained model;
   * without a run, the freshly initialised network of `project`. A run whose graph is not
   * `project`'s any more (the graph was edited since) is refused unless `graph: 'run'` says
   * to export the run's own graph (for the code formats too: its project as trained); so
   * nothing is exported from another graph's model by mistake. `jobId` (the session's latest
   * job) is the older form. Electron asks where; browser mode writes into the host's
   * workspace under exports/. `onnx` writes one `<name>.onnx` file (the run's input scaling
   * inside) and answers how its predictions compare with the app's (`parity`).
   */
  'export': {
    request: z.object({
      format: z.enum(EXPORT_FORMATS),
      project: projectSchema,
      runId: runId.optional(),
      graph: z.enum(['project', 'run']).optional(),
      jobId: z.string().optional(),
      suggestedName: safeName.optional(),
    }),
    response: z.discriminatedUnion('canceled', [
      canceled,
      z.object({
        canceled: z.literal(false),
        location: z.string(),
        files: z.array(z.string()),
        /** Weights formats: the written files run (onnxruntime-node, TensorFlow.js, python3)
         *  against the app's predictions. */
        parity: paritySchema.optional(),
        /** A weights format written without a run: the network's initial weights. */
        untrained: z.boolean().optional(),
      }),
    ]),
  },
  /**
   * One view inside a recorded run of the open document (engine/views/inspect: `about`, the
   * samples to pick from, activations, …): `params` is checked against the view's own schema,
   * the answer's `value` against its reply. The host keeps the run's model loaded in a worker
   * of the session between calls (drawing a digit asks many times a second), for a while.
   */
  'views.inspect': {
    request: inspectRequestSchema({ runId }),
    response: inspectReplySchema,
  },
  'backend.info': {
    request: z.object({}),
    response: z.object({
      active: z.object({ name: z.string(), device: z.string() }).nullable(),
      backends: z.array(backendEntrySchema),
    }),
  },
  /** "My blocks": the user's library of saved blocks, one file each in the library folder the
   *  host chooses (under the workspace, or the app's data folder); the page names a block by
   *  its id, never by a path. */
  'blocks.list': {
    request: z.object({}),
    response: z.object({ blocks: z.array(z.object({ id: blockIdSchema, block: blockFileSchema })) }),
  },
  /** Stores the block under the id of its name (blockIdFor), replacing one of that id. */
  'blocks.save': {
    request: z.object({ block: blockFileSchema }),
    response: z.object({ id: blockIdSchema }),
  },
  'blocks.delete': {
    request: z.object({ id: blockIdSchema }),
    response: z.object({ deleted: z.boolean() }),
  },
  /** Hyper-parameter search (./search-contract.ts): search.start, search.stop. */
  ...searchChannels,
} as const;

/** Payload schemas per event (host → renderer). */
export const events = {
  'training.event': trainingEventSchema,
  /** A live view of the running job's model (decision boundary and neuron maps, or the fitted
   *  curve and cost surface), every few batches and on every step while paused. */
  'training.view': z.object({ jobId: z.string(), view: viewWireSchema, ...trainingPlaceSchema.shape }),
  /** The running job paused (waiting after `step` batches) or went on. */
  'training.control': z.object({ jobId: z.string(), paused: z.boolean(), ...trainingPlaceSchema.shape }),
  /** Application menu and accelerators (Electron); the renderer performs the action. */
  'menu.action': z.object({ action: z.enum(MENU_ACTIONS) }),
  /** The host's document changed name (save as, open). */
  'document.changed': docRef.nullable(),
  /** The open document's runs changed (a run began, ended, was labelled, deleted or moved
   *  along with a save), or the document itself changed (`document`): list them again. */
  'runs.changed': z.object({ documentId: z.string(), reason: z.enum(['document', 'started', 'ended', 'labelled', 'deleted', 'moved']), runId: runId.optional() }),
  /** A search's trials starting, their epochs, each trial's result, and the ranked end. */
  ...searchEvents,
} as const;

export type Channel = keyof typeof channels;
export type EventName = keyof typeof events;
export type Request<C extends Channel> = z.input<(typeof channels)[C]['request']>;
/** A request after validation (defaults applied). */
export type ParsedRequest<C extends Channel> = z.output<(typeof channels)[C]['request']>;
export type Response<C extends Channel> = z.output<(typeof channels)[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const CHANNELS = Object.keys(channels) as Channel[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** Error codes a response may carry; `invalid` means the payload broke the contract,
 *  `forbidden` that it names a file outside what the user chose, `timeout` that the work ran
 *  over its time limit and was stopped. */
export const API_ERROR_CODES = ['invalid', 'unknown-channel', 'not-found', 'busy', 'failed', 'unavailable', 'forbidden', 'timeout'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** What travels back for every call: the value, or an error in words. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: ApiErrorCode; message: string } };

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function describe(err: z.ZodError, what: string): string {
  const issues = err.issues.slice(0, 5).map((i) => {
    const path = i.path.length ? i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') : '(root)';
    return `${path.replace(/^\./, '')}: ${i.message}`;
  });
  const more = err.issues.length > 5 ? ` (and ${err.issues.length - 5} more)` : '';
  return `${what}: ${issues.join('; ')}${more}`;
}

/** Validates a request on the receiving side; throws ApiError('invalid') naming the channel and field. */
export function parseRequest<C extends Channel>(channel: C, payload: unknown): ParsedRequest<C> {
  const r = channels[channel].request.safeParse(payload ?? {});
  if (!r.success) throw new ApiError('invalid', describe(r.error, `bad request on '${channel}'`));
  return r.data as ParsedRequest<C>;
}

export function parseResponse<C extends Channel>(channel: C, payload: unknown): Response<C> {
  const r = channels[channel].response.safeParse(payload);
  if (!r.success) throw new ApiError('invalid', describe(r.error, `bad response on '${channel}'`));
  return r.data as Response<C>;
}

export function parseEvent<E extends EventName>(name: E, payload: unknown): EventPayload<E> {
  const r = events[name].safeParse(payload);
  if (!r.success) throw new ApiError('invalid', describe(r.error, `bad event '${name}'`));
  return r.data as EventPayload<E>;
}

/** The API object the renderer holds, whether over Electron IPC or a WebSocket. */
export interface LayerLabApi {
  readonly mode: 'electron' | 'browser';
  /** Calls a channel; resolves with the validated response or rejects with an ApiError. */
  invoke<C extends Channel>(channel: C, request: Request<C>): Promise<Response<C>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** What the preload exposes as `window.layerlab`: raw envelopes, validated by the client. */
export interface PreloadBridge {
  invoke(channel: string, request: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/**
 * A browser tab's session id (browser mode): `crypto.randomUUID()`, kept in the tab's
 * sessionStorage and sent as the `session` query parameter, so a reloaded page gets its
 * session (and its running job) back. It names a session, it grants nothing: the host still
 * asks for the token and the origin first. Anything but a lowercase v4 UUID is refused.
 */
export const SESSION_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export function isSessionId(s: unknown): s is string {
  return typeof s === 'string' && SESSION_ID_PATTERN.test(s);
}

/** Messages of the browser-mode WebSocket protocol, validated by whoever receives them: the
 *  host the client's, the page's bridge (renderer/api/ws-bridge.ts) the host's. The bridge
 *  checks the framing; the client (renderer/api/client.ts) then checks each value and payload
 *  against its channel's or event's schema above. */
export const wsClientMessage = z.object({ id: z.number().int().min(0), channel: z.string(), request: z.unknown() });

/** An envelope as it travels; its value is checked against the channel's response schema. */
export const envelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.enum(API_ERROR_CODES), message: z.string() }) }),
]);

export const wsServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('response'), id: z.number().int().min(0), envelope: envelopeSchema }),
  z.object({ type: z.literal('event'), event: z.enum(EVENT_NAMES as [EventName, ...EventName[]]), payload: z.unknown() }),
]);
export type WsServerMessage = z.output<typeof wsServerMessage>;

/** The host's close code for a socket whose session a newer connection (the same tab,
 *  reloaded) took; the bridge tells the user so in words. */
export const TAKEN_OVER = 4001;
