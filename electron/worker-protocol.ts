// Messages between a session's trainer (host side) and its training worker (a child process
// or a worker thread). One worker per job: it trains, then keeps the model for evaluate and
// export until disposed.
import type { DatasetRef, Project } from '../engine/project/types.js';
import type { TrainingEvent } from '../engine/train/events.js';

export type ToWorker =
  /** Train the project on its dataset. */
  | { type: 'train'; project: Project; backend?: string; batchEvery?: number }
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
  | { type: 'done'; status: 'finished' | 'stopped' | 'failed'; hasModel: boolean }
  | { type: 'reply'; requestId: number; ok: true; value: unknown }
  | { type: 'reply'; requestId: number; ok: false; message: string };
