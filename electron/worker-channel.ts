// The training worker's line to its host, whichever way it was started: a worker thread
// (worker_threads' parentPort), an Electron utility process (process.parentPort, whose
// messages arrive wrapped in a MessageEvent), or a forked child process (process.send).
// All three carry structured-clone values, so typed arrays arrive as typed arrays.
import { parentPort as threadPort } from 'node:worker_threads';

/** What the worker needs of the channel. */
export interface HostChannel {
  readonly kind: 'thread' | 'utility' | 'process';
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): void;
}

/** Electron's `process.parentPort` inside a utility process (Electron.ParentPort). */
export interface UtilityParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

/** The channel this worker was started with. A worker thread is checked first (a thread
 *  inside a utility process or a child still talks to its own parent thread); a utility
 *  process has no IPC channel (no process.send), a forked child no parentPort. */
export function hostChannel(): HostChannel {
  const thread = threadPort;
  if (thread) {
    return { kind: 'thread', postMessage: (m) => thread.postMessage(m), on: (_event, f) => void thread.on('message', f) };
  }
  const proc = process as NodeJS.Process & { parentPort?: UtilityParentPort };
  const utility = proc.parentPort;
  if (utility) {
    // The parent closing ends a utility process with it (Chromium reaps its children).
    return { kind: 'utility', postMessage: (m) => utility.postMessage(m), on: (_event, f) => void utility.on('message', (e) => f(e.data)) };
  }
  const send = proc.send?.bind(proc);
  if (send) {
    // The host went away (closed, or killed): nothing is left to work for.
    proc.on('disconnect', () => process.exit(0));
    return { kind: 'process', postMessage: (m) => void send(m as Parameters<typeof send>[0]), on: (_event, f) => void proc.on('message', f) };
  }
  throw new Error('the training worker must run as a worker thread, an Electron utility process or a forked child process (found no parentPort and no IPC channel)');
}
