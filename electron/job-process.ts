// A training worker run as a child process, behind the part of worker_threads' Worker that
// Trainer uses. Dawn's Node binding (the webgpu backend) may only be used from a process's
// main thread: from a worker thread it has crashed the whole host. So jobs run in a process
// of their own, where the ladder can pick the GPU, and a crash there ends only that job.
// Messages go through the IPC channel with V8's serializer ('advanced'), which keeps typed
// arrays and the other structured-clone types a worker thread's port carries.
import { fork, type ChildProcess, type Serializable } from 'node:child_process';
import { EventEmitter } from 'node:events';

/** What Trainer needs of its worker, thread or process. */
export interface JobWorker {
  on(event: 'message', listener: (message: unknown) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  on(event: 'exit', listener: (code: number) => void): this;
  postMessage(message: unknown): void;
  /** Ends the worker; resolves with its exit code. */
  terminate(): Promise<number>;
  /** Lets the host exit while this worker still runs. */
  unref(): void;
}

export class ProcessWorker extends EventEmitter implements JobWorker {
  private readonly child: ChildProcess;
  private readonly exited: Promise<number>;

  /** Runs `file` (a .js or .mjs module) with `args` under this process's Node (Electron's, as
   *  Node, inside Electron). The host's own flags (tsx's loader) are not passed on; `execArgv`
   *  (a heap limit) is the worker's own. */
  constructor(file: string, args: string[] = [], execArgv: string[] = []) {
    super();
    // Inside Electron, process.execPath is Electron itself: told to run as plain Node.
    const env = process.versions.electron ? { ...process.env, ELECTRON_RUN_AS_NODE: '1' } : process.env;
    this.child = fork(file, args, { serialization: 'advanced', execArgv, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (m) => this.emit('message', m));
    this.child.on('error', (e) => this.emit('error', e));
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        const c = code ?? (signal ? 1 : 0);
        this.emit('exit', c);
        resolve(c);
      });
    });
  }

  postMessage(message: unknown): void {
    // A message to a process that has gone is dropped, as a terminated thread's would be; the
    // exit event reports the loss.
    if (this.child.connected) this.child.send(message as Serializable);
  }

  async terminate(): Promise<number> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    return this.exited;
  }

  unref(): void {
    this.child.unref();
    (this.child.channel as { unref?: () => void } | undefined)?.unref?.();
  }
}
