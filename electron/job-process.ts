// A training worker run as a process of its own, behind the part of worker_threads' Worker
// that Trainer uses. Dawn's Node binding (the webgpu backend) may only be used from a
// process's main thread: from a worker thread it has crashed the whole host. So jobs run in a
// process of their own, where the ladder can pick the GPU, and a crash there ends only that
// job. Under Node that is a forked child (ProcessWorker); inside Electron, whose runAsNode fuse
// is off, an Electron utility process (UtilityProcessWorker). Both carry structured-clone
// values (V8's serializer, 'advanced', on the child's IPC channel), so typed arrays survive.
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

  /** Runs `file` (a .js or .mjs module) with `args` under this process's Node (plain Node
   *  only: see below). The host's own flags (tsx's loader) are not passed on; `execArgv`
   *  (a heap limit) is the worker's own. */
  constructor(file: string, args: string[] = [], execArgv: string[] = []) {
    super();
    // Inside Electron, process.execPath is Electron itself, and with the runAsNode fuse off
    // (electron-builder.yml) ELECTRON_RUN_AS_NODE is ignored: a fork would start the app again.
    if (process.versions.electron) throw new Error('inside Electron a training worker runs as a utility process (UtilityProcessWorker), not a forked child');
    this.child = fork(file, args, { serialization: 'advanced', execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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

/** The part of an Electron UtilityProcess the worker uses. */
export interface UtilityChild {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'error', listener: (type: string, location: string) => void): unknown;
  postMessage(message: unknown): void;
  kill(): boolean;
}

/** Electron's `utilityProcess.fork`, passed in by main.ts, so that nothing else loads 'electron'
 *  (the browser-mode host and the tests run under plain Node). */
export type UtilityFork = (modulePath: string, args: string[], options: { serviceName: string; stdio: 'inherit'; execArgv: string[] }) => UtilityChild;

export class UtilityProcessWorker extends EventEmitter implements JobWorker {
  private readonly child: UtilityChild;
  private readonly exited: Promise<number>;
  private alive = true;

  /** Runs `file` (an ES module; inside the asar is fine) with `args` in a utility process;
   *  `execArgv` (a heap limit) goes to its Node. The worker talks through process.parentPort. */
  constructor(fork: UtilityFork, file: string, args: string[] = [], execArgv: string[] = []) {
    super();
    this.child = fork(file, args, { serviceName: 'LayerLab training worker', stdio: 'inherit', execArgv });
    this.child.on('message', (m) => this.emit('message', m));
    // V8's fatal errors (out of memory among them); the exit event follows.
    this.child.on('error', (type, location) => this.emit('error', new Error(`${type} at ${location}`)));
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code) => {
        this.alive = false;
        this.emit('exit', code);
        resolve(code);
      });
    });
  }

  postMessage(message: unknown): void {
    // As a terminated thread's would be, a message to a process that has gone is dropped.
    if (this.alive) this.child.postMessage(message);
  }

  async terminate(): Promise<number> {
    if (this.alive) this.child.kill();
    return this.exited;
  }

  /** Nothing to do: a utility process does not keep the app running (its windows do), and
   *  Electron ends it when the app quits. */
  unref(): void {}
}
