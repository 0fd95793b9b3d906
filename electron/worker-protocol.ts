// Messages between a session's trainer (host side) and its training worker (a child process
// or a worker thread). One worker per job: it trains, then keeps the model for evaluate and
// export until disposed.
import type { DatasetRef, Project } from '../engine/project/types.js';
import type { TrainingEvent } from '../engine/train/events.js';

export type ToWorker =
  /** Train the project on its dataset; with `record`, the worker records the training as a
   *  run in that runs folder as it goes (engine/runs: run.json + model/ after each epoch).
   *  `record.project` is the project as its document names it (a data file by the name the
   *  project uses, where `project` has the host's resolved path): the run keeps that one. */
  | { type: 'train'; project: Project; backend?: string; batchEvery?: number; record?: { runsDir: string; label?: string; project?: Project; search?: { id: string; params: Record<string, unknown>; rung?: number } } }
  /** Load a recorded run's saved model (and its project as trained), for evaluate and export;
   *  `dataset` is the run's dataset as the host resolved it. */
  | { type: 'loadRun'; runsDir: string; runId: string; backend?: string; dataset?: DatasetRef }
  /** Only build the (untrained) model, for an export without training. */
  | { type: 'build'; project: Project; backend?: string }
  | { type: 'stop'; reason?: string }
  | { type: 'evaluate'; requestId: number; split: 'test' | 'train' }
  | { type: 'exportTfjs'; requestId: number; dir: string }
  /** Utility requests, answered by a worker that trains nothing, so the host never loads TensorFlow.js. */
  /** Answered once the worker has loaded: its start-up does not count against a request's time. */
  | { type: 'ping'; requestId: number }
  | { type: 'backends'; requestId: number }
  | { type: 'datasetInfo'; requestId: number; dataset: DatasetRef }
  | { type: 'datasetPreview'; requestId: number; dataset: DatasetRef; samples?: number };

export type FromWorker =
  | { type: 'ready'; jobId: string }
  | { type: 'startFailed'; message: string }
  | { type: 'event'; event: TrainingEvent }
  /** The job's run was created (its data loaded, its first run.json written). */
  | { type: 'run'; runId: string }
  /** After the run's last write; `recordError` when some write of the run failed. */
  | { type: 'done'; status: 'finished' | 'stopped' | 'failed'; hasModel: boolean; recordError?: string }
  | { type: 'reply'; requestId: number; ok: true; value: unknown }
  | { type: 'reply'; requestId: number; ok: false; message: string };
