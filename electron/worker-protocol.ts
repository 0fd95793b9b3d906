// Messages between the host (a session's trainer, the pool's utility worker) and a training
// worker (a child process, a utility process or a worker thread), as one table each way,
// validated on the receiving side like the contract: the worker parses what it is sent
// (parseToWorker), the host what comes back (parseFromWorker) and each reply's value against
// the reply schema of the request it answers (parseReply). One worker per job: it trains,
// then keeps the model for evaluate and export until disposed. Pure: no Electron, no Node.
import { z } from 'zod';
import { datasetSchema, projectSchema } from '../engine/project/schema.js';
import { trainingEventSchema } from '../engine/train/events.js';
import { ApiError, paritySchema } from './contract.js';
import { inspectReplySchema, inspectRequestSchema } from '../engine/views/inspect/schemas.js';
import { backendEntrySchema, datasetInfoSchema, datasetPreviewSchema, evaluationSchema } from './schemas.js';
import { trainingPlaceSchema, viewWireSchema } from '../engine/views/wire-schema.js';

const backend = z.string().min(1).optional();

export const onnxExportSchema = z.object({ bytes: z.number().int().min(0), parity: paritySchema });

/** Messages that start or steer a job. The worker answers them with `ready` or `startFailed`,
 *  then the job's `event`s, `run` and `done`, not with a reply. */
export const workerCommands = {
  /** Train the project on its dataset; with `record`, the worker records the training as a
   *  run in that runs folder as it goes (engine/runs: run.json + model/ after each epoch).
   *  `record.project` is the project as its document names it (a data file by the name the
   *  project uses, where `project` has the host's resolved path): the run keeps that one. */
  train: z.object({
    project: projectSchema,
    backend,
    batchEvery: z.number().int().min(1).optional(),
    record: z
      .object({
        runsDir: z.string().min(1),
        label: z.string().optional(),
        project: projectSchema.optional(),
        search: z.object({ id: z.string(), params: z.record(z.string(), z.unknown()), rung: z.number().int().min(0).optional() }).optional(),
      })
      .optional(),
    /** Start from the weights of the run `runId` in `runsDir` (the host checked it has some). */
    initFrom: z.object({ runsDir: z.string().min(1), runId: z.string().min(1) }).optional(),
    /** Start paused: the job waits before its first batch for `step` or `resume`. */
    paused: z.boolean().optional(),
    /** Send the live views' snapshots (`view` messages) where the dataset has some; default true. */
    views: z.boolean().optional(),
  }),
  /** Load a recorded run's saved model (and its project as trained), for evaluate and export;
   *  `dataset` is the run's dataset as the host resolved it. */
  loadRun: z.object({ runsDir: z.string().min(1), runId: z.string().min(1), backend, dataset: datasetSchema.optional() }),
  /** Only build the (untrained) model, for an export without training. */
  build: z.object({ project: projectSchema, backend }),
  stop: z.object({ reason: z.string().optional() }),
  /** Pause the job after the batch in progress; `step` trains one batch more; `resume` goes on.
   *  Each change is answered by a `control` message with where the job waits. */
  pause: z.object({}),
  resume: z.object({}),
  step: z.object({}),
} as const;

/** Questions, each with a `requestId` the worker's `reply` carries back: the request's fields
 *  and the schema of the reply's value. */
export const workerRequests = {
  /** The job's (or loaded run's) model on a split of its dataset. */
  evaluate: { request: z.object({ split: z.enum(['test', 'train']) }), reply: evaluationSchema },
  /** Writes the model as TensorFlow.js files into `dir` (the run's scaling as its first
   *  layers), loads them back and runs them on up to 256 test samples against the model. */
  exportTfjs: { request: z.object({ dir: z.string().min(1) }), reply: z.object({ files: z.array(z.string()), parity: paritySchema }) },
  /** Writes the model as one `.onnx` file (the run's scaling inside), then runs that file with
   *  onnxruntime-node on up to 256 test samples against the model's own predictions. */
  exportOnnx: { request: z.object({ file: z.string().min(1) }), reply: onnxExportSchema },
  /** A PyTorch folder (model.py, weights.npz, metadata.json) in `dir`, run by python3 on up
   *  to 256 test samples against the model where torch imports. */
  exportPytorch: { request: z.object({ dir: z.string().min(1) }), reply: z.object({ files: z.array(z.string()), parity: paritySchema }) },
  /** The Keras script `file` and the run's weights beside it (NAME.weights.npz). */
  exportKeras: { request: z.object({ file: z.string().min(1) }), reply: z.object({ files: z.array(z.string()), parity: paritySchema }) },
  /** One inspect view of the loaded run's model (engine/views/inspect), on its dataset. */
  inspect: { request: z.object({ inspect: inspectRequestSchema({}) }), reply: inspectReplySchema },
  // Utility requests, answered by a worker that trains nothing, so the host never loads TensorFlow.js.
  /** Answered once the worker has loaded: its start-up does not count against a request's time. */
  ping: { request: z.object({}), reply: z.literal('pong') },
  backends: { request: z.object({}), reply: z.array(backendEntrySchema) },
  datasetInfo: { request: z.object({ dataset: datasetSchema }), reply: datasetInfoSchema },
  datasetPreview: { request: z.object({ dataset: datasetSchema, samples: z.number().int().min(0).optional() }), reply: datasetPreviewSchema },
  /** Imports the model file `file` (engine/import: a model.json's weight files are read beside
   *  it) and, when it has weights, records them as a run in `runsDir`; `from` is the file as
   *  the user knows it (the run's label and record), `name` the project's name. */
  importModel: {
    request: z.object({ file: z.string().min(1), runsDir: z.string().min(1), from: z.string().min(1), name: z.string().min(1).max(200).optional() }),
    reply: z.object({
      project: projectSchema,
      format: z.enum(['tfjs', 'keras-json', 'keras']),
      runId: z.string().nullable(),
      weightValues: z.number().int().min(0),
      warnings: z.array(z.string()),
    }),
  },
} as const;

