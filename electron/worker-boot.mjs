// Runs a TypeScript worker entry under tsx (browser mode and tests: no build step): in a
// worker thread the entry comes as workerData, in a child process as the first argument.
// Messages sent before the entry attaches its listener wait (in the port, or in the IPC
// channel until a 'message' listener exists), so nothing is lost.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData?.entry ?? process.argv[2]);