export type WorkerCommandType = keyof typeof workerCommands;
export type WorkerRequestType = keyof typeof workerRequests;

export type WorkerCommand<K extends WorkerCommandType> = { type: K } & z.output<(typeof workerCommands)[K]>;
/** A request's own fields (zod gives an empty object the type Record<string, never>, which
 *  no message with a `type` would fit). */
type Fields<T> = string extends keyof T ? unknown : T;
/** A `K` request as the host sends it. */
export type WorkerRequest<K extends WorkerRequestType> = { type: K; requestId: number } & Fields<z.output<(typeof workerRequests)[K]['request']>>;
/** The value a reply to a `K` request carries. */
export type WorkerReply<K extends WorkerRequestType> = z.output<(typeof workerRequests)[K]['reply']>;

/** What every request has, whatever its type: for code that passes requests on. */
export type AnyRequestHead = { type: WorkerRequestType; requestId: number };

export type AnyWorkerCommand = { [K in WorkerCommandType]: WorkerCommand<K> }[WorkerCommandType];
export type AnyWorkerRequest = { [K in WorkerRequestType]: WorkerRequest<K> }[WorkerRequestType];

export type ToWorker = AnyWorkerCommand | AnyWorkerRequest;

const requestId = z.number().int().min(0);

/** What the worker sends back. */
export const fromWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), jobId: z.string().min(1) }),
  z.object({ type: z.literal('startFailed'), message: z.string() }),
  z.object({ type: z.literal('event'), event: trainingEventSchema }),
  /** A live view of the job's model (engine/views/live.ts), after `step` batches. */
  z.object({ type: z.literal('view'), view: viewWireSchema, ...trainingPlaceSchema.shape }),
  /** The job waits (paused) after `step` batches, or goes on (paused: false). */
  z.object({ type: z.literal('control'), paused: z.boolean(), ...trainingPlaceSchema.shape }),
  /** The job's run was created (its data loaded, its first run.json written). */
  z.object({ type: z.literal('run'), runId: z.string().min(1) }),
  /** After the run's last write; `recordError` when some write of the run failed. */
  z.object({ type: z.literal('done'), status: z.enum(['finished', 'stopped', 'failed']), hasModel: z.boolean(), recordError: z.string().optional() }),
  /** The answer to a request: its value (checked by parseReply against the request's type) or why not. */
  z.discriminatedUnion('ok', [
    z.object({ type: z.literal('reply'), requestId, ok: z.literal(true), value: z.unknown() }),
    z.object({ type: z.literal('reply'), requestId, ok: z.literal(false), message: z.string() }),
  ]),
]);
export type FromWorker = z.output<typeof fromWorkerSchema>;

function describe(err: z.ZodError, what: string): string {
  const issues = err.issues.slice(0, 5).map((i) => `${i.path.length ? i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '(root)'}: ${i.message}`);
  return `${what}: ${issues.join('; ')}${err.issues.length > 5 ? ` (and ${err.issues.length - 5} more)` : ''}`;
}

function typeOf(message: unknown): string | null {
  const t = message !== null && typeof message === 'object' ? (message as { type?: unknown }).type : undefined;
  return typeof t === 'string' ? t : null;
}

/** The worker's side: a message from the host, validated against its type's schema. Throws
 *  ApiError('invalid') naming the message type and the field. */
export function parseToWorker(message: unknown): ToWorker {
  const type = typeOf(message);
  if (type !== null && Object.hasOwn(workerCommands, type)) {
    const r = workerCommands[type as WorkerCommandType].safeParse(message);
    if (!r.success) throw new ApiError('invalid', describe(r.error, `bad '${type}' message to the training worker`));
    return { ...r.data, type } as ToWorker;
  }
  if (type !== null && Object.hasOwn(workerRequests, type)) {
    const spec = workerRequests[type as WorkerRequestType];
    const r = spec.request.extend({ requestId }).safeParse(message);
    if (!r.success) throw new ApiError('invalid', describe(r.error, `bad '${type}' request to the training worker`));
    return { ...r.data, type } as ToWorker;
  }
  throw new ApiError('invalid', `unknown message to the training worker: ${type === null ? 'it has no type' : `'${type.slice(0, 40)}'`}`);
}

/** The host's side: a message from a worker. Throws ApiError('invalid') naming the field. */
export function parseFromWorker(message: unknown): FromWorker {
  const r = fromWorkerSchema.safeParse(message);
  if (!r.success) throw new ApiError('invalid', describe(r.error, `bad message from the training worker`));
  return r.data;
}

/** The host's side: a reply's value, checked against what a `type` request answers. */
export function parseReply<K extends WorkerRequestType>(type: K, value: unknown): WorkerReply<K> {
  const r = workerRequests[type].reply.safeParse(value);
  if (!r.success) throw new ApiError('invalid', describe(r.error, `bad reply from the training worker to '${type}'`));
  return r.data as WorkerReply<K>;
}
